import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeMessage } from './messageEncoder';

const diagnostic = (line: number, message: string) => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  severity: 2, code: 'DL3018', codeDescription: { href: 'https://example.com/DL3018.md' }, source: 'shipshape', message,
});

test('a publishDiagnostics is encoded as JSON.stringify would, whatever its diagnostics hold', () => {
  const odd = [diagnostic(0, 'plain'), diagnostic(1, 'quotes " and \\ and\nnewline'), diagnostic(2, 'ünïcödé ✓ \u2028 😀')];
  // Large publishes (whose diagnostics' JSON is kept) and small ones.
  const diagnostics = Array.from({ length: 100 }, (_, i) => ({ ...odd[i % 3]!, range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } } }));
  const messages = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/Docker"file', version: 7, diagnostics } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///b', diagnostics: [] } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///c', version: 1, diagnostics: odd } },
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hello' } },
    { jsonrpc: '2.0', id: 4, result: { capabilities: {} } },
  ];
  for (const message of messages) {
    const encoded = encodeMessage(message).toString();
    assert.deepEqual(JSON.parse(encoded), JSON.parse(JSON.stringify(message)), encoded);
  }
});

test('the same diagnostic objects published again are encoded the same', () => {
  const diagnostics = Array.from({ length: 70 }, (_, i) => diagnostic(i, `d${i}`));
  const publish = (version: number) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', version, diagnostics } });
  const first = JSON.parse(encodeMessage(publish(1)).toString());
  const second = JSON.parse(encodeMessage(publish(2)).toString());
  assert.equal(second.params.version, 2);
  assert.deepEqual(second.params.diagnostics, first.params.diagnostics);
  assert.equal(second.params.diagnostics.length, 70);
  assert.equal(second.params.diagnostics[69].message, 'd69');
});

test('a large publish stringifies each diagnostic once: published again, only the envelope is', () => {
  const diagnostics = Array.from({ length: 70 }, (_, i) => diagnostic(i, `d${i}`));
  const publish = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///big', version: 1, diagnostics } };
  const stringify = JSON.stringify;
  let calls = 0;
  JSON.stringify = ((...args: Parameters<typeof stringify>) => { calls++; return stringify(...args); }) as typeof stringify;
  try {
    encodeMessage(publish);
    assert.equal(calls, 71, 'the envelope and every diagnostic');
    calls = 0;
    const again = { ...publish, params: { ...publish.params, version: 2, diagnostics: [...diagnostics, diagnostic(70, 'new')] } };
    encodeMessage(again);
    assert.equal(calls, 2, 'the envelope and the new diagnostic');
  } finally {
    JSON.stringify = stringify;
  }
});
