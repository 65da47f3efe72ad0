import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { secretYaml } from '../kubernetes/testing';
import { emptyConfig } from '../config/config';
import { lintFile } from '../lint';
import { WorkspaceIndex, type ReadStamp } from './workspaceIndex';

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

test('a read stamp stays current until a kind of fact it read changes', () => {
  const index = new WorkspaceIndex();
  index.update('/ws/s.yaml', secretYaml('regcred', ['ghcr.io']));
  const { result, stamp } = index.recordReads(() => index.secrets().length);
  assert.equal(result, 1);
  assert.deepEqual(stamp.generations.map(([kind]) => kind), ['secrets']);
  index.update('/ws/s.yaml', secretYaml('regcred', ['ghcr.io']) + '# comment\n');
  index.update('/ws/c.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
  index.update('/ws/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder}\n');
  assert.ok(index.isCurrent(stamp), 'same Secrets: a lint that read only Secrets is still current');
  index.update('/ws/s.yaml', secretYaml('regcred', ['quay.io']));
  assert.ok(!index.isCurrent(stamp), 'registries changed');
  const again = index.recordReads(() => index.secrets()).stamp;
  index.remove('/ws/s.yaml');
  assert.ok(!index.isCurrent(again), 'Secret removed');
});

test('read stamps of real lints: a ConfigMap reads no Secrets, a Deployment with pull secrets does', () => {
  const index = new WorkspaceIndex();
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      imagePullSecrets: [{name: regcred}]\n      containers:\n      - name: web\n        image: ghcr.io/acme/web:1.0\n';
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n';
  index.update('/ws/deploy.yaml', deployment);
  index.update('/ws/cm.yaml', configMap);
  const lint = (path: string, text: string) => index.recordReads(() => lintFile({ path, text }, emptyConfig(), index)).stamp;
  const deployStamp = lint('/ws/deploy.yaml', deployment);
  const configStamp = lint('/ws/cm.yaml', configMap);
  // A document the index does not hold yet is linted on a copy: its reads still count.
  const unsavedStamp = lint('/ws/unsaved.yaml', deployment);
  const readSecrets = (stamp: ReadStamp) => stamp.generations.some(([kind]) => kind === 'secrets');
  assert.ok(readSecrets(deployStamp));
  assert.ok(readSecrets(unsavedStamp));
  assert.ok(!readSecrets(configStamp));
  index.update('/ws/s.yaml', secretYaml('regcred', ['ghcr.io']));
  assert.ok(!index.isCurrent(deployStamp) && !index.isCurrent(unsavedStamp), 'the Deployment must be linted again');
  assert.ok(index.isCurrent(configStamp), 'the ConfigMap need not be');
});

test('kustomize questions: only a kustomization that changes the answer for a file makes it stale', () => {
  const index = new WorkspaceIndex();
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/acme/web:1.0\n';
  index.update('/ws/app/deploy.yaml', deployment);
  const lint = () => index.recordReads(() => lintFile({ path: '/ws/app/deploy.yaml', text: deployment }, emptyConfig(), index)).stamp;
  const stamp = lint();
  assert.ok(stamp.answers.length > 0, 'the lint asked which kustomization owns the file');
  index.update('/ws/other/kustomization.yaml', 'namespace: other\nresources: [x.yaml]\n');
  assert.ok(index.isCurrent(stamp), 'a kustomization of other files changes nothing here');
  index.update('/ws/kustomization.yaml', 'resources: [app]\nimages:\n- name: ghcr.io/unrelated/image\n  newTag: "2"\n');
  assert.ok(index.isCurrent(stamp), 'owned now, but with no namespace, patches or images that apply');
  index.update('/ws/kustomization.yaml', 'namespace: shop\nresources: [app]\n');
  assert.ok(!index.isCurrent(stamp), 'its namespace now comes from the kustomization');
  const second = lint();
  index.update('/ws/kustomization.yaml', 'namespace: shop\nresources: [app]\nimages:\n- name: ghcr.io/acme/web\n  newTag: "2.0"\n');
  assert.ok(!index.isCurrent(second), 'an images: entry for its image');
});

test('facts keep no part of the indexed texts alive (names are copies, not slices)', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const index = new WorkspaceIndex();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 40; i++) {
    // 512 KiB of comment, then a Secret and a ServiceAccount whose names are long enough to be
    // cut out of the text as slices, and an image whose tag the index remembers.
    const text = `# ${i} ${'x'.repeat(1 << 19)}\n` + secretYaml(`registry-credentials-${i}`, ['ghcr.io'])
      + `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder-account-${i}}\nimagePullSecrets: [{name: registry-credentials-${i}}]\n`
      + `---\nkind: Pod\nspec:\n  containers:\n  - image: ghcr.io/acme/application-image:release-2024.${i}\n`;
    index.update(`/ws/${i}.yaml`, text);
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(index.secrets().length, 40);
  // The YAML parse cache keeps about 1 MiB of recent text and its trees: well under 20 MiB.
  assert.ok(grown < 10 * 1024 * 1024, `the index holds ${(grown / 1048576).toFixed(1)} MiB after indexing 20 MiB of text`);
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
