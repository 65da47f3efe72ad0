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
import { lintDockerfile } from './lint';
import { setMinChunkedLength, stageChunks } from './parse';

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

function coldLint(text: string): string {
  setMinChunkedLength(Number.MAX_SAFE_INTEGER);
  try {
    return JSON.stringify(lintDockerfile(text, config));
  } finally {
    setMinChunkedLength(DEFAULT_MIN);
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
  assert.equal(stageChunks('FROM a\nRUN <<EOF\nFROM b\nEOF\n'), undefined, 'heredocs are parsed whole');
  assert.equal(stageChunks('# escape=`\nFROM a\nFROM b\n'), undefined, 'another escape character: parsed whole');
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
