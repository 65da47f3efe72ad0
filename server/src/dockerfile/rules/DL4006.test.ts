import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, covered, findingsOf } from '../testHelpers';

test('DL4006 marks the pipe and offers the SHELL line', () => {
  const text = 'FROM debian:12\nRUN curl -fsSL https://x/install.sh | sh\n';
  const [finding] = findingsOf('DL4006', text);
  assert.deepEqual(covered(text, [finding!]), ['|']);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x/install.sh | sh\n');
});

test('DL4006 traps: quoted pipes, ||, a SHELL in another unrelated stage, heredoc pipes', () => {
  assert.equal(findingsOf('DL4006', 'FROM debian:12\nRUN grep "a|b" f || true\n').length, 0);
  assert.equal(findingsOf('DL4006', 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN a | b\n').length, 1);
  assert.equal(findingsOf('DL4006', 'FROM debian:12\nRUN <<EOF\nset -eo pipefail\ncurl x | sh\nEOF\n').length, 0);
  assert.equal(findingsOf('DL4006', 'FROM debian:12\nRUN <<EOF\ncurl x | sh\nEOF\n').length, 1);
});

test('DL3059 merge fix joins the second RUN onto the first', () => {
  const text = 'FROM debian:12\nRUN mkdir /app\nRUN chown app /app\nUSER app\n';
  const [finding] = findingsOf('DL3059', text);
  assert.equal(finding!.range.start.line, 2);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM debian:12\nRUN mkdir /app && \\\n    chown app /app\nUSER app\n');
});

test('DL3003 ignores cd inside subshells; DL3047 ignores quiet wget', () => {
  const text = 'FROM debian:12\nRUN cd /src && (cd sub && make)\n';
  assert.deepEqual(findingsOf('DL3003', text).map((f) => f.range.start.character), [4]);
  assert.equal(findingsOf('DL3047', 'FROM debian:12\nRUN wget -q -O /tmp/x https://x\n').length, 0);
});

test('DL4006 on Alpine offers ash first (no bash there)', () => {
  const text = 'FROM node:20-alpine\nRUN wget -qO- https://x | sh\n';
  const [finding] = findingsOf('DL4006', text);
  assert.deepEqual(finding!.fixes!.map((f) => [f.title, f.preferred]), [
    ['Add SHELL ["/bin/ash", "-o", "pipefail", "-c"]', true],
    ['Add SHELL ["/bin/bash", "-o", "pipefail", "-c"]', false],
  ]);
});
