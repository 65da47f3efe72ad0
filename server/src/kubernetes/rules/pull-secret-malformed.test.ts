import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod, sites } from './ruleTesting';

test('pull-secret-malformed: strings, missing names, non-lists; [] and {name} are fine', () => {
  const spec = (value: string) => pod('    image: nginx:1\n', `  imagePullSecrets:${value}\n`);
  assert.deepEqual(sites('pull-secret-malformed', spec(' regcred')), [[4, 2, 18]]);
  assert.deepEqual(sites('pull-secret-malformed', spec('\n  - regcred')), [[5, 4, 11]]);
  assert.deepEqual(sites('pull-secret-malformed', spec('\n  - {secret: x}')), [[5, 4, 15]]);
  assert.deepEqual(sites('pull-secret-malformed', spec(' {name: regcred}')), [[4, 2, 18]]);
  assert.deepEqual(sites('pull-secret-malformed', spec(' []')), []);
  assert.deepEqual(sites('pull-secret-malformed', spec('\n  - name: regcred')), []);
});
