import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codes, deploymentYaml, lintIn, secretYaml } from '../testing';

const DEPLOY = '/ws/deploy.yaml';

test('a registry the workspace has credentials for is private: reported on image:, fix adds the Secret', () => {
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1'), '/ws/secrets/regcred.yaml': secretYaml('regcred', ['registry.acme.com']) };
  const findings = lintIn(files, DEPLOY);
  assert.deepEqual(codes(findings), ['pull-secret-needed']);
  assert.equal(findings[0]!.range.start.line, 9);
  const fix = findings[0]!.fixes![0]!;
  assert.equal(fix.title, 'Add imagePullSecrets: regcred');
  assert.deepEqual(fix.edits[0]!.range.start, { line: 7, character: 6 });
  assert.equal(fix.edits[0]!.newText, 'imagePullSecrets:\n      - name: regcred\n      ');
});

test('privateRegistries from the configuration, by whole segments', () => {
  const files = { [DEPLOY]: deploymentYaml('ghcr.io/acme/web:1') };
  assert.deepEqual(codes(lintIn(files, DEPLOY, { privateRegistries: ['ghcr.io/acme'] })), ['pull-secret-needed']);
  assert.deepEqual(codes(lintIn(files, DEPLOY, { privateRegistries: ['ghcr.io/acm'] })), []);
});

test('never guessed private: public, loopback, node-authenticated cloud registries', () => {
  for (const image of ['quay.io/x/y:1', 'localhost:5000/app:1', '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1', 'acme.azurecr.io/web:1', 'europe-docker.pkg.dev/p/r/web:1', 'eu.gcr.io/p/web:1']) {
    const host = image.split('/')[0]!;
    const files = { [DEPLOY]: deploymentYaml(image), '/ws/s.yaml': secretYaml('s', [host]) };
    assert.deepEqual(codes(lintIn(files, DEPLOY)), [], image);
  }
});

test('a ServiceAccount with pull secrets satisfies it; the default account in the workspace too', () => {
  const sa = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}}\nimagePullSecrets:\n- name: regcred\n`;
  const secret = { '/ws/s.yaml': secretYaml('regcred', ['registry.acme.com']) };
  assert.deepEqual(codes(lintIn({ ...secret, [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { serviceAccount: 'builder' }), '/ws/sa.yaml': sa('builder') }, DEPLOY)), []);
  assert.deepEqual(codes(lintIn({ ...secret, [DEPLOY]: deploymentYaml('registry.acme.com/web:1'), '/ws/sa.yaml': sa('default') }, DEPLOY)), []);
  assert.deepEqual(codes(lintIn({ ...secret, [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { serviceAccount: 'elsewhere' }) }, DEPLOY)), [], 'an account outside the workspace is unknown');
});

test('imagePullSecrets: [] is no list; the account decides', () => {
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1').replace('      containers:', '      imagePullSecrets: []\n      containers:'), '/ws/s.yaml': secretYaml('regcred', ['registry.acme.com']) };
  assert.deepEqual(codes(lintIn(files, DEPLOY)), ['pull-secret-needed']);
});

test('Helm templates: pull secrets filled from values are unknown, never "needed"', () => {
  const template = deploymentYaml('registry.acme.com/web:1').replace('      containers:', '      {{- include "web.imagePullSecrets" . | nindent 6 }}\n      containers:');
  const files = { '/ws/chart/templates/deploy.yaml': template, '/ws/s.yaml': secretYaml('regcred', ['registry.acme.com']) };
  assert.deepEqual(codes(lintIn(files, '/ws/chart/templates/deploy.yaml')), []);
});
