import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, findingsOf } from '../testHelpers';

test('DL3025 converts simple shell form to exec form', () => {
  const text = 'FROM debian:12\nCMD nginx -g "daemon off;"\n';
  const [finding] = findingsOf('DL3025', text);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]\n');
});

test('DL3025 offers no fix when the line needs a shell', () => {
  for (const line of ['CMD ./run.sh && tail -f /dev/null', 'ENTRYPOINT exec java $JAVA_OPTS -jar app.jar', 'CMD echo hi > /tmp/x']) {
    const [finding] = findingsOf('DL3025', `FROM debian:12\n${line}\n`);
    assert.ok(finding, line);
    assert.equal(finding!.fixes, undefined, line);
  }
});

test('DL3002 follows the base chain of the final stage only', () => {
  assert.deepEqual(findingsOf('DL3002', 'FROM debian:12 AS base\nUSER root\nFROM base\nRUN x\n').map((f) => f.range.start.line), [1]);
  assert.equal(findingsOf('DL3002', 'FROM debian:12 AS build\nUSER root\nFROM debian:12\nCOPY --from=build /a /a\n').length, 0);
});
