import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codes, deploymentYaml, lintIn, secretYaml } from '../testing';

const DEPLOY = '/ws/deploy.yaml';
const noAuth = (files: Record<string, string>) => lintIn(files, DEPLOY).filter((f) => f.code === 'pull-secret-no-auth-for-registry');

test('secrets that decode but cover another registry: reported on image:, with a fix for a covering Secret', () => {
  const files = {
    [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['ghcr'] }),
    '/ws/ghcr.yaml': secretYaml('ghcr', ['ghcr.io']),
    '/ws/acme.yaml': secretYaml('acme', ['registry.acme.com']),
  };
  const [finding] = noAuth(files);
  assert.ok(finding);
  assert.equal(finding.range.start.line, 11);
  const fix = finding.fixes!.find((f) => f.title.includes('acme'))!;
  assert.deepEqual(fix.edits, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, newText: '      - name: acme\n' }]);
});

test('kubelet matching decides: ports, globs, paths, Docker Hub keys', () => {
  const cases: [string, string, boolean][] = [
    ['registry.acme.com:5000/web:1', 'registry.acme.com', true],
    ['registry.acme.com:5000/web:1', 'registry.acme.com:5000', false],
    ['eu.registry.acme.com/web:1', '*.registry.acme.com', false],
    ['registry.acme.com/team/web:1', 'registry.acme.com/other', true],
    ['registry.acme.com/team/web:1', 'registry.acme.com/team', false],
    ['acme/private:1', 'https://index.docker.io/v1/', false],
  ];
  for (const [image, key, reported] of cases) {
    const files = { [DEPLOY]: deploymentYaml(image, { pullSecrets: ['s'] }), '/ws/s.yaml': secretYaml('s', [key]) };
    assert.equal(noAuth(files).length > 0, reported, `${image} with key ${key}`);
  }
});

test('well-known public registries are not reported; any other registry is', () => {
  for (const image of ['quay.io/prometheus/node-exporter:v1', 'registry.k8s.io/pause:3.9', 'ghcr.io/x/y:1', 'nginx:1.27']) {
    const files = { [DEPLOY]: deploymentYaml(image, { pullSecrets: ['s'] }), '/ws/s.yaml': secretYaml('s', ['registry.acme.com']) };
    assert.deepEqual(noAuth(files), [], image);
  }
  const ecr = { [DEPLOY]: deploymentYaml('123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1', { pullSecrets: ['s'] }), '/ws/s.yaml': secretYaml('s', ['registry.acme.com']) };
  assert.equal(noAuth(ecr).length, 1, 'the Pod asks for credentials: an uncovered host is a mistake');
});

test("docker.io with credentials in the workspace counts as private", () => {
  const files = {
    [DEPLOY]: deploymentYaml('acme/private:1', { pullSecrets: ['s'] }),
    '/ws/s.yaml': secretYaml('s', ['registry.acme.com']),
    '/ws/hub.yaml': secretYaml('hub', ['https://index.docker.io/v1/']),
  };
  assert.equal(noAuth(files).length, 1);
});

test("the ServiceAccount's secrets are the effective list when the Pod lists none", () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder}\nimagePullSecrets:\n- name: s\n';
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { serviceAccount: 'builder' }), '/ws/sa.yaml': sa, '/ws/s.yaml': secretYaml('s', ['ghcr.io']) };
  assert.equal(noAuth(files).length, 1);
  const own = { ...files, [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { serviceAccount: 'builder', pullSecrets: ['acme'] }), '/ws/acme.yaml': secretYaml('acme', ['registry.acme.com']) };
  assert.deepEqual(codes(lintIn(own, DEPLOY)), [], "the Pod's own list replaces the account's");
});

test('encrypted secrets prove nothing: no report', () => {
  const sealed = 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed}\nspec:\n  template:\n    type: kubernetes.io/dockerconfigjson\n';
  const files = { [DEPLOY]: deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['s', 'sealed'] }), '/ws/s.yaml': secretYaml('s', ['ghcr.io']), '/ws/sealed.yaml': sealed };
  assert.deepEqual(noAuth(files), []);
});
