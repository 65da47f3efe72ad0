import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEmail, isGitHash, isRfc3339, isSemver, isSpdx, isUrl } from './labels';
import { findingsOf } from './testHelpers';

test('label value formats', () => {
  assert.ok(isUrl('https://example.com/x') && !isUrl('example.com'));
  assert.ok(isRfc3339('2024-05-01T12:30:00+02:00') && isRfc3339('2024-05-01T12:30:00.123Z') && !isRfc3339('2024-05-01') && !isRfc3339('2024-13-01T00:00:00Z'));
  assert.ok(isGitHash('abc1234') && !isGitHash('ABC') && !isGitHash('main'));
  assert.ok(isSemver('1.2.3') && isSemver('v1.0.0-alpha.1') && !isSemver('1.2') && !isSemver('01.2.3'));
  assert.ok(isEmail('jane.doe+x@example.co.uk') && !isEmail('jane@localhost') && !isEmail('jane'));
  assert.ok(isSpdx('MIT') && isSpdx('(MIT OR Apache-2.0) AND BSD-3-Clause') && isSpdx('GPL-2.0-only WITH Classpath-exception-2.0') && isSpdx('LicenseRef-Acme'));
  assert.ok(!isSpdx('Apache 2') && !isSpdx('MIT OR') && !isSpdx('GPL'));
});

test('DL3049 reports missing schema labels on the final FROM; labels from the base chain count', () => {
  const schema = { labelSchema: { maintainer: 'text', 'org.opencontainers.image.version': 'semver' } };
  const findings = findingsOf('DL3049', 'FROM debian:12 AS base\nLABEL maintainer=jane\nFROM base\nRUN x\n', schema);
  assert.deepEqual(findings.map((f) => [f.range.start.line, f.message]), [[2, 'Label `org.opencontainers.image.version` is missing.']]);
});

test('label rules are silent without a schema', () => {
  assert.equal(findingsOf('DL3052', 'FROM debian:12\nLABEL org.opencontainers.image.source=nope\n').length, 0);
  assert.equal(findingsOf('DL3049', 'FROM debian:12\n').length, 0);
});
