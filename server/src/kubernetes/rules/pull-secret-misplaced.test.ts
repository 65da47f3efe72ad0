import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deploymentYaml } from '../testing';
import { pod, sites } from './ruleTesting';

test('pull-secret-misplaced: Deployment spec, template, container; not the Pod spec', () => {
  const onSpec = deploymentYaml('nginx:1').replace('spec:\n  template:', 'spec:\n  imagePullSecrets: [{name: r}]\n  template:');
  assert.deepEqual(sites('pull-secret-misplaced', onSpec), [[5, 2, 18]]);
  const onTemplate = deploymentYaml('nginx:1').replace('  template:\n', '  template:\n    imagePullSecrets: [{name: r}]\n');
  assert.deepEqual(sites('pull-secret-misplaced', onTemplate), [[6, 4, 20]]);
  assert.deepEqual(sites('pull-secret-misplaced', pod('    image: nginx:1\n    imagePullSecrets: [{name: r}]\n')), [[7, 4, 20]]);
  assert.deepEqual(sites('pull-secret-misplaced', deploymentYaml('nginx:1', { pullSecrets: ['r'] })), []);
});
