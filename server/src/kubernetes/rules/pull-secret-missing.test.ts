import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codes, deploymentYaml, lintIn, secretYaml } from '../testing';

const DEPLOY = '/ws/apps/web/deploy.yaml';

test('a Secret in another file resolves the reference', () => {
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }), '/ws/secrets/regcred.yaml': secretYaml('regcred', ['registry.acme.com']) };
  assert.deepEqual(codes(lintIn(files, DEPLOY)), []);
});

test('missing: reported on the "- name:" entry line as a warning', () => {
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred', 'typo'] }), '/ws/secrets/regcred.yaml': secretYaml('regcred', ['registry.acme.com']) };
  const findings = lintIn(files, DEPLOY).filter((f) => f.code === 'pull-secret-missing');
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'warning');
  assert.deepEqual([findings[0]!.range.start.line, findings[0]!.range.start.character], [9, 8]);
  assert.match(findings[0]!.message, /"typo"/);
});

test('with no Secrets in the workspace at all, only an information hint', () => {
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }) };
  const findings = lintIn(files, DEPLOY);
  assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['pull-secret-missing', 'info']]);
});

test('SealedSecret, ExternalSecret and secretGenerator count as Secrets', () => {
  const sealed = 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed-x}\nspec:\n  encryptedData:\n    .dockerconfigjson: AgB...\n  template:\n    metadata: {name: regcred}\n    type: kubernetes.io/dockerconfigjson\n';
  const external = 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: es}\nspec:\n  target:\n    name: extcred\n    template:\n      type: kubernetes.io/dockerconfigjson\n';
  const kustomization = 'secretGenerator:\n- name: gencred\n  type: kubernetes.io/dockerconfigjson\n  files: [.dockerconfigjson=config.json]\nresources: [apps/web/deploy.yaml]\n';
  const files = {
    [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred', 'extcred', 'gencred'] }),
    '/ws/sealed.yaml': sealed, '/ws/external.yaml': external, '/ws/kustomization.yaml': kustomization,
  };
  assert.deepEqual(codes(lintIn(files, DEPLOY)), [], 'resolved; encrypted data proves nothing, so no no-auth either');
});

test("a ServiceAccount's pull secrets are checked in the ServiceAccount's file", () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder}\nimagePullSecrets:\n- name: regcred\n- name: gone\n';
  const files = { '/ws/sa.yaml': sa, '/ws/secret.yaml': secretYaml('regcred', ['ghcr.io']) };
  const findings = lintIn(files, '/ws/sa.yaml');
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line]), [['pull-secret-missing', 5]]);
});
