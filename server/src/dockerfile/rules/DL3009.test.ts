import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, covered, findingsOf } from '../testHelpers';

test('DL3009 only for stages whose files reach the final image', () => {
  const text = [
    'FROM debian:12 AS build',
    'RUN apt-get update && apt-get install -y gcc=12',
    'FROM debian:12 AS base',
    'RUN apt-get update && apt-get install -y curl=7',
    'FROM base',
    'COPY --from=build /out /app',
  ].join('\n');
  const findings = findingsOf('DL3009', text);
  assert.deepEqual(findings.map((f) => f.range.start.line), [3]);
  assert.deepEqual(covered(text, findings), ['apt-get update']);
});

test('DL3009 cleanup: rm in the same RUN, cache/tmpfs mounts, not a later RUN', () => {
  assert.equal(findingsOf('DL3009', 'FROM debian:12\nRUN apt-get update && apt-get install -y x=1 \\\n && rm -rf /var/lib/apt/lists/*').length, 0);
  assert.equal(findingsOf('DL3009', 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update').length, 0);
  assert.equal(findingsOf('DL3009', 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update').length, 1);
  assert.equal(findingsOf('DL3009', 'FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*').length, 1);
});

test('DL3009 fix appends the cleanup to the RUN', () => {
  const text = 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl=7\nUSER app\n';
  const [finding] = findingsOf('DL3009', text);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl=7 && rm -rf /var/lib/apt/lists/*\nUSER app\n');
});
