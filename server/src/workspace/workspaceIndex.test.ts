import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretYaml } from '../kubernetes/testing';
import { WorkspaceIndex } from './workspaceIndex';

test('update reports a change only when cross-file facts change', () => {
  const index = new WorkspaceIndex();
  assert.equal(index.update('/ws/s.yaml', secretYaml('regcred', ['ghcr.io'])), true, 'a new Secret');
  assert.equal(index.update('/ws/s.yaml', secretYaml('regcred', ['ghcr.io']) + '# comment\n'), false, 'same facts');
  assert.equal(index.update('/ws/s.yaml', secretYaml('regcred', ['ghcr.io', 'quay.io'])), true, 'registries changed');
  assert.equal(index.update('/ws/d.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n'), false, 'nothing others depend on');
  assert.equal(index.remove('/ws/d.yaml'), false);
  assert.equal(index.remove('/ws/s.yaml'), true);
  assert.equal(index.secrets().length, 0);
});

test('generation grows exactly when the facts other files depend on change', () => {
  const index = new WorkspaceIndex();
  const at = (): number => index.generation;
  const start = at();
  index.update('/ws/s.yaml', secretYaml('regcred', ['ghcr.io']));
  const afterSecret = at();
  assert.ok(afterSecret > start, 'a new Secret');
  index.update('/ws/s.yaml', secretYaml('regcred', ['ghcr.io']) + '# comment\n');
  assert.equal(at(), afterSecret, 'same facts: a lint made before is still current');
  index.update('/ws/s.yaml', secretYaml('regcred', ['quay.io']));
  assert.ok(at() > afterSecret, 'registries changed');
  const beforeRemove = at();
  index.remove('/ws/s.yaml');
  assert.ok(at() > beforeRemove, 'Secret removed');
});

test('Secret-like objects with names, namespaces, types and registry keys; never credentials', () => {
  const index = new WorkspaceIndex();
  index.update('/ws/all.yaml', [
    secretYaml('a', ['registry.acme.com'], { namespace: 'shop' }),
    'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: b, namespace: shop}\nspec:\n  template:\n    metadata: {name: b-real}\n    type: kubernetes.io/dockerconfigjson\n',
    'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: c}\nspec:\n  target: {name: c-target}\n',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder}\nimagePullSecrets: [{name: a}]\n',
  ].join('---\n'));
  const secrets = index.secrets().map((s) => [s.kind, s.name, s.namespace, s.type, s.content.state]);
  assert.deepEqual(secrets, [
    ['Secret', 'a', 'shop', 'kubernetes.io/dockerconfigjson', 'decoded'],
    ['SealedSecret', 'b-real', 'shop', 'kubernetes.io/dockerconfigjson', 'opaque'],
    ['ExternalSecret', 'c-target', undefined, undefined, 'opaque'],
  ]);
  assert.deepEqual(index.serviceAccounts().map((a) => [a.name, a.pullSecrets]), [['builder', ['a']]]);
  assert.ok(!JSON.stringify(index.secrets()).includes(Buffer.from('user:pass').toString('base64')), 'no credentials kept');
  assert.deepEqual(index.secrets()[0]!.range.start, { line: 3, character: 8 });
});

test('kustomizations: namespaces for their resources (nearest wins), patches, image pins', () => {
  const index = new WorkspaceIndex();
  index.update('/ws/base/kustomization.yaml', 'namespace: base\nresources: [deploy.yaml]\n');
  index.update('/ws/overlays/prod/kustomization.yml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nresources:\n- ../../base\n- extra/\npatches:\n- path: patch.yaml\n  target: {kind: Deployment}\nimages:\n- name: ghcr.io/acme/web\n  newTag: "2.0"\n');
  assert.equal(index.namespaceFor('/ws/base/deploy.yaml', undefined), 'base');
  assert.equal(index.namespaceFor('/ws/overlays/prod/extra/x.yaml', undefined), 'prod');
  assert.equal(index.namespaceFor('/ws/overlays/prod/extra/x.yaml', 'explicit'), 'explicit');
  assert.equal(index.namespaceFor('/ws/elsewhere.yaml', undefined), undefined);
  assert.ok(index.isPatch('/ws/overlays/prod/patch.yaml'));
  assert.ok(!index.isPatch('/ws/base/deploy.yaml'));
  assert.equal(index.kustomizeImage('ghcr.io/acme/web')?.newTag, '2.0');
});

test('broken and non-manifest files index as nothing, without throwing', () => {
  const index = new WorkspaceIndex();
  assert.equal(index.update('/ws/bad.yaml', 'kind: Secret\nmetadata: [\n'), false);
  assert.equal(index.update('/ws/bin.yaml', '\u0000\u0001garbage: :\n\t- x'), false);
  assert.equal(index.size, 2);
});

test('withFile overlays one file without touching the index', () => {
  const index = new WorkspaceIndex();
  index.update('/ws/a.yaml', secretYaml('a', ['ghcr.io']));
  const overlay = index.withFile('/ws/untitled.yaml', secretYaml('b', ['ghcr.io']));
  assert.deepEqual(overlay.secrets().map((s) => s.name), ['a', 'b']);
  assert.deepEqual(index.secrets().map((s) => s.name), ['a']);
  assert.ok(!index.has('/ws/untitled.yaml'));
});
