import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanBadge } from './badge';
import { ScanCache, cacheKeyOf } from './cache';
import { HARBOR_ALPINE, fixtureText, trivyFixture } from './fixtures.testutil';
import { findScanFor } from './imageMatch';
import { parseScanText } from './parse';

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-scan-cache-'));
  try { await fn(dir); } finally { await rm(dir, { recursive: true, force: true }); }
}

test('results are keyed by image digest, not by tag, and keep the scan time', () => withDir(async (dir) => {
  let clock = Date.parse('2026-01-01T10:00:00Z');
  const cache = new ScanCache(dir, () => new Date(clock));
  const harbor = parseScanText(fixtureText(HARBOR_ALPINE, 'vulnerabilities-addition.json'));
  const digest = 'sha256:' + 'ab'.repeat(32);
  const first = await cache.put(harbor, 'harbor.example/library/alpine:3.10');
  assert.equal(first.key, digest);
  assert.equal(first.scannedAt, '2026-01-01T10:00:00.000Z');
  clock += 60_000;
  // The same image scanned again under another tag: still one entry, both tags known.
  const second = await cache.put(harbor, 'harbor.example/library/alpine:stable');
  assert.equal(second.key, digest);
  assert.equal((await cache.list()).length, 1);
  assert.equal((await cache.findByReference('harbor.example/library/alpine:stable'))?.scannedAt, '2026-01-01T10:01:00.000Z');
  // A fresh cache over the same folder reads it back.
  const again = new ScanCache(dir);
  const stored = await again.get(digest);
  assert.equal(stored?.report.findings.length, 4);
  assert.deepEqual(stored?.entry.counts, { CRITICAL: 0, HIGH: 0, MEDIUM: 4, LOW: 0, UNKNOWN: 0 });
}));

test('a Trivy image report without RepoDigests falls back to the image ID; a repository scan to a content hash', () => {
  const alpine = parseScanText(trivyFixture('alpine-310.json'));
  assert.equal(cacheKeyOf(alpine), 'sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4');
  const digest = 'sha256:' + '1'.repeat(64);
  assert.equal(cacheKeyOf(alpine, `alpine@${digest}`), digest);
  const npm = parseScanText(trivyFixture('npm.json'));
  assert.match(cacheKeyOf(npm), /^content:[0-9a-f]{64}$/);
  assert.equal(cacheKeyOf(npm), cacheKeyOf(parseScanText(trivyFixture('npm.json'))));
});

test('references in code find the scan through the one reference parser (Docker Hub normalisation, tags, digests)', () => withDir(async (dir) => {
  const cache = new ScanCache(dir);
  const alpine = parseScanText(trivyFixture('alpine-310.json'));
  await cache.put(alpine, 'alpine:3.10');
  assert.ok(await cache.findByReference('docker.io/library/alpine:3.10'));
  assert.ok(await cache.findByReference('index.docker.io/library/alpine:3.10'));
  assert.ok(await cache.findByReference('ghcr.io/aquasecurity/trivy-test-images:alpine-310'), 'RepoTags are known too');
  assert.equal(await cache.findByReference('alpine:3.11'), undefined);
  assert.equal(await cache.findByReference('alpine'), undefined, 'alpine means alpine:latest');
  assert.equal(await cache.findByReference('quay.io/library/alpine:3.10'), undefined);
  assert.equal(await cache.findByReference('not a reference'), undefined);
}));

test('the newest matching scan wins; digests match exactly', () => {
  const d1 = 'sha256:' + '1'.repeat(64);
  const d2 = 'sha256:' + '2'.repeat(64);
  const scans = [
    { digest: d1, references: ['docker.io/library/nginx:1.27'], scannedAt: '2026-01-01T00:00:00Z' },
    { digest: d2, references: ['docker.io/library/nginx:1.27'], scannedAt: '2026-02-01T00:00:00Z' },
  ];
  assert.equal(findScanFor(scans, 'nginx:1.27')?.digest, d2);
  assert.equal(findScanFor(scans, `nginx@${d1}`)?.digest, d1);
  assert.equal(findScanFor(scans, `nginx:1.27@${d1}`)?.digest, d1);
  assert.equal(findScanFor(scans, `nginx@sha256:${'3'.repeat(64)}`), undefined);
});

test('a damaged index starts an empty cache instead of failing', () => withDir(async (dir) => {
  const { writeFile, mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.json'), '{garbage');
  const cache = new ScanCache(dir);
  assert.deepEqual(await cache.list(), []);
  await cache.put(parseScanText(trivyFixture('debian-buster.json')), 'debian:buster');
  assert.equal((await cache.list()).length, 1);
}));

test('tree badge: compact counts, worst severity, tooltip', () => {
  const badge = scanBadge({ CRITICAL: 2, HIGH: 5, MEDIUM: 0, LOW: 1, UNKNOWN: 3 }, '2026-01-01T10:00:00.000Z');
  assert.equal(badge.text, '2C 5H 1L');
  assert.equal(badge.worst, 'CRITICAL');
  assert.equal(badge.tooltip, 'Vulnerabilities: 2 critical, 5 high, 1 low, 3 unknown (scanned 2026-01-01 10:00 UTC)');
  assert.equal(scanBadge({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 }).worst, undefined);
});
