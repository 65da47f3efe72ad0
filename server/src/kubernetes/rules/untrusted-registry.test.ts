import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod, sites } from './ruleTesting';

test('untrusted-registry: whole segments of the normalised name', () => {
  const config = { trustedRegistries: ['ghcr.io/acme', 'docker.io/library'] };
  assert.deepEqual(sites('untrusted-registry', pod('    image: ghcr.io/acme/app:1\n'), config), []);
  assert.deepEqual(sites('untrusted-registry', pod('    image: ghcr.io/acmecorp/app:1\n'), config), [[6, 4, 33]]);
  assert.deepEqual(sites('untrusted-registry', pod('    image: nginx:1\n'), config), [], 'docker.io/library/nginx');
  assert.deepEqual(sites('untrusted-registry', pod('    image: bitnami/redis:7\n'), config), [[6, 4, 26]]);
  assert.deepEqual(sites('untrusted-registry', pod('    image: bitnami/redis:7\n')), [], 'off without trustedRegistries');
});
