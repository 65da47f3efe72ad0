import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { planCleanup } from './cleanup';
import { formatAge, formatSize, matchesFilter, shortDigest } from './format';
import { nextLink } from './paging';
import { kubectlCreateSecretCommand, pullSecretManifest, validSecretName } from './pullSecret';
import { parseRegistryAddress } from './url';

test('Link headers: relative, absolute, several links, rel lists', () => {
  const base = new URL('http://r:5000/v2/_catalog?n=2');
  assert.equal(nextLink('</v2/_catalog?last=a%2Fb&n=100>; rel="next"', base)?.href, 'http://r:5000/v2/_catalog?last=a%2Fb&n=100');
  assert.equal(nextLink('<https://cdn.example/v2/x/tags/list?last=b>; rel=next', base)?.href, 'https://cdn.example/v2/x/tags/list?last=b');
  assert.equal(nextLink('<http://a/prev>; rel="prev", <http://a/next>; rel="next last"', base)?.href, 'http://a/next');
  assert.equal(nextLink('<http://a/prev>; rel="prev"', base), undefined);
  assert.equal(nextLink(undefined, base), undefined);
});

test('registry addresses', () => {
  assert.deepEqual(Object.values(parseRegistryAddress('localhost:5000/team/app')).map(String), ['http://localhost:5000/', 'localhost:5000', 'team/app']);
  assert.equal(parseRegistryAddress('harbor.example.com').baseUrl.href, 'https://harbor.example.com/');
  assert.equal(parseRegistryAddress('harbor.example.com', true).baseUrl.href, 'http://harbor.example.com/');
  assert.equal(parseRegistryAddress('https://127.0.0.1:5000/v2/').baseUrl.href, 'https://127.0.0.1:5000/');
  assert.deepEqual([parseRegistryAddress('docker.io/library').host, parseRegistryAddress('index.docker.io').baseUrl.href], ['docker.io', 'https://registry-1.docker.io/']);
  assert.throws(() => parseRegistryAddress('ftp://x'), /must use http or https/);
  assert.throws(() => parseRegistryAddress('  '), /empty/);
});

test('formatting for descriptions', () => {
  assert.equal(shortDigest('sha256:' + 'ab'.repeat(32)), 'sha256:abababababab');
  assert.deepEqual([formatSize(999), formatSize(1234), formatSize(52_428_800)], ['999 B', '1.2 KB', '52.4 MB']);
  const now = Date.parse('2025-01-10T00:00:00Z');
  assert.equal(formatAge('2025-01-07T00:00:00Z', now), '3 days ago');
  assert.equal(formatAge('2024-11-01T00:00:00Z', now), '2 months ago');
  assert.equal(formatAge('0001-01-01T00:00:00Z', now), '');
  assert.ok(matchesFilter('team/App', 'app'));
  assert.ok(matchesFilter('v1.2.3', 'v1.*'));
  assert.ok(!matchesFilter('v2.0', 'v1.*'));
});

test('cleanup plan: age, pattern, kept tags, undated tags, keep newest', () => {
  const now = Date.parse('2025-01-31T00:00:00Z');
  const tags = [
    { name: 'latest', date: '2024-01-01T00:00:00Z' },
    { name: 'pr-1', date: '2024-12-01T00:00:00Z' },
    { name: 'pr-2', date: '2025-01-30T00:00:00Z' },
    { name: 'v1.0', date: '2024-06-01T00:00:00Z' },
    { name: 'pr-3' },
  ];
  const byAge = planCleanup(tags, { olderThanDays: 30, now });
  assert.deepEqual(byAge.remove.map((t) => t.name), ['pr-1', 'v1.0']);
  assert.deepEqual(byAge.undated, ['pr-3']);
  assert.deepEqual(planCleanup(tags, { pattern: 'pr-*', now }).remove.map((t) => t.name), ['pr-1', 'pr-2', 'pr-3']);
  assert.deepEqual(planCleanup(tags, { pattern: '/^pr-[12]$/', olderThanDays: 30, now }).remove.map((t) => t.name), ['pr-1']);
  assert.deepEqual(planCleanup(tags, { pattern: 'pr-*', keepNewest: 1, now }).remove.map((t) => t.name), ['pr-1', 'pr-3']);
  assert.throws(() => planCleanup(tags, {}), /needs an age, a pattern/);
});

test('pull Secret manifest and kubectl command', () => {
  const yaml = pullSecretManifest({ name: 'regcred', namespace: 'web', registry: 'docker.io', username: 'me', password: 'p@ss' });
  assert.match(yaml, /WARNING: this file holds a registry credential/);
  const doc = parse(yaml) as { kind: string; type: string; metadata: { name: string; namespace: string }; data: Record<string, string> };
  assert.deepEqual([doc.kind, doc.type, doc.metadata.name, doc.metadata.namespace], ['Secret', 'kubernetes.io/dockerconfigjson', 'regcred', 'web']);
  const config = JSON.parse(Buffer.from(doc.data['.dockerconfigjson']!, 'base64').toString()) as { auths: Record<string, { auth: string }> };
  assert.equal(Buffer.from(config.auths['https://index.docker.io/v1/']!.auth, 'base64').toString(), 'me:p@ss');
  const command = kubectlCreateSecretCommand({ name: 'regcred', registry: 'reg.example:5000', username: "o'neil" });
  assert.equal(command, `kubectl create secret docker-registry regcred --docker-server=reg.example:5000 --docker-username='o'\\''neil' --docker-password="$REGISTRY_PASSWORD"`);
  assert.equal(validSecretName('Bad_Name') !== undefined, true);
  assert.equal(validSecretName('regcred'), undefined);
});
