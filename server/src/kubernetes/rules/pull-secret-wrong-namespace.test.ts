import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codes, deploymentYaml, lintIn, secretYaml } from '../testing';

const DEPLOY = '/ws/apps/deploy.yaml';

test('a Secret only in another namespace: wrong-namespace instead of missing', () => {
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { namespace: 'shop', pullSecrets: ['regcred'] }), '/ws/secret.yaml': secretYaml('regcred', ['registry.acme.com'], { namespace: 'billing' }) };
  const findings = lintIn(files, DEPLOY);
  assert.deepEqual(codes(findings), ['pull-secret-wrong-namespace'], 'no cascade into no-auth / needed');
  assert.match(findings[0]!.message, /"shop".*"billing"/);
});

test('unspecified namespaces match any; explicit equal namespaces match', () => {
  const secretNs = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }), '/ws/secret.yaml': secretYaml('regcred', ['registry.acme.com'], { namespace: 'shop' }) };
  assert.deepEqual(codes(lintIn(secretNs, DEPLOY)), []);
  const podNs = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { namespace: 'shop', pullSecrets: ['regcred'] }), '/ws/secret.yaml': secretYaml('regcred', ['registry.acme.com']) };
  assert.deepEqual(codes(lintIn(podNs, DEPLOY)), []);
  const same = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { namespace: 'shop', pullSecrets: ['regcred'] }), '/ws/secret.yaml': secretYaml('regcred', ['registry.acme.com'], { namespace: 'shop' }) };
  assert.deepEqual(codes(lintIn(same, DEPLOY)), []);
});

test("one copy in the Pod's namespace is enough, even with others elsewhere", () => {
  const files = {
    [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { namespace: 'shop', pullSecrets: ['regcred'] }),
    '/ws/a.yaml': secretYaml('regcred', ['registry.acme.com'], { namespace: 'billing' }),
    '/ws/b.yaml': secretYaml('regcred', ['registry.acme.com'], { namespace: 'shop' }),
  };
  assert.deepEqual(codes(lintIn(files, DEPLOY)), []);
});

test("a kustomization's namespace applies to its resources; explicit metadata.namespace wins", () => {
  const files = {
    '/ws/overlay/kustomization.yaml': 'namespace: shop\nresources:\n- deploy.yaml\n',
    '/ws/overlay/deploy.yaml': deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }),
    '/ws/secret.yaml': secretYaml('regcred', ['registry.acme.com'], { namespace: 'billing' }),
  };
  assert.deepEqual(codes(lintIn(files, '/ws/overlay/deploy.yaml')), ['pull-secret-wrong-namespace']);
  const explicit = { ...files, '/ws/overlay/deploy.yaml': deploymentYaml('registry.acme.com/web:1', { namespace: 'billing', pullSecrets: ['regcred'] }) };
  assert.deepEqual(codes(lintIn(explicit, '/ws/overlay/deploy.yaml')), []);
});

test('templated namespaces are unspecified', () => {
  const chart = deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }).replace('  name: web', '  name: web\n  namespace: {{ .Release.Namespace }}');
  const files = { '/ws/chart/templates/deploy.yaml': chart, '/ws/secret.yaml': secretYaml('regcred', ['registry.acme.com'], { namespace: 'billing' }) };
  assert.deepEqual(codes(lintIn(files, '/ws/chart/templates/deploy.yaml')), []);
});
