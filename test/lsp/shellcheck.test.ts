// ShellCheck through the real language server: on open/save only, cached, off when untrusted.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { findShellcheck } from '../../server/src/dockerfile/shellcheck/runner';
import { LspTestClient, type PublishedDiagnostics } from './lspClient';

const skip = findShellcheck() ? false : 'shellcheck is not installed';
const clients: LspTestClient[] = [];
after(async () => { for (const c of clients) await c.shutdown(); });

const hasSc = (p: PublishedDiagnostics, code: string, line?: number) =>
  p.diagnostics.some((d) => d.code === code && (line === undefined || d.range.start.line === line));

test('trusted workspace: SC findings after open; edits wait for save', { skip }, async () => {
  const client = new LspTestClient();
  clients.push(client);
  await client.initialize(undefined, { workspaceTrusted: true });
  const uri = 'file:///tmp/h3b-lsp-shellcheck/Dockerfile';
  const withSc = client.nextDiagnostics(uri, (p) => hasSc(p, 'SC2154', 1));
  await client.open(uri, 'dockerfile', 'FROM debian:12\nRUN echo "$lower_x"\n');
  const first = await withSc;
  const d = first.diagnostics.find((x) => x.code === 'SC2154')!;
  assert.deepEqual(d.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 18 } });
  assert.equal(d.codeDescription?.href, 'https://www.shellcheck.net/wiki/SC2154');

  const typed = client.nextDiagnostics(uri, (p) => p.version === 2);
  await client.change(uri, 2, [{ text: 'FROM debian:12\nRUN echo "$lower_y"\n' }]);
  assert.ok(!hasSc(await typed, 'SC2154'), 'not run while typing');

  const saved = client.nextDiagnostics(uri, (p) => hasSc(p, 'SC2154', 1));
  await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  assert.match((await saved).diagnostics.find((x) => x.code === 'SC2154')!.message, /lower_y/);

  const disabled = client.nextDiagnostics(uri, (p) => !hasSc(p, 'SC2154'));
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: { shellcheck: { enable: false } } } });
  await disabled;
});

test('untrusted workspace: ShellCheck never runs, other rules do', { skip }, async () => {
  const client = new LspTestClient();
  clients.push(client);
  await client.initialize(undefined, { workspaceTrusted: false });
  const uri = 'file:///tmp/h3b-lsp-shellcheck-untrusted/Dockerfile';
  const published = client.nextDiagnostics(uri);
  await client.open(uri, 'dockerfile', 'FROM debian:12\nMAINTAINER me\nRUN echo "$lower_x"\n');
  const first = await published;
  assert.ok(first.diagnostics.some((d) => d.code === 'MaintainerDeprecated'));
  await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  await new Promise((r) => setTimeout(r, 1500));
  await assert.rejects(client.nextDiagnostics(uri, (p) => hasSc(p, 'SC2154'), 500));

  // Trust granted later (the client forwards onDidGrantWorkspaceTrust): ShellCheck starts.
  const trusted = client.nextDiagnostics(uri, (p) => hasSc(p, 'SC2154'));
  await client.connection.sendNotification('shipshape/workspaceTrusted');
  await trusted;
});
