import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { emptyConfig } from '../config/config';
import { lintDockerfile } from '../dockerfile/lint';
import { quickFixes } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { PublishedFixes } from './publishedFixes';

const URI = 'file:///work/Dockerfile';

function actionsFor(text: string, code: string) {
  const document = TextDocument.create(URI, 'dockerfile', 1, text);
  const findings = lintDockerfile(text, emptyConfig());
  const published = new PublishedFixes();
  published.remember(URI, findings);
  const diagnostics = findings.filter((f) => f.code === code).map(toDiagnostic);
  assert.ok(diagnostics.length > 0, `${code} expected before the action`);
  const params: CodeActionParams = { textDocument: { uri: URI }, range: diagnostics[0]!.range, context: { diagnostics: [diagnostics[0]!] } };
  return { document, actions: quickFixes(params, published, document) };
}

function apply(document: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(document, action.edit!.changes![URI]!);
}

const find = (actions: CodeAction[], title: string) => {
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no "${title}" in ${actions.map((a) => a.title).join(' | ')}`);
  return action;
};

test('"Ignore here" inserts a pragma above the instruction (indented like it) and silences it', () => {
  const text = 'FROM alpine:3.20\n  MAINTAINER me\nMAINTAINER you\n';
  const { document, actions } = actionsFor(text, 'MaintainerDeprecated');
  const result = apply(document, find(actions, 'Ignore MaintainerDeprecated here'));
  assert.equal(result, 'FROM alpine:3.20\n  # hadolint ignore=MaintainerDeprecated\n  MAINTAINER me\nMAINTAINER you\n');
  assert.deepEqual(lintDockerfile(result, emptyConfig()).filter((f) => f.code === 'MaintainerDeprecated').map((f) => f.range.start.line), [3]);
});

test('"Ignore here" merges into the pragma directly above, keeping a trailing reason', () => {
  const text = 'FROM alpine:3.20\n# hadolint ignore=DL3007 # pinned elsewhere\nMAINTAINER me\n';
  const { document, actions } = actionsFor(text, 'MaintainerDeprecated');
  const result = apply(document, find(actions, 'Ignore MaintainerDeprecated here'));
  assert.equal(result, 'FROM alpine:3.20\n# hadolint ignore=DL3007,MaintainerDeprecated # pinned elsewhere\nMAINTAINER me\n');
  assert.equal(lintDockerfile(result, emptyConfig()).filter((f) => f.code === 'MaintainerDeprecated').length, 0);
});

test('"Ignore in this file" goes after parser directives, or merges into a global pragma', () => {
  const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine:3.20\nMAINTAINER me\nMAINTAINER you\n';
  const { document, actions } = actionsFor(text, 'MaintainerDeprecated');
  const result = apply(document, find(actions, 'Ignore MaintainerDeprecated in this file'));
  assert.equal(result, '# syntax=docker/dockerfile:1\n# escape=\\\n# hadolint global ignore=MaintainerDeprecated\nFROM alpine:3.20\nMAINTAINER me\nMAINTAINER you\n');
  assert.equal(lintDockerfile(result, emptyConfig()).filter((f) => f.code === 'MaintainerDeprecated').length, 0);

  const withGlobal = 'FROM alpine:3.20\n# hadolint global ignore=DL3059\nMAINTAINER me\n';
  const second = actionsFor(withGlobal, 'MaintainerDeprecated');
  assert.equal(apply(second.document, find(second.actions, 'Ignore MaintainerDeprecated in this file')),
    'FROM alpine:3.20\n# hadolint global ignore=DL3059,MaintainerDeprecated\nMAINTAINER me\n');
});

test('CRLF files get CRLF pragma lines; non-Dockerfiles get no ignore actions', () => {
  const text = 'FROM alpine:3.20\r\nMAINTAINER me\r\n';
  const { document, actions } = actionsFor(text, 'MaintainerDeprecated');
  assert.equal(apply(document, find(actions, 'Ignore MaintainerDeprecated here')), 'FROM alpine:3.20\r\n# hadolint ignore=MaintainerDeprecated\r\nMAINTAINER me\r\n');
  const yaml = TextDocument.create('file:///work/deploy.yaml', 'yaml', 1, 'a: 1\n');
  const diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'shipshape', code: 'image-tag-latest' };
  assert.deepEqual(quickFixes({ textDocument: { uri: yaml.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }, new PublishedFixes(), yaml), []);
});
