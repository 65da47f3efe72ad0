import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig } from '../config/config';
import { lintDockerfile } from '../dockerfile/lint';
import { toDiagnostic } from './diagnostics';
import { PublishedFixes } from './publishedFixes';

const URI = 'file:///work/Dockerfile';
const TEXT = 'FROM alpine:3.20\nMAINTAINER me\nADD app.py /app/\n';

test('diagnostics carry no fixes; the published fixes are found again by code, range and message', () => {
  const findings = lintDockerfile(TEXT, emptyConfig());
  const published = new PublishedFixes();
  published.remember(URI, findings);
  const withFixes = findings.filter((f) => f.fixes?.length);
  assert.ok(withFixes.length >= 2, 'MaintainerDeprecated and DL3020 offer fixes');
  for (const finding of withFixes) {
    const diagnostic = toDiagnostic(finding);
    assert.equal(diagnostic.data, undefined);
    assert.deepEqual(published.lookup(URI, diagnostic), finding.fixes);
    // The same code at another range, or for another document, has none.
    assert.deepEqual(published.lookup(URI, { ...diagnostic, range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } } }), []);
    assert.deepEqual(published.lookup('file:///work/other/Dockerfile', diagnostic), []);
  }
});

test('a new publish replaces the fixes; a closed document forgets them', () => {
  const published = new PublishedFixes();
  const first = lintDockerfile(TEXT, emptyConfig());
  published.remember(URI, first);
  const maintainer = toDiagnostic(first.find((f) => f.code === 'MaintainerDeprecated')!);
  published.remember(URI, lintDockerfile('FROM alpine:3.20\n', emptyConfig()));
  assert.deepEqual(published.lookup(URI, maintainer), []);
  published.remember(URI, first);
  published.forget(URI);
  assert.deepEqual(published.lookup(URI, maintainer), []);
});
