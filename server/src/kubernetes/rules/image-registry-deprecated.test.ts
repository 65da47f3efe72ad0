import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintIn } from '../testing';
import { pod, sites } from './ruleTesting';

test('image-registry-deprecated: k8s.gcr.io only; the fix edits just the host', () => {
  assert.deepEqual(sites('image-registry-deprecated', pod('    image: k8s.gcr.io/pause:3.9\n')), [[6, 4, 31]]);
  assert.deepEqual(sites('image-registry-deprecated', pod('    image: registry.k8s.io/pause:3.9\n')), []);
  assert.deepEqual(sites('image-registry-deprecated', pod('    image: gcr.io/k8s-staging/pause:3.9\n')), []);
  const [finding] = lintIn({ '/ws/p.yaml': pod('    image: k8s.gcr.io/pause:3.9\n') }, '/ws/p.yaml').filter((f) => f.code === 'image-registry-deprecated');
  assert.deepEqual(finding!.fixes![0]!.edits, [{ range: { start: { line: 6, character: 11 }, end: { line: 6, character: 21 } }, newText: 'registry.k8s.io' }]);
});
