// "Ignore <ID> here / in this file" through the real server.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LspTestClient } from './lspClient';

const client = new LspTestClient();
after(async () => { await client.shutdown(); });

test('code actions offer both pragma edits for a diagnostic', async () => {
  await client.initialize(undefined, { workspaceTrusted: false });
  const uri = 'file:///tmp/h3b-lsp-ignore/Dockerfile';
  const published = client.nextDiagnostics(uri);
  await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nMAINTAINER me\n');
  const diagnostic = (await published).diagnostics.find((d) => d.code === 'MaintainerDeprecated')!;
  const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[]>(
    'textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  const here = actions.find((a) => a.title === 'Ignore MaintainerDeprecated here')!;
  assert.deepEqual(here.edit.changes[uri], [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '# hadolint ignore=MaintainerDeprecated\n' }]);
  const file = actions.find((a) => a.title === 'Ignore MaintainerDeprecated in this file')!;
  assert.deepEqual(file.edit.changes[uri]![0]!.newText, '# hadolint global ignore=MaintainerDeprecated\n');
  assert.ok(actions.some((a) => a.title === 'Replace with LABEL org.opencontainers.image.authors'), 'the rule\'s own fix is still there');
});
