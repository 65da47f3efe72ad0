// Completions over the real language server: rule ids in suppression comments, pull policies,
// and pull-secret names from a Secret in another file of the workspace.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { LspTestClient } from './lspClient';

interface Item { label: string; detail?: string }
type Answer = Item[] | { items: Item[] } | null;

const auth = Buffer.from('user:pw').toString('base64');
const dockerconfig = Buffer.from(JSON.stringify({ auths: { 'registry.acme.com': { auth } } })).toString('base64');
const secrets = [
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: shop\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ' + dockerconfig,
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls-cert\ntype: kubernetes.io/tls\ndata:\n  tls.crt: eA==\n  tls.key: eA==',
].join('\n---\n') + '\n';

let workspace: string;
let client: LspTestClient;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'shipshape-completion-'));
  mkdirSync(join(workspace, 'secrets'));
  writeFileSync(join(workspace, 'secrets', 'regcred.yaml'), secrets);
  client = new LspTestClient();
  const { capabilities } = await client.initialize(workspace, { workspaceTrusted: true });
  assert.ok(capabilities['completionProvider'], 'completionProvider advertised');
});

after(async () => {
  await client.shutdown();
  rmSync(workspace, { recursive: true, force: true });
});

const labels = (answer: Answer): string[] => (Array.isArray(answer) ? answer : answer?.items ?? []).map((i) => i.label);

async function complete(name: string, languageId: string, text: string): Promise<Answer> {
  const uri = pathToFileURL(join(workspace, name)).href;
  const lines = text.split('\n');
  const cursor = lines.findIndex((l) => l.includes('|'));
  const character = lines[cursor]!.indexOf('|');
  await client.open(uri, languageId, text.replace('|', ''));
  return client.request<Answer>('textDocument/completion', { textDocument: { uri }, position: { line: cursor, character } });
}

test('hadolint pragma: DL rule ids, without the ones already listed; BuildKit names after # check=skip=', async () => {
  const pragma = labels(await complete('Dockerfile', 'dockerfile', 'FROM debian:12\n# hadolint ignore=DL3008,|\nRUN apt-get install -y curl\n'));
  assert.ok(pragma.includes('DL3015') && pragma.includes('DL3009'), 'DL ids offered');
  assert.ok(!pragma.includes('DL3008'), 'an id already in the list is not offered again');
  assert.ok(!pragma.includes('FromAsCasing'), 'BuildKit names are not hadolint ids');
  const skip = labels(await complete('Dockerfile.check', 'dockerfile', '# check=skip=|\nFROM debian:12\n'));
  assert.ok(skip.includes('all') && skip.includes('FromAsCasing') && skip.includes('UndefinedVar'));
  assert.ok(!skip.some((l) => l.startsWith('DL')));
  const plain = labels(await complete('Dockerfile.plain', 'dockerfile', 'FROM debian:12\nRUN echo |\n'));
  assert.deepEqual(plain, [], 'nothing outside Shipshape\'s own syntax');
});

test('manifests: shipshape-ignore ids, imagePullPolicy values, pull-secret names of dockerconfig Secrets only', async () => {
  const deploy = (cursorLine: string) => [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '  namespace: shop', 'spec:',
    '  imagePullSecrets:', cursorLine.startsWith('  -') ? cursorLine : '  - name: regcred',
    '  containers:', '  - name: web', '    image: registry.acme.com/web:1',
    cursorLine.startsWith('    ') ? cursorLine : '    imagePullPolicy: Always', '',
  ].join('\n');
  const ids = labels(await complete('a.yaml', 'yaml', '# shipshape-ignore |\n' + deploy('')));
  assert.ok(ids.includes('image-tag-latest') && ids.includes('pull-secret-missing'));
  assert.ok(!ids.some((l) => l.startsWith('DL')), 'Dockerfile ids are not offered in manifests');
  const policies = labels(await complete('b.yaml', 'yaml', deploy('    imagePullPolicy: |')));
  assert.deepEqual(policies, ['Always', 'IfNotPresent', 'Never']);
  // The workspace crawl runs after `initialized`: ask until the Secret file is indexed.
  let names: Answer = null;
  for (let i = 0; i < 50 && labels(names).length === 0; i++) {
    if (i) await new Promise((r) => setTimeout(r, 100));
    names = await complete(`c${i}.yaml`, 'yaml', deploy('  - name: |'));
  }
  assert.deepEqual(labels(names), ['regcred'], 'the dockerconfigjson Secret, not the TLS one');
  const item = (Array.isArray(names) ? names : names?.items ?? [])[0]!;
  assert.match(item.detail ?? '', /Secret in shop — registry\.acme\.com/);
  assert.ok(!JSON.stringify(names).includes(auth), 'never the credentials');
  const containerName = labels(await complete('d.yaml', 'yaml', deploy('').replace('  - name: web', '  - name: |')));
  assert.deepEqual(containerName, [], 'a container name is not a pull secret');
});
