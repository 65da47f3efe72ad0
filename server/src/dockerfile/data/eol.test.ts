import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig } from '../../config/config';
import { lintDockerfile } from '../lint';
import { EOL_IMAGES, findEol, parseVersion } from './eol';

test('parseVersion reads the leading version of a tag', () => {
  assert.deepEqual(parseVersion('3.12-slim'), { major: 3, minor: 12 });
  assert.deepEqual(parseVersion('18-alpine'), { major: 18, minor: undefined });
  assert.equal(parseVersion('bookworm'), undefined);
  assert.equal(parseVersion('latest'), undefined);
});

test('findEol: thresholds from the table, official images only', () => {
  const eol = (repo: string, tag?: string) => findEol(repo, tag) !== undefined;
  assert.ok(eol('library/python', '2'));
  assert.ok(eol('library/python', '3.7.17-slim'));
  assert.ok(eol('library/python', '3.8'));
  assert.ok(!eol('library/python', '3.9'));
  assert.ok(!eol('library/python', '3'));
  assert.ok(eol('library/node', '14.21.3'));
  assert.ok(!eol('library/node', '18'));
  assert.ok(eol('library/ubuntu', '18.04'));
  assert.ok(eol('library/ubuntu', 'xenial-20210804'));
  assert.ok(!eol('library/ubuntu', '20.04'));
  assert.ok(!eol('library/ubuntu', 'jammy'));
  assert.ok(eol('library/debian', '10.13-slim'));
  assert.ok(!eol('library/debian', 'bookworm-slim'));
  assert.ok(eol('library/alpine', '3.9'));
  assert.ok(!eol('library/alpine', '3.18'));
  assert.ok(!eol('library/alpine', '3'));
  assert.ok(eol('library/centos', undefined));
  assert.ok(!eol('someone/centos', '7'));
  assert.ok(eol('library/golang', '1.22-buster'));
  assert.ok(eol('library/node', '20-alpine3.16'));
  assert.ok(!eol('library/node', '20-alpine3.20'));
});

test('every entry names its source', () => {
  for (const entry of EOL_IMAGES) assert.match(entry.source, /^https:\/\//, entry.image);
});

test('SS1002 message and range; SS1001 is off until enabled', () => {
  const text = 'ARG PY=2.7\nFROM python:${PY}-slim AS app\n';
  const [finding] = lintDockerfile(text, emptyConfig()).filter((f) => f.code === 'SS1002');
  assert.match(finding!.message, /^Base image "python:2\.7-slim": this Python release is past end of life .*source: https:\/\/devguide\.python\.org/);
  assert.deepEqual(finding!.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 22 } });
  assert.equal(lintDockerfile(text, emptyConfig()).filter((f) => f.code === 'SS1001').length, 0);
  const on = lintDockerfile(text, { ...emptyConfig(), rules: { SS1001: 'info' } }).filter((f) => f.code === 'SS1001');
  assert.equal(on.length, 1);
  assert.equal(on[0]!.severity, 'info');
});
