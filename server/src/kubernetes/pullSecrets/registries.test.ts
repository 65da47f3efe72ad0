import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coversBySegments, isLoopback, isNodeAuthenticated, isWellKnownPublic, normaliseRegistryEntry } from './registries';

test('trusted/private entries cover whole segments, normalised like references', () => {
  assert.ok(coversBySegments('ghcr.io/acme', 'ghcr.io/acme/x'));
  assert.ok(!coversBySegments('ghcr.io/acme', 'ghcr.io/acmecorp/x'));
  assert.ok(coversBySegments('ghcr.io', 'ghcr.io/acmecorp/x'));
  assert.ok(coversBySegments('https://GHCR.io/acme/', 'ghcr.io/acme/x'));
  assert.ok(coversBySegments('index.docker.io/library', 'docker.io/library/nginx'));
  assert.ok(coversBySegments('bitnami', 'docker.io/bitnami/redis'));
  assert.equal(normaliseRegistryEntry('localhost:5000'), 'localhost:5000');
  assert.equal(normaliseRegistryEntry('docker.io'), 'docker.io');
});

test('registry classes', () => {
  for (const r of ['docker.io', 'quay.io', 'ghcr.io', 'registry.k8s.io', 'gcr.io', 'mcr.microsoft.com', 'public.ecr.aws']) assert.ok(isWellKnownPublic(r), r);
  assert.ok(!isWellKnownPublic('registry.acme.com'));
  for (const r of ['localhost', 'localhost:5000', '127.0.0.1:5000', '[::1]:5000']) assert.ok(isLoopback(r), r);
  for (const r of ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'acme.azurecr.io', 'europe-west1-docker.pkg.dev', 'eu.gcr.io']) assert.ok(isNodeAuthenticated(r), r);
  assert.ok(!isNodeAuthenticated('registry.acme.com'));
});
