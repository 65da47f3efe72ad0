// Lints every Dockerfile of the shared corpus (real-world files): no crash, no hang (a per-file
// time limit, enforced by linting in a worker), and a committed summary of findings per code so
// that any change in behaviour shows up in review. After changing rules, regenerate it:
//   UPDATE_CORPUS_SUMMARY=1 TEST_FILTER=corpus.test node test/run-tests.mjs server/src/dockerfile
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { sharedPath } from '../../../test/helpers/sharedDir.cjs';

const CORPUS = process.env['SHIPSHAPE_CORPUS'] ?? sharedPath('corpus/dockerfiles');
const SUMMARY = join(__dirname, 'corpus-summary.json');
const PER_FILE_LIMIT_MS = 10_000;

interface FileResult { file: string; codes: Record<string, number>; ms: number; crashes: string[] }

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}

function lintInWorker(worker: Worker, file: string): Promise<FileResult> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file}: no result within ${PER_FILE_LIMIT_MS} ms (hang?)`)), PER_FILE_LIMIT_MS);
    const onError = (error: Error) => { clearTimeout(timer); reject(error); };
    worker.once('error', onError);
    worker.once('message', (result: FileResult) => { clearTimeout(timer); worker.off('error', onError); resolvePromise(result); });
    worker.postMessage(file);
  });
}

const skip = existsSync(CORPUS) ? false : `corpus folder ${CORPUS} is absent`;

test('every corpus Dockerfile lints without crash or hang; findings per code match corpus-summary.json', { skip, timeout: 600_000 }, async () => {
  const files = listFiles(CORPUS);
  assert.ok(files.length > 0, 'corpus is empty');
  // The worker is TypeScript too: load it through tsx's require hook, like the test itself.
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'corpus.worker.ts'))});`, { eval: true });
  const byCode: Record<string, number> = {};
  const crashes: string[] = [];
  let slowest = { file: '', ms: 0 };
  try {
    for (const file of files) {
      const result = await lintInWorker(worker, file);
      for (const [code, count] of Object.entries(result.codes)) byCode[code] = (byCode[code] ?? 0) + count;
      for (const crash of result.crashes) crashes.push(`${relative(CORPUS, file)}: ${crash}`);
      if (result.ms > slowest.ms) slowest = { file: relative(CORPUS, file), ms: Math.round(result.ms) };
    }
  } finally {
    await worker.terminate();
  }
  assert.deepEqual(crashes, [], 'rules must not throw on real files');
  const summary = {
    files: files.length,
    findings: Object.values(byCode).reduce((a, b) => a + b, 0),
    byCode: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => a.localeCompare(b))),
  };
  console.log(`corpus: ${summary.files} files, ${summary.findings} findings, slowest ${slowest.file} (${slowest.ms} ms)`);
  if (process.env['UPDATE_CORPUS_SUMMARY'] === '1') {
    writeFileSync(SUMMARY, JSON.stringify(summary, null, 2) + '\n');
    return;
  }
  assert.ok(existsSync(SUMMARY), 'no corpus-summary.json: run with UPDATE_CORPUS_SUMMARY=1 and commit it');
  const committed = JSON.parse(readFileSync(SUMMARY, 'utf8')) as typeof summary;
  assert.deepEqual(summary, committed,
    'findings on the corpus changed: review the difference, then regenerate with UPDATE_CORPUS_SUMMARY=1 and commit corpus-summary.json');
});
