// The incremental parse (stage chunks reused between texts, parse.ts) and the RUN scripts
// carried over to reused nodes (context.ts) must give exactly what a cold parse of the new text
// gives. Checked with random edits, one after another, over corpus files and a synthetic file.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedPath } from '../../../test/helpers/sharedDir.cjs';
import { emptyConfig } from '../config/config';
import { DockerfileContext } from './context';
import { lintDockerfile, setStageRuleCache } from './lint';
import { cachedChunkCount, parseDockerfile, setMinChunkedLength, stageChunks, type ParsedDockerfile } from './parse';
import { findShellcheck } from './shellcheck/runner';
import { configureShellcheck, refreshShellcheck, resetShellcheck } from './shellcheck/service';

const CORPUS = process.env['SHIPSHAPE_CORPUS'] ?? sharedPath('corpus/dockerfiles');
const DEFAULT_MIN = 4096;

/** mulberry32: deterministic edits. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = ['x', ' ', '\\', '#', '\n', '=', '$', '"', 'FROM alpine:3.20 AS extra\n', 'RUN apt-get install curl \\\n',
  '# hadolint ignore=DL3008\n', 'SHELL ["/bin/bash", "-c"]\n', 'ENV PATH=/opt/bin:$PATH\n', 'ARG VERSION=1\n', 'COPY --from=0 /a /b\n'];

function randomEdit(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const line = Math.floor(rand() * lines.length);
  const current = lines[line]!;
  const at = Math.floor(rand() * (current.length + 1));
  const kind = rand();
  if (kind < 0.5) {
    // Typing at the end of a line is what the benchmark does; anywhere else too.
    const insert = INSERTS[Math.floor(rand() * INSERTS.length)]!;
    const position = rand() < 0.5 ? current.length : at;
    lines[line] = current.slice(0, position) + insert + current.slice(position);
  } else if (kind < 0.8) {
    lines[line] = current.slice(0, at) + current.slice(at + 1);
  } else if (kind < 0.9) {
    lines.splice(line, 0, current);
  } else {
    lines.splice(line, 1);
  }
  return lines.join('\n');
}

const config = emptyConfig();

/** The reference: the file parsed whole, every rule run on the whole file, nothing reused. */
function coldLint(text: string, path?: string, c = config): string {
  setMinChunkedLength(Number.MAX_SAFE_INTEGER);
  setStageRuleCache(false);
  try {
    return JSON.stringify(lintDockerfile(text, c, path));
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
    setStageRuleCache(true);
  }
}

function incrementalLint(text: string): string {
  setMinChunkedLength(0);
  try {
    return JSON.stringify(lintDockerfile(text, config));
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
  }
}

function checkEdits(name: string, text: string, edits: number, seed: number): void {
  const rand = prng(seed);
  assert.equal(incrementalLint(text), coldLint(text), `${name}: before any edit`);
  for (let i = 0; i < edits; i++) {
    text = randomEdit(text, rand);
    assert.equal(incrementalLint(text), coldLint(text), `${name}: after edit ${i + 1}\n${text}`);
  }
}

const SYNTHETIC = [
  '# syntax=docker/dockerfile:1',
  '# hadolint global ignore=DL3059',
  'ARG BASE=debian:12',
  'FROM ${BASE} AS build',
  'ENV APP=/opt/app \\',
  '    PATH=/opt/app/bin:$PATH',
  'WORKDIR app',
  'RUN apt-get update \\',
  '    && apt-get install -y curl git \\',
  '  # a comment inside the continuation',
  '    && rm -rf /var/lib/apt/lists/*',
  'RUN cd /tmp && curl -fsSL https://example.com/x.tgz | tar -xz',
  'USER root',
  '',
  'FROM build AS test',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'RUN pip install requests && echo $UNDEFINED_THING',
  '# hadolint ignore=DL3013',
  'RUN pip install flask',
  'COPY --from=build /opt/app /opt/app',
  '',
  'from alpine:3.20 as final',
  'ARG TOKEN',
  'ENV SECRET_KEY=$TOKEN',
  'RUN apk add curl \\',
  '',
  '    jq',
  'COPY --from=test /opt/app/bin /usr/local/bin/',
  'EXPOSE 8080/TCP',
  'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/ || exit 1',
  'CMD /usr/local/bin/app --port 8080',
  '',
].join('\n');

test('stage chunks: cut at FROM lines that no continuation runs into', () => {
  assert.deepEqual(stageChunks('ARG A=1\nFROM a\nRUN x \\\nFROM b\nFROM c\n')?.map((c) => c.line), [0, 1, 4]);
  assert.deepEqual(stageChunks('FROM a\nRUN x \\\n\n# c\nFROM b\n')?.map((c) => c.line), [0]);
  assert.deepEqual(stageChunks('FROM a\nRUN x\n# c \\\n  from b\n')?.map((c) => c.line), [0, 3]);
  assert.equal(stageChunks('# escape=`\nFROM a\nFROM b\n'), undefined, 'another escape character: parsed whole');
});

test('typing in one stage keeps one parse of it among the cached chunks, not one per keystroke', () => {
  setMinChunkedLength(0);
  try {
    let text = SYNTHETIC;
    const chunkCount = stageChunks(text)!.length;
    parseDockerfile(text);
    const cached = cachedChunkCount();
    const line = text.split('\n').findIndex((l) => l.startsWith('RUN'));
    for (let i = 0; i < 10; i++) {
      const lines = text.split('\n');
      lines[line] += 'x';
      text = lines.join('\n');
      parseDockerfile(text);
    }
    assert.ok(chunkCount >= 3);
    assert.equal(cachedChunkCount(), cached);
    // Another document's parse forgets nothing of the first.
    parseDockerfile('FROM alpine:3.20 AS other\nRUN true\nFROM scratch\n');
    assert.equal(cachedChunkCount(), cached + 2);
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
  }
});

test('stage chunks skip heredoc bodies the way dockerfile-ast reads them', () => {
  const cuts = (text: string) => stageChunks(text)?.map((c) => c.line);
  assert.deepEqual(cuts('FROM a\nRUN <<EOF\nFROM b\nEOF\nFROM c\n'), [0, 4], 'a FROM line in a body is body text');
  assert.deepEqual(cuts('FROM a\nRUN <<-EOF\n\tFROM b\n\tEOF\nFROM c\n'), [0, 4], '<<-: tabs before the terminator');
  assert.deepEqual(cuts('FROM a\nRUN <<EOF\n\tEOF\nFROM b\nEOF\nFROM c\n'), [0, 5], '<<: a tabbed name does not end the body');
  assert.deepEqual(cuts('FROM a\nRUN <<EOF\n  EOF\nFROM b\nEOF\nFROM c\n'), [0, 5], 'nor an indented one');
  assert.deepEqual(cuts('FROM a\nCOPY <<"ONE" <<\'TWO\' /dst/\nFROM x\nONE\nFROM y\nTWO\nFROM c\n'), [0, 6], 'bodies one after the other');
  assert.deepEqual(cuts('FROM a\nRUN --mount=type=cache,target=/c \\\n    <<EOT\nFROM b\nEOT\nFROM c\n'), [0, 5], 'the body begins where the instruction ends');
  assert.deepEqual(cuts('FROM a\nRUN <<EOF\nFROM b\n'), [0], 'unterminated: to the end of the file');
  assert.deepEqual(cuts('FROM a\r\nRUN <<EOF\r\nFROM b\r\nEOF\r\nFROM c\r\n'), [0, 4], 'CRLF');
  assert.equal(stageChunks('FROM a\nRUN cat x<<EOF\nFROM b\nEOF\n'), undefined, '<< inside a word: parsed whole');
  assert.equal(stageChunks('FROM a\nRUN cat <<< "$x"\nFROM b\n'), undefined, 'a here-string: parsed whole');
  assert.equal(stageChunks('FROM a\nRUN <<"E O F"\nFROM b\nE O F\n'), undefined, 'a quoted name with blanks: parsed whole');
});

test('every corpus Dockerfile: the chunked parse is the whole parse', { skip: existsSync(CORPUS) ? false : `corpus folder ${CORPUS} is absent` }, () => {
  const dump = (parsed: ParsedDockerfile) => JSON.stringify({
    instructions: parsed.getInstructions().map((i) => [i.getKeyword(), i.getRange(), i.getArguments().map((a) => [a.getValue(), a.getRange()]),
      (i as unknown as { getHeredocs?(): { getName(): string; getContentRange(): unknown }[] }).getHeredocs?.().map((h) => [h.getName(), h.getContentRange()])]),
    froms: parsed.getFROMs().map((f) => f.getRange()),
    comments: parsed.getComments().map((c) => c.getRange()),
    directives: parsed.getDirectives().map((d) => [d.getName(), d.getValue()]),
  });
  let chunkedFiles = 0;
  let withHeredocs = 0;
  for (const path of listFiles(CORPUS)) {
    const text = readFileSync(path, 'utf8');
    if ((stageChunks(text)?.length ?? 0) < 2) continue;
    chunkedFiles++;
    if (text.includes('<<')) withHeredocs++;
    setMinChunkedLength(0);
    try {
      const chunked = dump(parseDockerfile(text));
      setMinChunkedLength(Number.MAX_SAFE_INTEGER);
      assert.equal(chunked, dump(parseDockerfile(text)), path);
    } finally {
      setMinChunkedLength(DEFAULT_MIN);
    }
  }
  assert.ok(chunkedFiles > 100 && withHeredocs > 5, `${chunkedFiles} chunked files, ${withHeredocs} with heredocs`);
});

test('a RUN left as it was in a stage parsed again keeps its script; one that moved or changed is read again', () => {
  const stage = 'FROM b\nRUN apt-get update && apt-get install -y curl\nRUN <<EOF\nset -e\necho "$HOME" | tee /tmp/f\nEOF\nRUN make';
  const before = `FROM a AS one\nRUN echo one\n${stage}\n`;
  setMinChunkedLength(0);
  try {
    const scripts = (text: string) => new DockerfileContext(text).runs().map((r) => r.script);
    const first = scripts(before);
    // Typing in the last RUN: the stage is parsed again (new nodes); the other two RUNs are where they were.
    const second = scripts(before.replace('RUN make', 'RUN make all'));
    assert.equal(second.length, 4);
    assert.ok(second[1] === first[1] && second[2] === first[2], 'unchanged RUNs: the scripts already read');
    assert.notEqual(second[3], first[3]);
    assert.equal(second[3]!.commands[0]!.words.map((w) => w.value).join(' '), 'make all');
    // A line inserted above them: same text, another line, read again (its heredoc is elsewhere).
    const third = scripts(before.replace('FROM b\n', 'FROM b\nENV X=1\n'));
    assert.ok(third[2] !== first[2] && third[2]!.heredocs[0]!.heredoc.getContentRange()!.start.line === 6);
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
  }
});

test('a reused RUN after an edit above it has the script a cold parse reads', () => {
  const read = (text: string) => {
    const context = new DockerfileContext(text);
    return context.runs().map((r) => ({ ...r.script, line: { ...r.script.line, source: { ...r.script.line.source } } }));
  };
  const before = 'FROM a AS one\n# c\nFROM b\nRUN apt-get update && apt-get install -y curl \\\n    | grep x; echo "$HOME" > /tmp/f\n';
  const after = before.replace('# c', '# a longer comment');
  setMinChunkedLength(0);
  try {
    read(before);
    const incremental = read(after);
    setMinChunkedLength(Number.MAX_SAFE_INTEGER);
    assert.deepEqual(incremental, read(after));
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
  }
});

test('random edits of a multi-stage file: incremental lint = cold lint', () => {
  assert.ok((stageChunks(SYNTHETIC)?.length ?? 0) >= 3);
  for (let seed = 1; seed <= 4; seed++) checkEdits(`synthetic #${seed}`, SYNTHETIC, 40, seed);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

test('random edits of corpus Dockerfiles: incremental lint = cold lint', { skip: existsSync(CORPUS) ? false : `corpus folder ${CORPUS} is absent` }, () => {
  // The multi-stage files with the most stages: where chunks are reused.
  const files = listFiles(CORPUS)
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }))
    .map((f) => ({ ...f, chunks: stageChunks(f.text)?.length ?? 0 }))
    .filter((f) => f.chunks >= 3)
    .sort((a, b) => b.chunks - a.chunks || a.path.localeCompare(b.path))
    .slice(0, 6);
  assert.ok(files.length > 0, 'no multi-stage corpus file');
  files.forEach((file, i) => checkEdits(file.path, file.text, 30, 100 + i));
});

test('a parse shared between lints is not changed by a lint: the second lint of a text = the first', { skip: existsSync(CORPUS) ? false : `corpus folder ${CORPUS} is absent` }, () => {
  // Nodes (and the arguments memoized on them, astMemo.ts) outlive a lint; dockerfile-ast itself
  // reassigns parts of ranges it hands out, so a shared object handed out twice would drift.
  const configs = [config, { ...emptyConfig(), trustedRegistries: ['docker.io'], rules: { DL3007: 'error' as const } }];
  for (const path of listFiles(CORPUS)) {
    const text = readFileSync(path, 'utf8');
    for (const c of configs) {
      const first = JSON.stringify(lintDockerfile(text, c));
      assert.equal(JSON.stringify(lintDockerfile(text, c)), first, path);
    }
  }
});

// ---- findings of stage rules reused per stage (lint.ts, ruleScopes.ts) -------------------------

const RICH_CONFIG = { ...emptyConfig(), trustedRegistries: ['docker.io'], labelSchema: { maintainer: 'email', url: 'url' }, strictLabels: true };
/** DL1001 (every ignore pragma) is off by default: on, comments are findings of an outline rule. */
const PRAGMA_CONFIG = { ...emptyConfig(), rules: { DL1001: 'warning' as const } };

/** A compact difference, so that a failure does not print two whole lint results. */
function firstDifference(actual: string, expected: string): string {
  const a = JSON.parse(actual) as unknown[];
  const e = JSON.parse(expected) as unknown[];
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(e[i])) return `#${i}: got ${JSON.stringify(a[i])}\nwant ${JSON.stringify(e[i])}`;
  }
  return '';
}

function assertSameLint(text: string, path: string | undefined, c: typeof config, what: string): void {
  setMinChunkedLength(0);
  let incremental: string;
  try {
    incremental = JSON.stringify(lintDockerfile(text, c, path));
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
  }
  const cold = coldLint(text, path, c);
  if (incremental !== cold) assert.fail(`${what}\n${firstDifference(incremental, cold)}`);
}

// Each pair changes only what a later stage inherits or resolves; the later stage's text is the
// same, so its findings may only be reused if the dependency is part of the cache key.
const CHILD = 'FROM parent AS child\nCOPY app.py app/\nRUN curl -fsSL https://x | sh\nRUN pip install requests==2.0\nRUN echo $FOO $LANG\nEXPOSE $PORT\nWORKDIR rel\nCMD run\n';
// Edits keep every line where it is: a stage below starts on the same line with the same text.
const PARENT_WITH = (line: string, from = 'alpine:3.20 AS parent') => `FROM ${from}\n${line}\n`;
const DEPENDENCY_EDITS: { name: string; before: string; after: string }[] = [
  { name: 'inherited SHELL', before: PARENT_WITH('RUN echo parent') + CHILD, after: PARENT_WITH('SHELL ["/bin/bash", "-o", "pipefail", "-c"]') + CHILD },
  { name: 'inherited WORKDIR', before: PARENT_WITH('RUN echo parent') + CHILD, after: PARENT_WITH('WORKDIR /app') + CHILD },
  { name: 'inherited ENV', before: PARENT_WITH('RUN echo parent') + CHILD, after: PARENT_WITH('ENV PIP_NO_CACHE_DIR=1 FOO=1 PORT=80') + CHILD },
  { name: 'base image of the parent', before: PARENT_WITH('RUN echo parent') + CHILD, after: PARENT_WITH('RUN echo parent', 'scratch AS parent') + CHILD },
  { name: 'the parent is renamed', before: PARENT_WITH('RUN echo parent') + CHILD, after: PARENT_WITH('RUN echo parent', 'alpine:3.20 AS parent2') + CHILD },
  { name: 'a stage is added after: no longer final', before: PARENT_WITH('RUN echo parent') + CHILD + 'RUN apt-get update\n# FROM scratch\n', after: PARENT_WITH('RUN echo parent') + CHILD + 'RUN apt-get update\nFROM scratch\n' },
  { name: 'a global ARG a later stage names', before: 'ARG IMG=alpine:3.20\nFROM debian:12 AS a\nRUN echo\nFROM ${IMG} AS b\nRUN echo\n', after: 'ARG IMG=alpine\nFROM debian:12 AS a\nRUN echo\nFROM ${IMG} AS b\nRUN echo\n' },
  { name: 'a global ARG a later stage declares', before: 'ARG DIR=/app\nFROM debian:12 AS a\nRUN echo\nFROM debian:12 AS b\nARG DIR\nWORKDIR $DIR\n', after: 'ARG DIR=app\nFROM debian:12 AS a\nRUN echo\nFROM debian:12 AS b\nARG DIR\nWORKDIR $DIR\n' },
  { name: 'global ARG', before: 'ARG IMG=alpine\nFROM ${IMG} AS parent\nRUN echo\n' + CHILD, after: 'ARG IMG=parent\nFROM ${IMG} AS parent\nRUN echo\n' + CHILD },
  { name: 'shell pragma', before: PARENT_WITH('RUN echo parent') + 'FROM alpine:3.20 AS other\nRUN echo other\n' + CHILD, after: PARENT_WITH('RUN echo parent') + 'FROM alpine:3.20 AS other\n# hadolint shell=pwsh\n' + CHILD },
  { name: 'COPY --from resolves elsewhere', before: 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nCOPY --from=c /x /y\nRUN --mount=from=c,target=/m true\n', after: 'FROM alpine:3.20 AS c\nFROM alpine:3.20 AS b\nCOPY --from=c /x /y\nRUN --mount=from=c,target=/m true\n' },
  { name: 'final stage built FROM the stage', before: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl=1\nFROM scratch\nCOPY --from=base /x /x\n', after: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl=1\nFROM base\nCOPY --from=base /x /x\n' },
];

test('stage findings reused across lints follow what the stage inherits and resolves', () => {
  for (const c of [config, RICH_CONFIG]) {
    for (const { name, before, after } of DEPENDENCY_EDITS) {
      assert.notEqual(coldLint(before, undefined, c), coldLint(after, undefined, c), `${name}: the edit changes nothing, the case tests nothing`);
      assertSameLint(before, '/ws/Dockerfile', c, `${name}: before`);
      assertSameLint(after, '/ws/Dockerfile', c, `${name}: after`);
      assertSameLint(before, '/ws/Dockerfile', c, `${name}: back`);
    }
  }
});

// Each pair changes only what an outline rule reads (ruleScopes.ts), and keeps every line where it
// is: the outline rules' findings may only be reused if the outline has what changed.
const OUTLINE_EDITS: { name: string; before: string; after: string }[] = [
  { name: 'a comment becomes an ignore pragma', before: 'FROM alpine:3.20 AS a\n# a plain comment\nRUN echo\nFROM alpine:3.20\nRUN x\n', after: 'FROM alpine:3.20 AS a\n# hadolint ignore=DL9999\nRUN echo\nFROM alpine:3.20\nRUN x\n' },
  { name: 'the final stage runs as root', before: 'FROM alpine:3.20 AS a\nRUN echo\nFROM a\nUSER app\n', after: 'FROM alpine:3.20 AS a\nRUN echo\nFROM a\nUSER 0\n' },
  { name: 'the majority of keyword casing flips', before: 'FROM alpine:3.20\nRUN a\nRUN b\nrun c\nFROM alpine:3.20\nCMD x\n', after: 'FROM alpine:3.20\nrun a\nrun b\nrun c\nFROM alpine:3.20\nCMD x\n' },
  { name: 'a stage name', before: 'FROM alpine:3.20 AS a\nRUN echo\nFROM alpine:3.20 AS b\nCOPY --from=a /x /y\n', after: 'FROM alpine:3.20 AS A\nRUN echo\nFROM alpine:3.20 AS b\nCOPY --from=c /x /y\n' },
  { name: 'a label of the final image', before: 'FROM alpine:3.20 AS a\nLABEL maintainer=a@b.c\nFROM a\nRUN x\n', after: 'FROM alpine:3.20 AS a\nLABEL maintainer=nobody\nFROM a\nRUN x\n' },
  // What only FROM lines say ('stages' facet): keywords and positions unchanged.
  { name: 'the casing of AS', before: 'FROM alpine:3.20 AS a\nRUN echo\nFROM a\nRUN x\n', after: 'FROM alpine:3.20 as a\nRUN echo\nFROM a\nRUN x\n' },
  { name: 'a duplicate stage name', before: 'FROM alpine:3.20 AS a\nRUN echo\nFROM alpine:3.20 AS b\nRUN x\n', after: 'FROM alpine:3.20 AS a\nRUN echo\nFROM alpine:3.20 AS a\nRUN x\n' },
  { name: 'a reserved stage name', before: 'FROM alpine:3.20 AS a\nRUN echo\nFROM alpine:3.20 AS b\nRUN x\n', after: 'FROM alpine:3.20 AS a\nRUN echo\nFROM alpine:3.20 AS scratch\nRUN x\n' },
  { name: 'a healthcheck in the final image', before: 'FROM alpine:3.20 AS a\nHEALTHCHECK CMD true\nFROM a\nRUN x\n', after: 'FROM alpine:3.20 AS a\nENV HEALTH=none\nFROM a\nRUN x\n' },
];
const OUTLINE_CONFIG = { ...RICH_CONFIG, rules: { DL1001: 'warning' as const, DL3057: 'warning' as const } };

test('outline rules\' findings reused across lints follow pragmas, casing, stage names and the final stage', () => {
  for (const { name, before, after } of OUTLINE_EDITS) {
    assert.notEqual(coldLint(before, undefined, OUTLINE_CONFIG), coldLint(after, undefined, OUTLINE_CONFIG), `${name}: the edit changes nothing, the case tests nothing`);
    assertSameLint(before, '/ws/Dockerfile', OUTLINE_CONFIG, `${name}: before`);
    assertSameLint(after, '/ws/Dockerfile', OUTLINE_CONFIG, `${name}: after`);
    assertSameLint(before, '/ws/Dockerfile', OUTLINE_CONFIG, `${name}: back`);
  }
});

test('typing in a RUN script reuses the outline rules\' findings (the same objects)', () => {
  const before = 'FROM alpine:3.20 AS Build\nRUN make\nFROM alpine:3.20\nrun echo\nRUN echo hi\nCMD x\n';
  const after = before.replace('echo hi', 'echo hi there');
  setMinChunkedLength(0);
  try {
    const outlineCodes = new Set(['StageNameCasing', 'ConsistentInstructionCasing']);
    const first = lintDockerfile(before, config, '/ws/reuse/Dockerfile').filter((f) => outlineCodes.has(f.code));
    const second = lintDockerfile(after, config, '/ws/reuse/Dockerfile').filter((f) => outlineCodes.has(f.code));
    assert.deepEqual(first.map((f) => f.code).sort(), ['ConsistentInstructionCasing', 'StageNameCasing']);
    assert.ok(second.length === first.length && second.every((f, i) => f === first[i]));
    // A keyword's casing is in the outline: those findings are made again.
    const third = lintDockerfile(after.replace('CMD x', 'cmd x'), config, '/ws/reuse/Dockerfile').filter((f) => outlineCodes.has(f.code));
    assert.ok(third.every((f) => !first.includes(f)));
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
  }
});

test('typing in an ENV reuses the findings of the rules that read keywords or FROM lines only, not of those that read it', () => {
  const before = 'FROM alpine:3.20 AS Build\nENV A=1\nFROM alpine:3.20\nrun echo\nRUN echo hi\nUSER root\n';
  const after = before.replace('A=1', 'A=12');
  setMinChunkedLength(0);
  try {
    const codes = new Set(['StageNameCasing', 'ConsistentInstructionCasing', 'DL3002']);
    const first = lintDockerfile(before, config, '/ws/facets/Dockerfile').filter((f) => codes.has(f.code));
    const second = lintDockerfile(after, config, '/ws/facets/Dockerfile').filter((f) => codes.has(f.code));
    assert.deepEqual(first.map((f) => f.code).sort(), ['ConsistentInstructionCasing', 'DL3002', 'StageNameCasing']);
    assert.deepEqual(second.map((f) => f.code).sort(), ['ConsistentInstructionCasing', 'DL3002', 'StageNameCasing']);
    for (const finding of second) assert.equal(first.includes(finding), finding.code !== 'DL3002', finding.code);
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
  }
});

test('config, path and ShellCheck state are part of what stage findings are reused under', () => {
  const text = SYNTHETIC;
  assertSameLint(text, '/ws/a/Dockerfile', config, 'first');
  assertSameLint(text, '/ws/a/Dockerfile', RICH_CONFIG, 'another config');
  assertSameLint(text, '/ws/a/Dockerfile', { ...RICH_CONFIG, rules: { DL3008: 'off' as const, DL3013: 'error' as const } }, 'rule levels');
  assertSameLint(text, '/ws/b/Dockerfile', config, 'another path');
});

// What random edits insert in the generated file: what stages inherit from and refer to.
const STRUCTURAL = ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n', 'WORKDIR /w\n', 'ENV PIP_NO_CACHE_DIR=1 APP_HOME=/x\n', 'FROM stage1 AS stage9\n',
  ' AS renamed', 'COPY --from=stage2 /a /b\n', 'USER root\n', 'HEALTHCHECK CMD true\n', 'RUN --mount=type=cache,from=stage0,target=/root/.cache/pip pip install x\n',
  'ARG VERSION_0=2\n', 'FROM scratch\n', 'LABEL maintainer=x url=y\n', '# hadolint shell=pwsh\n', 'x', '\n',
  // What outline rules read: pragmas, keyword casing, stage names, the final stage's USER.
  '# hadolint ignore=DL9999,DL3008\n', 'run echo lower\n', 'FROM alpine:3.20 AS Stage1\n', 'USER 0\n', ' as x', 'from busybox\n'];

function structuralEdit(text: string, rand: () => number): string {
  if (rand() < 0.5) return randomEdit(text, rand);
  const lines = text.split('\n');
  const line = Math.floor(rand() * lines.length);
  const insert = STRUCTURAL[Math.floor(rand() * STRUCTURAL.length)]!;
  // Mostly in place of a line: the stages below keep their positions, so their findings are reused.
  if (!insert.endsWith('\n')) lines[line] += insert;
  else if (rand() < 0.8) lines[line] = insert.slice(0, -1);
  else lines.splice(line, 0, insert.slice(0, -1));
  return lines.join('\n');
}

test('random structural edits of a generated multi-stage file: incremental lint = cold lint', async () => {
  const { generateDockerfile } = await import('../../../bench/lib/generate.mjs' as string) as { generateDockerfile(lines: number, seed?: number): string };
  for (let seed = 1; seed <= 4; seed++) {
    let text = generateDockerfile(260, seed);
    const rand = prng(1000 + seed);
    const c = seed === 2 ? RICH_CONFIG : seed === 3 ? PRAGMA_CONFIG : config;
    assertSameLint(text, '/ws/gen/Dockerfile', c, `seed ${seed}: before any edit`);
    for (let i = 0; i < 40; i++) {
      text = structuralEdit(text, rand);
      assertSameLint(text, '/ws/gen/Dockerfile', c, `seed ${seed}: after edit ${i + 1}`);
    }
  }
});

test('every corpus Dockerfile: stage rules run stage by stage = run on the whole file', { skip: existsSync(CORPUS) ? false : `corpus folder ${CORPUS} is absent` }, () => {
  for (const path of listFiles(CORPUS)) {
    const text = readFileSync(path, 'utf8');
    for (const c of [config, RICH_CONFIG]) {
      setStageRuleCache(true, true); // empty: nothing reused, every stage run on its own
      assertSameLint(text, path, c, path);
    }
  }
});

test('ShellCheck findings per stage: reused while the scripts and ShellCheck\'s cache are unchanged', { skip: findShellcheck() ? false : 'shellcheck is not installed' }, async () => {
  const { generateDockerfile } = await import('../../../bench/lib/generate.mjs' as string) as { generateDockerfile(lines: number, seed?: number): string };
  try {
    // Like the language server: results come from the cache, filled on open/save.
    configureShellcheck({ mode: 'cached', trusted: true, enabled: true });
    let text = generateDockerfile(200, 5).replace(/RUN cd \/tmp/g, 'RUN echo $UNSET_THING; cd /tmp');
    const rand = prng(77);
    assertSameLint(text, '/ws/sc/Dockerfile', config, 'before the cache is filled');
    await refreshShellcheck(text, '/ws/sc/Dockerfile');
    assert.ok(coldLint(text, '/ws/sc/Dockerfile').includes('"SC'), 'ShellCheck reports something');
    assertSameLint(text, '/ws/sc/Dockerfile', config, 'after the cache is filled');
    for (let i = 0; i < 30; i++) {
      text = structuralEdit(text, rand);
      assertSameLint(text, '/ws/sc/Dockerfile', config, `after edit ${i + 1}`);
      if (i % 10 === 9) {
        await refreshShellcheck(text, '/ws/sc/Dockerfile');
        assertSameLint(text, '/ws/sc/Dockerfile', config, `after a refresh at edit ${i + 1}`);
      }
    }
  } finally {
    resetShellcheck();
  }
});
