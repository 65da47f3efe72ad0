import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig } from '../config/config';
import { lintDockerfile } from './lint';

const codes = (text: string, config = emptyConfig()) => lintDockerfile(text, config).map((f) => `${f.code}@${f.range.start.line}`);

test('ignore= applies to the next instruction only; a trailing reason is allowed', () => {
  const text = '# hadolint ignore=DL3007 # we track upstream\nFROM alpine:latest\nFROM debian:latest\n';
  assert.deepEqual(codes(text), ['DL3007@2']);
});

test('stacked pragma lines merge', () => {
  const text = 'FROM debian:12\n# hadolint ignore=DL3007\n# hadolint ignore=DL3006\nFROM alpine:latest\n';
  assert.ok(!codes(text).some((c) => c.startsWith('DL3007')));
});

test('global ignore= applies everywhere; a blank line breaks a next-line pragma', () => {
  assert.deepEqual(codes('FROM alpine:latest\n# hadolint global ignore=DL3007\nFROM debian:latest\n').filter((c) => c.startsWith('DL3007')), []);
  assert.deepEqual(codes('# hadolint ignore=DL3007\n\nFROM alpine:latest\n').filter((c) => c.startsWith('DL3007')), ['DL3007@2']);
});

test('stage ignore= applies to the stage it sits in, or the stage whose FROM it precedes', () => {
  const above = 'FROM alpine:latest AS a\n# hadolint stage ignore=DL3007\nFROM debian:latest AS b\nFROM ubuntu:latest\n';
  assert.deepEqual(codes(above).filter((c) => c.startsWith('DL3007')), ['DL3007@0', 'DL3007@3']);
  const inside = 'FROM alpine:latest AS a\n# hadolint stage ignore=DL3007\nRUN echo\nFROM ubuntu:latest\n';
  assert.deepEqual(codes(inside).filter((c) => c.startsWith('DL3007')), ['DL3007@3']);
});

test('disable-ignore-pragma turns pragmas off', () => {
  const text = '# hadolint ignore=DL3007\nFROM alpine:latest\n';
  assert.deepEqual(codes(text, { ...emptyConfig(), disableIgnorePragma: true }).filter((c) => c.startsWith('DL3007')), ['DL3007@1']);
});

test('a pragma-looking comment inside a continuation is not a pragma', () => {
  const text = 'FROM alpine:3.19\nRUN echo a \\\n# hadolint ignore=DL3007\n && echo b\nFROM alpine:latest\n';
  assert.ok(codes(text).includes('DL3007@4'));
});

test('ids are comma-separated; words after the list are a reason; unknown ids are reported but the rest applies', () => {
  const text = '# hadolint ignore=DL3007, DL9999 because upstream\nFROM alpine:latest\n';
  const findings = lintDockerfile(text, emptyConfig());
  assert.ok(!findings.some((f) => f.code === 'DL3007'));
  const unknown = findings.filter((f) => f.code === 'SS1000');
  assert.deepEqual(unknown.map((f) => [f.severity, f.range.start.character, f.range.end.character]), [['info', 26, 32]]);
});
