import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod, sites } from './ruleTesting';

test('image-missing: on the container item without image, on the image: line when empty', () => {
  assert.deepEqual(sites('image-missing', pod('    command: [sh]\n')), [[5, 4, 13]]);
  assert.deepEqual(sites('image-missing', pod('    image: ""\n')), [[6, 4, 13]]);
  assert.deepEqual(sites('image-missing', pod('    image: nginx:1\n', '  initContainers:\n  - name: init\n')), [[5, 4, 14]], 'init containers too');
  assert.deepEqual(sites('image-missing', pod('    image: nginx:1\n')), []);
});

test('image-missing: a merged anchor supplies the image', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nx-base: &base {image: "nginx:1"}\nspec:\n  containers:\n  - <<: *base\n    name: app\n';
  assert.deepEqual(sites('image-missing', text), []);
});
