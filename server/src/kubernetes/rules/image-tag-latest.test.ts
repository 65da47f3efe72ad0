import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod, sites } from './ruleTesting';

test('image-tag-latest: on the image: line, quoted or not; not with a digest', () => {
  assert.deepEqual(sites('image-tag-latest', pod('    image: nginx:latest\n')), [[6, 4, 23]]);
  assert.deepEqual(sites('image-tag-latest', pod("    image: 'ghcr.io/acme/app:latest'\n")), [[6, 4, 36]]);
  assert.deepEqual(sites('image-tag-latest', pod(`    image: nginx:latest@sha256:${'0'.repeat(64)}\n`)), []);
  assert.deepEqual(sites('image-tag-latest', pod('    image: nginx\n')), [], 'no tag is image-tag-missing');
  assert.deepEqual(sites('image-tag-latest', pod('    image: nginx:latest-alpine\n')), []);
});
