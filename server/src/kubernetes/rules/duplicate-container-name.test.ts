import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod, sites } from './ruleTesting';

test('duplicate-container-name: the second name: line, across init/regular/ephemeral; per Pod', () => {
  assert.deepEqual(sites('duplicate-container-name', pod('    image: a:1\n  - name: app\n    image: b:1\n')), [[7, 4, 13]]);
  assert.deepEqual(sites('duplicate-container-name', pod('    image: a:1\n  ephemeralContainers:\n  - name: app\n    image: b:1\n')), [[8, 4, 13]]);
  const twoPods = pod('    image: a:1\n') + '---\n' + pod('    image: a:1\n');
  assert.deepEqual(sites('duplicate-container-name', twoPods), [], 'different Pods may reuse names');
});
