import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyConfig } from '../config/config';
import { DockerfileContext } from './context';
import { lintDockerfile } from './lint';
import { covered, findingsOf } from './testHelpers';

test('FROM images are resolved through global ARGs and re-parsed', () => {
  const ctx = new DockerfileContext('ARG REG=localhost:5000\nARG BASE=${REG}/app:1.0\nARG TAG\nFROM ${BASE} AS Build\nFROM alpine:${TAG:-latest}\nFROM debian:${TARGETARCH}\nFROM build\n');
  const [a, b, c, d] = ctx.stages;
  assert.equal(a!.image.resolved, 'localhost:5000/app:1.0');
  assert.equal(a!.image.reference?.registry, 'localhost:5000');
  assert.equal(a!.image.reference?.tag, '1.0');
  assert.equal(b!.image.reference?.tag, 'latest');
  assert.equal(c!.image.known, false);
  assert.equal(c!.image.reference, undefined);
  assert.equal(d!.image.stage, a, 'stage names are case-insensitive');
});

test('stage graph: final image chain, COPY --from and RUN --mount from', () => {
  const ctx = new DockerfileContext([
    'FROM golang:1.22 AS deps',
    'FROM deps AS build',
    'RUN --mount=type=bind,from=deps,target=/d make',
    'FROM alpine:3.19 AS tools',
    'FROM debian:12 AS base',
    'FROM base',
    'COPY --from=BUILD /out /app',
  ].join('\n'));
  const [deps, build, tools, base, final] = ctx.stages;
  assert.deepEqual(ctx.stages.map((s) => s.reachesFinalImage), [false, false, false, true, true]);
  assert.equal(final!.isFinal, true);
  assert.deepEqual(final!.copiesFrom, [build]);
  assert.deepEqual(build!.mountsFrom, [deps]);
  assert.equal(build!.neededByFinal, true);
  assert.equal(deps!.neededByFinal, true);
  assert.equal(tools!.neededByFinal, false);
  assert.equal(base!.usedAsBase, true);
});

test('RUN scripts: continuations joined, comment lines dropped, exact word ranges', () => {
  const text = 'FROM debian:12\r\nRUN apt-get update \\\r\n  # a comment\r\n  && apt-get install -y curl\r\n';
  const ctx = new DockerfileContext(text);
  const [run] = ctx.runs();
  const commands = run!.script.commands;
  assert.deepEqual(commands.map((c) => c.words.map((w) => w.value)), [['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl']]);
  assert.deepEqual(ctx.wordRange(commands[1]!.words[3]!), { start: { line: 3, character: 24 }, end: { line: 3, character: 28 } });
});

test('heredocs: shell bodies are parsed, other interpreters are not; next instruction still read', () => {
  const ctx = new DockerfileContext('FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\nRUN python3 <<PY\nimport os\nPY\nRUN echo done\n');
  const runs = ctx.runs();
  assert.equal(runs.length, 3);
  assert.deepEqual(runs[0]!.script.commands.map((c) => c.name), ['apt-get']);
  assert.deepEqual(runs[1]!.script.commands.map((c) => c.name), ['python3']);
  assert.deepEqual(runs[2]!.script.commands.map((c) => c.name), ['echo']);
});

test('escape directive and exec form', () => {
  const ctx = new DockerfileContext('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a `\n  b\nRUN ["pip", "install", "x"]\n');
  const [one, two] = ctx.runs();
  assert.deepEqual(one!.script.commands[0]!.words.map((w) => w.value), ['a', 'b']);
  assert.equal(two!.script.execForm, true);
  assert.deepEqual(ctx.wordRange(two!.script.commands[0]!.words[2]!), { start: { line: 4, character: 24 }, end: { line: 4, character: 25 } });
});

test('SHELL and the shell pragma decide whether RUN is POSIX shell', () => {
  const ctx = new DockerfileContext('FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | Out-Null\n');
  const [run] = ctx.runs();
  assert.equal(ctx.isPosixShell(run!.info), false);
  assert.equal(run!.script.commands.length, 0);
  const pragma = new DockerfileContext('# hadolint shell=powershell\nFROM debian:12\nRUN a | b\n');
  assert.equal(pragma.isPosixShell(pragma.runs()[0]!.info), false);
});

test('BOM and ONBUILD triggers', () => {
  const ctx = new DockerfileContext('\uFEFFFROM alpine:3.19\nONBUILD RUN npm install\n');
  assert.equal(ctx.stages[0]!.image.reference?.tag, '3.19');
  assert.deepEqual(ctx.runs().map((r) => r.script.commands[0]!.name), ['npm']);
});

test('escape directive with backtick continuations keeps exact package ranges', () => {
  const text = '# escape=`\r\nFROM debian:12\r\nRUN apt-get update && apt-get install -y `\r\n    # the tools\r\n    curl `\r\n    wget=1.21\r\n';
  assert.deepEqual(covered(text, findingsOf('DL3008', text)), ['curl']);
  assert.deepEqual(findingsOf('DL3008', text).map((f) => f.range.start.line), [4]);
});

test('a broken line does not hide the rest: DL1000 plus the other rules', () => {
  const codes = lintDockerfile('FROM debian:latest\nRUN apt-get update\n  apt-get install -y curl\nFROM alpine:latest\n', emptyConfig()).map((f) => `${f.code}@${f.range.start.line}`);
  assert.ok(codes.includes('DL1000@2'), codes.join());
  assert.ok(codes.includes('DL3007@0') && codes.includes('DL3007@3'), codes.join());
});
