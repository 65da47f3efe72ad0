// The YAML side: documents, merge keys, flow style, CRLF, Helm templates, exact ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codes, lintIn } from './testing';
import { splitDocuments } from './yaml/documents';
import { neutraliseTemplates } from './yaml/helm';

const lint = (text: string, path = '/ws/app.yaml') => lintIn({ [path]: text }, path);

test('documents split at ---, --- # comment, and after ...; empty documents are fine', () => {
  const text = 'a: 1\n---\nb: 2\n--- # comment\n---\nc: 3\n...\nd: 4\n';
  assert.deepEqual(splitDocuments(text).map((d) => d.text), ['a: 1\n', '---\nb: 2\n', '--- # comment\n', '---\nc: 3\n...\n', 'd: 4\n']);
});

test('reports on the exact image: line of every document; a broken document hides nothing else', () => {
  const text = [
    'apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '  - name: app', '    image: nginx:latest',
    '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: b', 'spec: [oops', // broken
    '--- # third', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: c}', 'spec:', '  containers:', '  - name: app', '    image: redis',
  ].join('\n');
  const findings = lint(text);
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character]), [
    ['image-tag-latest', 6, 4, 6, 23],
    ['image-tag-missing', 19, 4, 19, 16],
  ]);
});

test('YAML 1.1 merge keys give containers their image; anchors and aliases resolve', () => {
  const text = [
    'apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:',
    '  - &base', '    name: app', '    image: nginx:latest', '    imagePullPolicy: IfNotPresent',
    '  - <<: *base', '    name: sidecar',
  ].join('\n');
  const findings = lint(text);
  assert.ok(!codes(findings).includes('image-missing'), 'merged image counts');
  assert.equal(findings.filter((f) => f.code === 'image-tag-latest').length, 1, 'reported once, on the anchor line');
  assert.equal(findings.find((f) => f.code === 'image-tag-latest')!.range.start.line, 7);
});

test('flow style, block scalars and CRLF', () => {
  const flow = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: app, image: "nginx:latest"}]}\n';
  const f = lint(flow).find((x) => x.code === 'image-tag-latest')!;
  assert.equal(f.range.start.line, 3);
  const block = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: app\n    image: >-\n      nginx\n';
  assert.deepEqual(codes(lint(block)), ['image-tag-missing']);
  const crlf = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: nginx:latest\r\n';
  const c = lint(crlf).find((x) => x.code === 'image-tag-latest')!;
  assert.deepEqual([c.range.start.line, c.range.start.character, c.range.end.character], [7, 4, 23]);
});

test('every workload kind, List items, init and ephemeral containers', () => {
  const pod = (indent: string) => [`${indent}containers:`, `${indent}- name: app`, `${indent}  image: nginx`].join('\n');
  const kinds: [string, string][] = [
    ['Pod', `spec:\n${pod('  ')}`],
    ['Deployment', `spec:\n  template:\n    spec:\n${pod('      ')}`],
    ['StatefulSet', `spec:\n  template:\n    spec:\n${pod('      ')}`],
    ['DaemonSet', `spec:\n  template:\n    spec:\n${pod('      ')}`],
    ['ReplicaSet', `spec:\n  template:\n    spec:\n${pod('      ')}`],
    ['ReplicationController', `spec:\n  template:\n    spec:\n${pod('      ')}`],
    ['Job', `spec:\n  template:\n    spec:\n${pod('      ')}`],
    ['CronJob', `spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${pod('          ')}`],
    ['PodTemplate', `template:\n  spec:\n${pod('    ')}`],
  ];
  for (const [kind, body] of kinds) {
    assert.deepEqual(codes(lint(`apiVersion: v1\nkind: ${kind}\nmetadata: {name: x}\n${body}\n`)), ['image-tag-missing'], kind);
  }
  const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    initContainers: [{name: i, image: busybox}]\n    ephemeralContainers: [{name: e, image: "busybox:latest"}]\n    containers: [{name: c, image: busybox:1}]\n';
  assert.deepEqual(codes(lint(list)), ['image-tag-missing', 'image-tag-latest']);
});

test('files that are not manifests get no noise', () => {
  const compose = 'services:\n  web:\n    image: nginx:latest\n';
  const workflow = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n      image: node:latest\n';
  const crd = 'apiVersion: acme.dev/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  containers:\n  - name: x\n';
  const values = 'image:\n  repository: nginx\n  tag: latest\n';
  assert.deepEqual(lint(compose, '/ws/docker-compose.yml'), []);
  assert.deepEqual(lint(workflow, '/ws/.github/workflows/ci.yml'), []);
  assert.deepEqual(lint(crd), []);
  assert.deepEqual(lint(values, '/ws/values.yaml'), [], 'a standalone values.yaml is not a chart');
  assert.deepEqual(lint('key: [unclosed'), []);
  assert.deepEqual(lint(''), []);
});

test('Helm templates: no syntax noise from actions, literal images still checked, templated ones not', () => {
  const template = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "web.fullname" . }}',
    '  namespace: {{ .Release.Namespace }}',
    'spec:',
    '  template:',
    '    spec:',
    '      {{- with .Values.imagePullSecrets }}',
    '      imagePullSecrets:',
    '        {{- toYaml . | nindent 8 }}',
    '      {{- end }}',
    '      containers:',
    '      - name: {{ .Chart.Name }}',
    '        image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    '        imagePullPolicy: {{ .Values.image.pullPolicy }}',
    '      - name: sidecar',
    '        image: busybox:latest',
    '      {{- if .Values.extra }}',
    '      - name: extra',
    '        {{- include "web.image" . | nindent 8 }}',
    '      {{- end }}',
  ].join('\n');
  const findings = lintIn({ '/ws/chart/templates/deploy.yaml': template }, '/ws/chart/templates/deploy.yaml');
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line]), [['image-tag-latest', 17]]);
  assert.equal(neutraliseTemplates('a: {{ x }}\n').length, 'a: {{ x }}\n'.length, 'offsets are kept');
});

test("Helm values: a chart's image.tag latest is flagged at its tag: line", () => {
  const files = {
    '/ws/chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    '/ws/chart/values.yaml': 'replicaCount: 1\nimage:\n  repository: ghcr.io/acme/web\n  tag: latest\n  pullPolicy: IfNotPresent\nsidecar:\n  image: busybox:latest\n',
  };
  const findings = lintIn(files, '/ws/chart/values.yaml');
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line]), [['image-tag-latest', 3], ['image-tag-latest', 6]]);
  const pinned = { ...files, '/ws/chart/values.yaml': 'image:\n  repository: ghcr.io/acme/web\n  tag: ""\n' };
  assert.deepEqual(lintIn(pinned, '/ws/chart/values.yaml'), []);
});
