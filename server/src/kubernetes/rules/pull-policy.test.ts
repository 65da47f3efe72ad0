import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pod, sites } from './ruleTesting';

test('pull-policy-inconsistent: explicit IfNotPresent/Never on latest or untagged, on the policy line', () => {
  assert.deepEqual(sites('pull-policy-inconsistent', pod('    image: nginx\n    imagePullPolicy: Never\n')), [[7, 4, 26]]);
  assert.deepEqual(sites('pull-policy-inconsistent', pod('    image: nginx:latest\n    imagePullPolicy: IfNotPresent\n')), [[7, 4, 33]]);
  assert.deepEqual(sites('pull-policy-inconsistent', pod('    image: nginx:1\n    imagePullPolicy: Never\n')), []);
  assert.deepEqual(sites('pull-policy-inconsistent', pod(`    image: nginx@sha256:${'4'.repeat(64)}\n    imagePullPolicy: Never\n`)), []);
  assert.deepEqual(sites('pull-policy-inconsistent', pod('    image: nginx\n')), [], 'implicit policy is Always');
});

test('pull-policy-invalid: case-sensitive values; empty is unset', () => {
  assert.deepEqual(sites('pull-policy-invalid', pod('    image: nginx:1\n    imagePullPolicy: ALWAYS\n')), [[7, 4, 27]]);
  assert.deepEqual(sites('pull-policy-invalid', pod('    image: nginx:1\n    imagePullPolicy: Sometimes\n')), [[7, 4, 30]]);
  assert.deepEqual(sites('pull-policy-invalid', pod('    image: nginx:1\n    imagePullPolicy:\n')), []);
  assert.deepEqual(sites('pull-policy-invalid', pod('    image: nginx:1\n    imagePullPolicy: Never\n')), []);
});

test('pull-policy-not-always: effective policy with API defaults, policy line else image line', () => {
  const on = { requirePullPolicyAlways: true };
  assert.deepEqual(sites('pull-policy-not-always', pod('    image: nginx:1\n'), on), [[6, 4, 18]]);
  assert.deepEqual(sites('pull-policy-not-always', pod('    image: nginx:1\n    imagePullPolicy: Never\n'), on), [[7, 4, 26]]);
  assert.deepEqual(sites('pull-policy-not-always', pod('    image: nginx\n'), on), [], 'untagged defaults to Always');
  assert.deepEqual(sites('pull-policy-not-always', pod('    image: nginx:1\n')), [], 'off by default');
});
