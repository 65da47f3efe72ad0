import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coversBySegments, isCoveredByAny, normaliseRegistryEntry } from './registryPatterns';
import { parseImageReference, type ImageReference } from './reference';

const ref = (text: string): ImageReference => {
  const parsed = parseImageReference(text);
  assert.ok(parsed.ok);
  return parsed.reference;
};

test('entries match whole segments of the normalised name', () => {
  assert.ok(isCoveredByAny(ref('ghcr.io/acme/app:1'), ['ghcr.io/acme']));
  assert.ok(!isCoveredByAny(ref('ghcr.io/acmecorp/app:1'), ['ghcr.io/acme']));
  assert.ok(isCoveredByAny(ref('node:20'), ['docker.io/library']), 'official images normalise to docker.io/library');
  assert.ok(!isCoveredByAny(ref('bitnami/redis:7'), ['docker.io/library']));
  assert.ok(isCoveredByAny(ref('bitnami/redis:7'), ['bitnami']), 'Docker Hub short form');
  assert.ok(isCoveredByAny(ref('nginx'), ['https://index.docker.io/v1']));
  assert.ok(!isCoveredByAny(ref('registry.example.com:5000/app:1'), ['registry.example.com']), 'the port is part of the host');
});

test('hadolint-style globs match within one segment', () => {
  assert.ok(coversBySegments('*.corp.example:5000', 'mirror.corp.example:5000/debian'));
  assert.ok(coversBySegments('*.gcr.io', 'eu.gcr.io/p/app'));
  assert.ok(!coversBySegments('*.gcr.io', 'gcr.io.evil.com/p/app'));
  assert.ok(!coversBySegments('*.gcr.io', 'evil.com/eu.gcr.io/app'));
});

test('normalisation', () => {
  assert.equal(normaliseRegistryEntry('https://GHCR.io/Acme/'), 'ghcr.io/Acme');
  assert.equal(normaliseRegistryEntry('registry-1.docker.io/library'), 'docker.io/library');
  assert.equal(normaliseRegistryEntry('localhost:5000'), 'localhost:5000');
});
