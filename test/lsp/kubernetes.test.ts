// Kubernetes manifests over the real language server: the workspace index resolves a pull
// secret defined in another file, a change to that file on disk re-publishes the Deployment's
// diagnostics, and hover / go-to-definition lead to the Secret.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { LspTestClient, type PublishedDiagnostics } from './lspClient';

const auth = Buffer.from('user:secret-password').toString('base64');
const dockerconfig = (...registries: string[]) => Buffer.from(JSON.stringify({ auths: Object.fromEntries(registries.map((r) => [r, { auth }])) })).toString('base64');
const secretYaml = (...registries: string[]) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: shop\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${dockerconfig(...registries)}\n`;
const deployYaml = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  template:',
  '    spec:',
  '      imagePullSecrets:',
  '      - name: regcred',
  '      containers:',
  '      - name: web',
  '        image: registry.acme.com/shop/web:1.4.2',
  '',
].join('\n');

let workspace: string;
let client: LspTestClient;
let secretPath: string;
let deployUri: string;
const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => d.code).sort();

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'shipshape-k8s-lsp-'));
  mkdirSync(join(workspace, 'secrets'));
  mkdirSync(join(workspace, 'apps', 'web'), { recursive: true });
  mkdirSync(join(workspace, 'node_modules', 'junk'), { recursive: true });
  secretPath = join(workspace, 'secrets', 'regcred.yaml');
  writeFileSync(secretPath, secretYaml('ghcr.io'));
  writeFileSync(join(workspace, 'apps', 'web', 'deploy.yaml'), deployYaml);
  // Skipped folder: a Secret here must not count.
  writeFileSync(join(workspace, 'node_modules', 'junk', 's.yaml'), secretYaml('registry.acme.com').replace('regcred', 'junk'));
  deployUri = pathToFileURL(join(workspace, 'apps', 'web', 'deploy.yaml')).href;
  client = new LspTestClient();
  const { capabilities } = await client.initialize(workspace, { workspaceTrusted: true });
  assert.equal(capabilities['hoverProvider'], true);
  assert.equal(capabilities['definitionProvider'], true);
});

after(async () => {
  await client.shutdown();
  rmSync(workspace, { recursive: true, force: true });
});

test('a Secret in another file resolves the Deployment pull secret; its registries are checked', async () => {
  const settled = client.nextDiagnostics(deployUri, (p) => codes(p).includes('pull-secret-no-auth-for-registry'));
  await client.open(deployUri, 'yaml', deployYaml);
  const published = await settled;
  assert.deepEqual(codes(published), ['pull-secret-no-auth-for-registry'], 'resolved (not missing), but ghcr.io does not cover registry.acme.com');
  const finding = published.diagnostics[0]!;
  assert.deepEqual(finding.range.start, { line: 12, character: 8 }, 'on the image: line');
  assert.ok(!finding.message.includes('secret-password') && !finding.message.includes(auth), 'no credentials in messages');
});

test('changing the Secret on disk re-publishes the open Deployment without the finding', async () => {
  const republished = client.nextDiagnostics(deployUri, (p) => p.diagnostics.length === 0);
  writeFileSync(secretPath, secretYaml('ghcr.io', 'registry.acme.com'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(secretPath).href, type: 2 }] });
  const published = await republished;
  assert.deepEqual(published.diagnostics, []);
});

test('hover on the pull-secret name shows the Secret, its file, namespace and registries, never credentials', async () => {
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: deployUri }, position: { line: 9, character: 16 } });
  assert.ok(hover, 'a hover');
  const text = hover.contents.value;
  assert.match(text, /Secret `regcred`/);
  assert.match(text, /secrets\/regcred\.yaml/);
  assert.match(text, /`shop`/);
  assert.match(text, /`registry\.acme\.com`/);
  assert.ok(!text.includes(auth) && !text.includes('secret-password'));
  const none = await client.request('textDocument/hover', { textDocument: { uri: deployUri }, position: { line: 12, character: 10 } });
  assert.equal(none, null, 'no hover elsewhere');
});

test('go to definition jumps to the Secret name in its file', async () => {
  const locations = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri: deployUri }, position: { line: 9, character: 14 } });
  assert.equal(locations.length, 1);
  assert.equal(locations[0]!.uri, pathToFileURL(secretPath).href);
  assert.equal(locations[0]!.range.start.line, 3);
});

test('deleting the Secret makes the reference missing; an open Secret buffer wins over the disk', async () => {
  const missing = client.nextDiagnostics(deployUri, (p) => codes(p).includes('pull-secret-missing'));
  rmSync(secretPath);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(secretPath).href, type: 3 }] });
  await missing;
  const secretUri = pathToFileURL(secretPath).href;
  const resolved = client.nextDiagnostics(deployUri, (p) => p.diagnostics.length === 0);
  await client.open(secretUri, 'yaml', secretYaml('registry.acme.com'));
  await resolved;
  const wrongNamespace = client.nextDiagnostics(deployUri, (p) => codes(p).includes('pull-secret-wrong-namespace'));
  await client.change(secretUri, 2, [{ text: secretYaml('registry.acme.com').replace('namespace: shop', 'namespace: billing') }]);
  await wrongNamespace;
});

test('.shipshape.yaml at the workspace root configures the Kubernetes rules; settings sit below it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-k8s-config-'));
  const other = new LspTestClient();
  try {
    writeFileSync(join(root, '.shipshape.yaml'), 'requireDigest: true\nrules:\n  image-tag-latest: error\n');
    const path = join(root, 'pod.yaml');
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n';
    writeFileSync(path, text);
    await other.initialize(root, { workspaceTrusted: true });
    const uri = pathToFileURL(path).href;
    const configured = other.nextDiagnostics(uri, (p) => codes(p).includes('image-not-digest-pinned'));
    await other.open(uri, 'yaml', text);
    const published = await configured;
    assert.equal(published.diagnostics.find((d) => d.code === 'image-tag-latest')!.severity, 1, 'error from rules:');
    const fromSettings = other.nextDiagnostics(uri, (p) => codes(p).includes('untrusted-registry'));
    await other.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: { kubernetes: { trustedRegistries: ['ghcr.io/acme'] } } } });
    await fromSettings;
  } finally {
    await other.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
});
