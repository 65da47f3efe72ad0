import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, covered, findingsOf } from '../testHelpers';

test('DL3008 marks each unpinned package, across continuations with comments', () => {
  const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n    # tools\n    curl \\\n    git=1:2.39.2-1.1 \\\n    -t bookworm-backports ca-certificates\n';
  const findings = findingsOf('DL3008', text);
  assert.deepEqual(covered(text, findings), ['curl', 'ca-certificates']);
});

test('DL3008 traps: option values, echo, heredoc bodies', () => {
  assert.equal(findingsOf('DL3008', 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y x=1').length, 0);
  assert.equal(findingsOf('DL3008', 'FROM debian:12\nRUN echo "apt-get install curl"').length, 0);
  assert.equal(findingsOf('DL3008', 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n').length, 1);
});

test('DL3014/DL3015 fixes insert the flag after install', () => {
  const text = 'FROM debian:12\nRUN apt-get install curl=7\n';
  const [yes] = findingsOf('DL3014', text);
  assert.equal(applyFix(text, yes!.fixes![0]!), 'FROM debian:12\nRUN apt-get install -y curl=7\n');
  const [rec] = findingsOf('DL3015', text);
  assert.equal(applyFix(text, rec!.fixes![0]!), 'FROM debian:12\nRUN apt-get install --no-install-recommends curl=7\n');
  assert.deepEqual(covered(text, [yes!]), ['apt-get install']);
});

test('DL3019 fix adds --no-cache', () => {
  const text = 'FROM alpine:3.19\nRUN apk add curl=8\n';
  const [finding] = findingsOf('DL3019', text);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM alpine:3.19\nRUN apk add --no-cache curl=8\n');
});
