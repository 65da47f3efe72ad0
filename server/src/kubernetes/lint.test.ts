// Suppression, configuration, kustomize and quick fixes of the Kubernetes linter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../core/finding';
import { parseConfig } from '../config/config';
import { codes, deploymentYaml, lintIn } from './testing';

const POD = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n${container}`;
const lint = (text: string, config = {}) => lintIn({ '/ws/p.yaml': text }, '/ws/p.yaml', config);

/** Applies a fix's edits (single-position inserts and single-line replacements) to a text. */
function apply(text: string, finding: Finding, title?: RegExp): string {
  const fix = title ? finding.fixes!.find((f) => title.test(f.title))! : finding.fixes![0]!;
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
}

test('# shipshape-ignore on the line above (with reason, several ids); annotation per object', () => {
  const text = POD('    # shipshape-ignore image-tag-latest,pull-policy-inconsistent -- pinned by CD\n    image: nginx:latest\n    imagePullPolicy: IfNotPresent\n');
  assert.deepEqual(codes(lint(text)), ['pull-policy-inconsistent'], 'the comment covers only the next line');
  const other = POD('    # shipshape-ignore image-tag-missing\n    image: nginx:latest\n');
  assert.deepEqual(codes(lint(other)), ['image-tag-latest'], 'another id does not suppress');
  const annotated = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    shipshape.dev/ignore: "image-tag-latest, duplicate-container-name"\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n  - name: app\n    image: redis:7\n---\n' + POD('    image: nginx:latest\n');
  assert.deepEqual(codes(lintIn({ '/ws/p.yaml': annotated }, '/ws/p.yaml')), ['image-tag-latest'], 'only the annotated object is quiet');
});

test('the ignore quick fix inserts the comment above with the same indentation', () => {
  const text = POD('    image: nginx:latest\n');
  const finding = lint(text)[0]!;
  const fixed = apply(text, finding, /^Ignore/);
  assert.match(fixed, /\n {4}# shipshape-ignore image-tag-latest\n {4}image: nginx:latest/);
  assert.deepEqual(lint(fixed), []);
  const two = POD('    image: nginx\n    imagePullPolicy: Never\n').replace('    image: nginx', '    # shipshape-ignore image-tag-missing -- why\n    imagePullPolicy: Always\n    image: nginx').replace('    imagePullPolicy: Always\n', '');
  const merged = apply(two, lint(two).find((f) => f.code === 'pull-policy-inconsistent')!, /^Ignore/);
  assert.match(merged, /# shipshape-ignore image-tag-missing -- why\n    image: nginx\n    # shipshape-ignore pull-policy-inconsistent\n/);
  const onImage = POD('    # shipshape-ignore pull-policy-inconsistent -- why\n    image: nginx:latest\n');
  assert.match(apply(onImage, lint(onImage)[0]!, /^Ignore/), /# shipshape-ignore pull-policy-inconsistent,image-tag-latest -- why\n/, 'merged into the comment above');
});

test('configuration: rules levels, requireDigest, requirePullPolicyAlways, trustedRegistries', () => {
  const config = parseConfig('requireDigest: true\nrequirePullPolicyAlways: true\ntrustedRegistries: [ghcr.io/acme]\nrules:\n  image-tag-missing: error\n  image-tag-latest: off\n', '.shipshape.yaml');
  const findings = lint(POD('    image: nginx\n  - name: b\n    image: ghcr.io/acme/b:1\n    imagePullPolicy: Always\n  - name: c\n    image: nginx:latest\n'), config);
  assert.deepEqual(findings.map((f) => `${f.code}:${f.severity}:${f.range.start.line}`), [
    'image-not-digest-pinned:warning:7', 'image-tag-missing:error:7', 'untrusted-registry:warning:7',
    'image-not-digest-pinned:warning:9',
    'image-not-digest-pinned:warning:12', 'untrusted-registry:warning:12',
  ]);
  assert.deepEqual(codes(lint(POD('    image: nginx:1.27\n'), config)).sort(), ['image-not-digest-pinned', 'pull-policy-not-always', 'untrusted-registry']);
  assert.throws(() => parseConfig('requireDigest: yes please\n', 'c.yaml'), /requireDigest/);
});

test('quick fixes: Always, registry.k8s.io, rename duplicate, fixed casing', () => {
  const inconsistent = POD('    image: nginx:latest\n    imagePullPolicy: IfNotPresent\n');
  const policy = lint(inconsistent).find((f) => f.code === 'pull-policy-inconsistent')!;
  assert.match(apply(inconsistent, policy), /imagePullPolicy: Always\n/);
  const notAlways = POD('    image: nginx:1.27\n    ports: []\n');
  const added = lint(notAlways, { requirePullPolicyAlways: true }).find((f) => f.code === 'pull-policy-not-always')!;
  assert.equal(apply(notAlways, added), POD('    image: nginx:1.27\n    imagePullPolicy: Always\n    ports: []\n'));
  const gcr = POD('    image: "k8s.gcr.io/pause:3.9"\n');
  assert.equal(apply(gcr, lint(gcr).find((f) => f.code === 'image-registry-deprecated')!), POD('    image: "registry.k8s.io/pause:3.9"\n'));
  const dup = POD('    image: a:1\n  - name: app\n    image: b:1\n');
  const renamed = apply(dup, lint(dup).find((f) => f.code === 'duplicate-container-name')!);
  assert.match(renamed, /- name: app-2\n/);
  assert.deepEqual(lint(renamed), []);
  const casing = POD('    image: a:1\n    imagePullPolicy: ifnotpresent\n');
  assert.match(apply(casing, lint(casing)[0]!), /imagePullPolicy: IfNotPresent/);
});

test('pin the tag: release tags used elsewhere in the workspace are offered, newest first', () => {
  const files = {
    '/ws/a.yaml': POD('    image: "nginx:latest"\n  - name: b\n    image: ghcr.io/acme/web\n'),
    '/ws/b.yaml': POD('    image: nginx:1.25\n  - name: b\n    image: docker.io/library/nginx:1.27.3\n  - name: c\n    image: ghcr.io/acme/web:2.0\n'),
  };
  const findings = lintIn(files, '/ws/a.yaml');
  const latest = findings.find((f) => f.code === 'image-tag-latest')!;
  assert.deepEqual(latest.fixes!.filter((f) => f.title.startsWith('Pin')).map((f) => f.title), ['Pin to 1.27.3 (used elsewhere in the workspace)', 'Pin to 1.25 (used elsewhere in the workspace)']);
  assert.match(apply(files['/ws/a.yaml'], latest, /Pin to 1\.27\.3/), /image: "nginx:1\.27\.3"\n/);
  const missing = findings.find((f) => f.code === 'image-tag-missing')!;
  assert.match(apply(files['/ws/a.yaml'], missing, /Pin to 2\.0/), /image: ghcr\.io\/acme\/web:2\.0\n/);
  assert.equal(lintIn({ '/ws/a.yaml': files['/ws/a.yaml'] }, '/ws/a.yaml')[0]!.fixes!.filter((f) => f.title.startsWith('Pin')).length, 0, 'nothing to suggest alone');
});

test('the add-imagePullSecrets fix yields a valid manifest that resolves', () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: \'{"auths":{"registry.acme.com":{"auth":"dTpw"}}}\'\n';
  const deploy = deploymentYaml('registry.acme.com/web:1');
  const needed = lintIn({ '/ws/d.yaml': deploy, '/ws/s.yaml': secret }, '/ws/d.yaml')[0]!;
  const fixed = apply(deploy, needed);
  assert.deepEqual(codes(lintIn({ '/ws/d.yaml': fixed, '/ws/s.yaml': secret }, '/ws/d.yaml')), []);
});

test('kustomize: images newTag latest flagged in the kustomization; pinned bases are not; patches need no image', () => {
  const files = {
    '/ws/base/deploy.yaml': deploymentYaml('ghcr.io/acme/web'),
    '/ws/base/kustomization.yaml': 'resources: [deploy.yaml]\nimages:\n- name: ghcr.io/acme/web\n  newTag: "1.4.2"\n- name: redis\n  newTag: latest\n',
    '/ws/overlay/kustomization.yaml': 'resources: [../base]\npatches:\n- path: replicas.yaml\npatchesStrategicMerge:\n- resources.yaml\n',
    '/ws/overlay/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        resources: {limits: {cpu: "1"}}\n',
    '/ws/overlay/resources.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        env: []\n',
  };
  assert.deepEqual(codes(lintIn(files, '/ws/base/deploy.yaml')), []);
  assert.deepEqual(lintIn(files, '/ws/base/kustomization.yaml').map((f) => [f.code, f.range.start.line]), [['image-tag-latest', 5]]);
  assert.deepEqual(codes(lintIn(files, '/ws/overlay/replicas.yaml')), []);
  assert.deepEqual(codes(lintIn(files, '/ws/overlay/resources.yaml')), []);
  const renamed = { ...files, '/ws/base/kustomization.yaml': 'resources: [deploy.yaml]\nimages:\n- name: ghcr.io/acme/web\n  newName: k8s.gcr.io/acme/web\n  newTag: "1.0"\n' };
  assert.deepEqual(codes(lintIn(renamed, '/ws/base/deploy.yaml')), ['image-registry-deprecated'], 'newName moves the image');
  const badPins = 'images:\n- name: a\n  newTag: "1.0:"\n- name: b\n  digest: sha256:abc\n- name: c\n  newName: k8s.gcr.io/pause\n';
  assert.deepEqual(lintIn({ '/ws/k/kustomization.yaml': badPins }, '/ws/k/kustomization.yaml').map((f) => [f.code, f.range.start.line]),
    [['image-reference-invalid', 2], ['image-reference-invalid', 4], ['image-registry-deprecated', 6]]);
  const unlisted = { '/ws/x.yaml': files['/ws/overlay/replicas.yaml'] };
  assert.deepEqual(codes(lintIn(unlisted, '/ws/x.yaml')), ['image-missing'], 'not a patch when nothing lists it');
});

test('pull-secret-malformed and pull-secret-misplaced on their lines', () => {
  const malformed = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - regcred\n  - {secretName: x}\n  containers:\n  - name: app\n    image: nginx:1\n';
  assert.deepEqual(lint(malformed).map((f) => [f.code, f.range.start.line]), [['pull-secret-malformed', 5], ['pull-secret-malformed', 6]]);
  const scalar = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s}\nimagePullSecrets: regcred\n';
  assert.deepEqual(lint(scalar).map((f) => [f.code, f.range.start.line]), [['pull-secret-malformed', 3]]);
  const misplaced = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      imagePullSecrets: [{name: x}]\n      template:\n        spec:\n          containers:\n          - name: app\n            image: nginx:1\n';
  assert.deepEqual(lint(misplaced).map((f) => [f.code, f.range.start.line]), [['pull-secret-misplaced', 7]]);
});

test('image-missing on the container item; empty image on its line; patches by name are partial', () => {
  assert.deepEqual(lint(POD('    ports: []\n')).map((f) => [f.code, f.range.start.line, f.range.start.character]), [['image-missing', 6, 4]]);
  assert.deepEqual(lint(POD('    image: ""\n')).map((f) => [f.code, f.range.start.line]), [['image-missing', 7]]);
  assert.deepEqual(lintIn({ '/ws/patch-web.yaml': POD('    env: []\n') }, '/ws/patch-web.yaml'), []);
});
