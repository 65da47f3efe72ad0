// BuildKit checks: the exact messages BuildKit prints, exact ranges, and the false-positive traps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig } from '../../config/config';
import type { Finding } from '../../core/finding';
import { lintDockerfile } from '../lint';
import { buildkitChecks } from './buildkit';

const only = (code: string, text: string): Finding[] => lintDockerfile(text, emptyConfig()).filter((f) => f.code === code);
const messages = (code: string, text: string) => only(code, text).map((f) => f.message);

test('registers the 20 engine-free BuildKit checks', () => {
  assert.equal(buildkitChecks.length, 20);
  assert.equal(new Set(buildkitChecks.map((r) => r.meta.id)).size, 20);
});

test('stage name checks: messages and ranges', () => {
  assert.deepEqual(messages('FromAsCasing', 'FROM alpine:3.20 as build'), ["'as' and 'FROM' keywords' casing do not match"]);
  assert.deepEqual(only('FromAsCasing', 'FROM alpine:3.20 as build')[0]!.range, { start: { line: 0, character: 17 }, end: { line: 0, character: 19 } });
  assert.deepEqual(messages('StageNameCasing', 'FROM alpine:3.20 AS Build'), ["Stage name 'Build' should be lowercase"]);
  assert.deepEqual(messages('DuplicateStageName', 'FROM a:1 AS x\nFROM b:1 AS X'), ['Duplicate stage name "x", stage names should be unique']);
  assert.equal(only('DuplicateStageName', 'FROM a:1 AS x\nFROM b:1 AS X')[0]!.range.start.line, 1);
  assert.deepEqual(messages('ReservedStageName', 'FROM a:1 AS scratch'), ['Stage name should not use the same name as reserved stage "scratch"']);
});

test('instruction-level checks: messages BuildKit prints', () => {
  assert.deepEqual(messages('JSONArgsRecommended', 'FROM a:1\nCMD run me'), ['JSON arguments recommended for CMD to prevent unintended behavior related to OS signals']);
  const fix = only('JSONArgsRecommended', 'FROM a:1\nCMD run me')[0]!.fixes![0]!;
  assert.equal(fix.edits[0]!.newText, '["run", "me"]');
  assert.equal(only('JSONArgsRecommended', 'FROM a:1\nCMD run $X | tee')[0]!.fixes, undefined, 'no mechanical fix for shell syntax');
  assert.deepEqual(messages('MaintainerDeprecated', 'FROM a:1\nMAINTAINER me'), ['Maintainer instruction is deprecated in favor of using label']);
  assert.deepEqual(messages('MultipleInstructionsDisallowed', 'FROM a:1\nCMD ["a"]\nCMD ["b"]'),
    ['Multiple CMD instructions should not be used in the same stage because only the last one will be used']);
  assert.equal(only('MultipleInstructionsDisallowed', 'FROM a:1\nCMD ["a"]\nCMD ["b"]')[0]!.range.start.line, 1, 'on the ignored one');
  assert.deepEqual(messages('LegacyKeyValueFormat', 'FROM a:1\nENV A b c'), ['"ENV key=value" should be used instead of legacy "ENV key value" format']);
  assert.equal(only('LegacyKeyValueFormat', 'FROM a:1\nENV A b c')[0]!.fixes![0]!.edits[0]!.newText, 'A="b c"');
  assert.deepEqual(messages('SecretsUsedInArgOrEnv', 'FROM a:1\nARG AWS_SECRET_ACCESS_KEY\nENV AUTH=x'),
    ['Do not use ARG or ENV instructions for sensitive data (ARG "AWS_SECRET_ACCESS_KEY")', 'Do not use ARG or ENV instructions for sensitive data (ENV "AUTH")']);
  assert.deepEqual(messages('ConsistentInstructionCasing', 'FROM a:1\nRUN x\nrun y'), ["Command 'run' should match the case of the command majority (uppercase)"]);
  assert.deepEqual(messages('ConsistentInstructionCasing', 'from a:1\nrun x\nRUN y'), ["Command 'RUN' should match the case of the command majority (lowercase)"]);
  assert.deepEqual(messages('NoEmptyContinuation', 'FROM a:1\nRUN a \\\n\n b'), ['Empty continuation line']);
  assert.equal(only('NoEmptyContinuation', 'FROM a:1\nRUN a \\\n\n b')[0]!.range.start.line, 3, 'on the line that ends the instruction, like BuildKit');
  assert.deepEqual(messages('ExposeProtoCasing', 'FROM a:1\nEXPOSE 80/TCP'), ["Defined protocol '80/TCP' in EXPOSE instruction should be lowercase"]);
  assert.deepEqual(messages('ExposeInvalidFormat', 'FROM a:1\nEXPOSE 80:80 127.0.0.1:81:81 82'),
    ["EXPOSE instruction should not define an IP address or host-port mapping, found '80:80'",
      "EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:81:81'"]);
});

test('ARG checks in FROM: declared args, defaults, platform', () => {
  assert.deepEqual(messages('UndefinedArgInFrom', 'ARG VERSION=1\nFROM alpine:$VERSON'), ["FROM argument 'VERSON' is not declared (did you mean VERSION?)"]);
  assert.deepEqual(only('UndefinedArgInFrom', 'FROM alpine:${TAG}')[0]!.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } });
  assert.deepEqual(messages('InvalidDefaultArgInFrom', 'ARG TAG\nFROM busybox:${TAG}'), ['Default value for ARG busybox:${TAG} results in empty or invalid base image name']);
  assert.deepEqual(messages('InvalidDefaultArgInFrom', 'ARG REG=localhost:5000\nFROM ${REG}/app:1.0'), []);
  assert.deepEqual(messages('RedundantTargetPlatform', 'FROM --platform=$TARGETPLATFORM a:1'),
    ['Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior']);
  assert.deepEqual(messages('FromPlatformFlagConstDisallowed', 'FROM --platform=linux/arm64 a:1 AS build'),
    ['FROM --platform flag should not use constant value "linux/arm64"']);
  assert.deepEqual(messages('FromPlatformFlagConstDisallowed', 'FROM --platform=linux/arm64 a:1 AS build-arm64'), []);
});

test('UndefinedVar: scope per stage, quotes, escapes, fallbacks, suggestions', () => {
  assert.deepEqual(messages('UndefinedVar', 'FROM scratch\nENV APP_HOME=/app\nWORKDIR $APP_HOM/x'), ["Usage of undefined variable '$APP_HOM' (did you mean $APP_HOME?)"]);
  assert.deepEqual(only('UndefinedVar', 'FROM scratch\nCOPY ${SRC} /x')[0]!.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 11 } });
  assert.deepEqual(messages('UndefinedVar', 'FROM alpine:3\nENV A=1 B=$A'), ["Usage of undefined variable '$A'"], 'values expand before the ENV applies');
  assert.deepEqual(messages('UndefinedVar', "FROM alpine:3\nENV A='$X' B=\"\\$Y\" C=${Z:-1} D=${W:+2}"), []);
  assert.deepEqual(messages('UndefinedVar', 'ARG G=1\nFROM alpine:3\nARG G\nCOPY --chown=$OWNER $G /x'), ["Usage of undefined variable '$OWNER'"]);
  assert.deepEqual(messages('UndefinedVar', 'FROM alpine:3\nRUN echo $NOPE\nCMD echo $NOPE'), [], 'the shell expands RUN/CMD');
});

test('WorkdirRelativePath: only the first WORKDIR of a stage chain', () => {
  assert.deepEqual(messages('WorkdirRelativePath', 'FROM a:1\nWORKDIR app\nWORKDIR sub'), ['Relative workdir "app" can have unexpected results if the base image changes']);
  assert.deepEqual(messages('WorkdirRelativePath', 'FROM a:1\nWORKDIR C:\\\\app'), []);
});

test('# check=skip / error=true at the top, and above one instruction', () => {
  const text = '# check=skip=StageNameCasing,JSONArgsRecommended;error=true\nFROM a:1 AS Build\nCMD run\nMAINTAINER me\n';
  const findings = lintDockerfile(text, emptyConfig());
  assert.deepEqual(findings.filter((f) => f.code === 'StageNameCasing' || f.code === 'JSONArgsRecommended'), []);
  assert.equal(findings.find((f) => f.code === 'MaintainerDeprecated')!.severity, 'error');
  const all = lintDockerfile('# check=skip=all\nFROM a:1 AS Build\nCMD run\n', emptyConfig());
  assert.deepEqual(all.filter((f) => buildkitChecks.some((r) => r.meta.id === f.code)), []);
  const local = lintDockerfile('FROM a:1\n# check=skip=JSONArgsRecommended\nCMD run\nENTRYPOINT run\n', emptyConfig());
  assert.deepEqual(local.filter((f) => f.code === 'JSONArgsRecommended').map((f) => f.range.start.line), [3]);
});
