import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig } from '../../config/config';
import { lintDockerfile } from '../lint';

test('DL3007 marks exactly the tag, with docs link and default severity', () => {
  // Other rules (BuildKit's FromPlatformFlagConstDisallowed) also look at this line: only DL3007 here.
  const [finding, ...rest] = lintDockerfile('FROM --platform=linux/amd64 registry.example.com:5000/team/app:latest AS build\n', emptyConfig()).filter((f) => f.code === 'DL3007');
  assert.equal(rest.length, 0);
  assert.equal(finding!.code, 'DL3007');
  assert.equal(finding!.severity, 'warning');
  assert.deepEqual(finding!.range, { start: { line: 0, character: 63 }, end: { line: 0, character: 69 } });
  assert.match(finding!.docs!, /server\/src\/dockerfile\/rules\/DL3007\.md$/);
});

test('DL3007 follows configured levels', () => {
  const text = 'FROM alpine:latest';
  assert.equal(lintDockerfile(text, { ...emptyConfig(), rules: { DL3007: 'error' } })[0]!.severity, 'error');
  assert.equal(lintDockerfile(text, { ...emptyConfig(), rules: { DL3007: 'off' } }).length, 0);
  assert.equal(lintDockerfile(text, { ...emptyConfig(), rules: { DL3007: 'ignore' } }).length, 0);
});

test('DL3007 resolves ARGs: the finding covers the variable text and names the resolved image', () => {
  const findings = lintDockerfile('ARG TAG\nFROM alpine:${TAG:-latest}\n', emptyConfig()).filter((f) => f.code === 'DL3007');
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]!.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 26 } });
  assert.match(findings[0]!.message, /resolves to `alpine:latest`/);
  // A build-dependent value is never guessed.
  assert.equal(lintDockerfile('FROM alpine:${TARGETARCH:-latest}\n', emptyConfig()).filter((f) => f.code === 'DL3007').length, 0);
});
