import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codes, deploymentYaml, lintIn, secretYaml } from '../testing';

const DEPLOY = '/ws/deploy.yaml';

test('an Opaque Secret (no type) is the wrong type, across files, with no cascade', () => {
  const opaque = 'apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\nstringData:\n  password: x\n';
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }), '/ws/s.yaml': opaque };
  const findings = lintIn(files, DEPLOY);
  assert.deepEqual(codes(findings), ['pull-secret-wrong-type']);
  assert.match(findings[0]!.message, /Opaque/);
});

test('dockercfg is a valid type; SealedSecret and secretGenerator types are read', () => {
  const dockercfg = `apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: ${Buffer.from(JSON.stringify({ 'registry.acme.com': { auth: Buffer.from('u:p').toString('base64') } })).toString('base64')}\n`;
  assert.deepEqual(codes(lintIn({ [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }), '/ws/s.yaml': dockercfg }, DEPLOY)), []);
  const sealed = 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: regcred}\nspec:\n  encryptedData: {token: AgB}\n  template:\n    type: Opaque\n';
  assert.deepEqual(codes(lintIn({ [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }), '/ws/s.yaml': sealed }, DEPLOY)), ['pull-secret-wrong-type']);
  const generator = 'secretGenerator:\n- name: regcred\n  literals: [a=b]\n';
  assert.deepEqual(codes(lintIn({ [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }), '/ws/kustomization.yaml': generator }, DEPLOY)), ['pull-secret-wrong-type']);
});

test('a non-pull Secret of another type', () => {
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['tls'] }), '/ws/s.yaml': secretYaml('tls', ['x'], { type: 'kubernetes.io/tls' }) };
  assert.deepEqual(codes(lintIn(files, DEPLOY)), ['pull-secret-wrong-type']);
});
