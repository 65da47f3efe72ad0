import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hasCachedParse } from '../dockerfile/parse';
import { DocumentLinter } from './documentLinter';

interface Published { uri: string; version?: number; codes: string[] }

function setup(initial: Record<string, string>) {
  const docs = new Map<string, TextDocument>();
  for (const [uri, text] of Object.entries(initial)) docs.set(uri, TextDocument.create(uri, 'dockerfile', 1, text));
  const published: Published[] = [];
  const connection = {
    sendDiagnostics: async (p: { uri: string; version?: number; diagnostics: Array<{ code?: string | number }> }) => {
      published.push({ uri: p.uri, ...(p.version !== undefined ? { version: p.version } : {}), codes: p.diagnostics.map((d) => String(d.code)) });
    },
  } as unknown as Connection;
  const documents = { get: (uri: string) => docs.get(uri), all: () => [...docs.values()] } as unknown as TextDocuments<TextDocument>;
  const linter = new DocumentLinter(connection, documents);
  const edit = (uri: string, text: string) => {
    const old = docs.get(uri)!;
    const next = TextDocument.create(uri, 'dockerfile', old.version + 1, text);
    docs.set(uri, next);
    return next;
  };
  return { docs, published, linter, edit };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const settle = async () => { for (let i = 0; i < 10; i++) await tick(); };

// Only setImmediate ticks pass in settle(): a debounce timer would never fire in time.
test('a document is linted without a fixed delay, right after the current I/O', async () => {
  const { docs, published, linter } = setup({ 'file:///w/Dockerfile': 'FROM ubuntu:latest\n' });
  linter.schedule(docs.get('file:///w/Dockerfile')!);
  assert.equal(published.length, 0, 'not linted synchronously inside the notification handler');
  await settle();
  assert.equal(published.length, 1);
  assert.ok(published[0]!.codes.includes('DL3007'));
});

test('edits that arrive while busy coalesce into one lint of the newest version', async () => {
  const { published, linter, edit } = setup({ 'file:///w/Dockerfile': 'FROM ubuntu:latest\n' });
  linter.schedule(edit('file:///w/Dockerfile', 'FROM ubuntu:22.04\n'));
  linter.schedule(edit('file:///w/Dockerfile', 'FROM ubuntu:latest\n'));
  linter.schedule(edit('file:///w/Dockerfile', 'FROM ubuntu:24.04\n'));
  await settle();
  assert.deepEqual(published.map((p) => p.version), [4], 'only the last version is linted and published');
  assert.ok(!published[0]!.codes.includes('DL3007'));
});

test('the document being edited goes ahead of background re-lints', async () => {
  const { docs, published, linter } = setup({ 'file:///w/a/Dockerfile': 'FROM a:latest\n', 'file:///w/b/Dockerfile': 'FROM b:latest\n', 'file:///w/c/Dockerfile': 'FROM c:1\n' });
  linter.lintAll();
  linter.schedule(docs.get('file:///w/c/Dockerfile')!);
  await settle();
  assert.deepEqual(published.map((p) => p.uri), ['file:///w/c/Dockerfile', 'file:///w/a/Dockerfile', 'file:///w/b/Dockerfile']);
});

test('closing a document drops its queued lint and clears its diagnostics', async () => {
  const { docs, published, linter } = setup({ 'file:///w/Dockerfile': 'FROM ubuntu:latest\n' });
  linter.schedule(docs.get('file:///w/Dockerfile')!);
  linter.close('file:///w/Dockerfile');
  await settle();
  assert.deepEqual(published, [{ uri: 'file:///w/Dockerfile', codes: [] }]);
});

test('documents being edited and the two latest opened keep their parses; others let them go', async () => {
  const texts = { a: 'FROM debian:12\nRUN echo a\n', b: 'FROM debian:12\nRUN echo b\n', c: 'FROM debian:12\nRUN echo c\n', d: 'FROM debian:12\nRUN echo d\n' };
  const uri = (name: string) => `file:///w/${name}/Dockerfile`;
  const { docs, linter, edit } = setup(Object.fromEntries(Object.entries(texts).map(([name, text]) => [uri(name), text])));
  for (const name of ['a', 'b', 'c', 'd']) {
    linter.schedule(docs.get(uri(name))!);
    await settle();
  }
  const a2 = 'FROM debian:12\nRUN echo a typed\n';
  linter.schedule(edit(uri('a'), a2));
  await settle();
  assert.equal(hasCachedParse(a2), true, 'a: edited, its parse is kept for the next keystroke');
  assert.equal(hasCachedParse(texts.b), false, 'b: opened before the latest two, released');
  assert.equal(hasCachedParse(texts.c), true, 'c: among the latest two opened');
  assert.equal(hasCachedParse(texts.d), true, 'd: the latest opened');
});

test('code actions for a document whose fixes were let go lint it again (without publishing)', async () => {
  const uris = Array.from({ length: 40 }, (_, i) => `file:///w/${i}/Dockerfile`);
  const { docs, published, linter } = setup(Object.fromEntries(uris.map((uri) => [uri, 'FROM debian:12\nMAINTAINER me\n'])));
  for (const uri of uris) linter.schedule(docs.get(uri)!);
  for (let i = 0; i < uris.length + 5; i++) await tick();
  assert.equal(published.length, uris.length);
  assert.equal(linter.fixes.has(uris[0]!), false, 'only the most recent documents keep their fixes');
  const count = published.length;
  linter.ensureFixes(uris[0]!);
  assert.equal(linter.fixes.has(uris[0]!), true);
  assert.equal(published.length, count, 'nothing new is published');
});
