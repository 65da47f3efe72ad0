import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod, sites } from './ruleTesting';

test('image-not-digest-pinned: off unless requireDigest (or the rule is raised)', () => {
  assert.deepEqual(sites('image-not-digest-pinned', pod('    image: nginx:1.27\n')), []);
  assert.deepEqual(sites('image-not-digest-pinned', pod('    image: nginx:1.27\n'), { requireDigest: true }), [[6, 4, 21]]);
  assert.deepEqual(sites('image-not-digest-pinned', pod('    image: nginx:1.27\n'), { rules: { 'image-not-digest-pinned': 'error' } }), [[6, 4, 21]]);
  assert.deepEqual(sites('image-not-digest-pinned', pod(`    image: nginx@sha256:${'3'.repeat(64)}\n`), { requireDigest: true }), []);
  assert.deepEqual(sites('image-not-digest-pinned', pod('    image: nginx:1.27\n'), { requireDigest: true, rules: { 'image-not-digest-pinned': 'off' } }), []);
});
