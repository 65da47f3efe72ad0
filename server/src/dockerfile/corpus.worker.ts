// Worker for corpus.test.ts: lints one Dockerfile per message, so the test can stop a file
// that hangs. Rule failures (which the linter logs and survives) are reported as crashes.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { emptyConfig } from '../config/config';
import { lintDockerfile } from './lint';

const crashes: string[] = [];
console.error = (...args: unknown[]) => { crashes.push(args.map(String).join(' ').split('\n')[0]!); };

parentPort!.on('message', (file: string) => {
  crashes.length = 0;
  const started = performance.now();
  try {
    // No path: the corpus has no .dockerignore/.hadolint.yaml of its own, and results must not
    // depend on configuration files of the machine running the test.
    const findings = lintDockerfile(readFileSync(file, 'utf8'), emptyConfig());
    const codes: Record<string, number> = {};
    for (const f of findings) codes[f.code] = (codes[f.code] ?? 0) + 1;
    parentPort!.postMessage({ file, codes, ms: performance.now() - started, crashes: [...crashes] });
  } catch (error) {
    parentPort!.postMessage({ file, codes: {}, ms: performance.now() - started, crashes: [`threw: ${(error as Error).message}`] });
  }
});
