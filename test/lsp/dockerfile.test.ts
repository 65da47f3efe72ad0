import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspTestClient } from './lspClient';

const uri = 'file:///tmp/shipshape-lsp-test/Dockerfile';
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  const { capabilities } = await client.initialize();
  assert.ok(capabilities['textDocumentSync'], 'server announces document sync');
});
after(async () => { await client.shutdown(); });

test('didOpen publishes DL3007 on the exact tag range with code, source and docs link', async () => {
  const published = client.nextDiagnostics(uri);
  await client.open(uri, 'dockerfile', 'FROM alpine:3.20 AS build\nRUN make\nFROM alpine:latest\n');
  const { diagnostics, version } = await published;
  assert.equal(version, 1);
  const dl3007 = diagnostics.filter((d) => d.code === 'DL3007');
  assert.equal(dl3007.length, 1);
  const [d] = dl3007;
  assert.equal(d!.source, 'shipshape');
  assert.equal(d!.severity, 2, 'warning');
  assert.deepEqual(d!.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 18 } });
  assert.match(d!.codeDescription!.href, /^https:\/\/.+DL3007\.md$/);
});

test('didChange (incremental) re-publishes: fixing the tag clears DL3007', async () => {
  const published = client.nextDiagnostics(uri, (p) => p.version === 2);
  await client.change(uri, 2, [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 18 } }, text: '3.20' }]);
  const { diagnostics } = await published;
  assert.equal(diagnostics.filter((d) => d.code === 'DL3007').length, 0);
});

test('a quick burst of edits ends with diagnostics for the last version only', async () => {
  const last = client.nextDiagnostics(uri, (p) => p.version === 12);
  for (let v = 3; v <= 12; v++) {
    const text = v % 2 ? 'latest' : '3.20';
    await client.change(uri, v, [{ text: `FROM alpine:3.20 AS build\nRUN make\nFROM alpine:${text}\n` }]);
  }
  const { diagnostics } = await last;
  assert.equal(diagnostics.filter((d) => d.code === 'DL3007').length, 0, 'version 12 has tag 3.20');
});

test('malformed input never crashes the server', async () => {
  const badUri = 'file:///tmp/shipshape-lsp-test/broken.dockerfile';
  const published = client.nextDiagnostics(badUri);
  await client.open(badUri, 'dockerfile', 'FROM\n\\\nRUN <<EOF\nunterminated heredoc\n\u0000\uFFFF FROM :latest@\n');
  const result = await published;
  assert.ok(Array.isArray(result.diagnostics));
  // Still alive and answering:
  const again = client.nextDiagnostics(uri, (p) => p.version === 13);
  await client.change(uri, 13, [{ text: 'FROM alpine:latest\n' }]);
  assert.equal((await again).diagnostics.filter((d) => d.code === 'DL3007').length, 1);
});

test('shipshape.enable: false clears diagnostics; true brings them back', async () => {
  const cleared = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: { enable: false } } });
  await cleared;
  const back = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'DL3007'));
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: { enable: true } } });
  await back;
});
