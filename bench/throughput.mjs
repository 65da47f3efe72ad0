// CLI throughput over the whole corpus next to the parse floor. Both run as fresh processes and
// are timed wall-clock from spawn to exit, so Node's start-up is in both numbers.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { corpusFiles } from './lib/parseFloor.mjs';
import { distDir, ROOT } from './lib/servers.mjs';
import { existsSync, statSync } from 'node:fs';

export const CORPUS = '/work/shared/corpus';

function timed(command, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr = (stderr + c).slice(-2000); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}

function shellcheckOnPath() {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, 'shellcheck')));
}

export function corpusSize(root = CORPUS) {
  const files = corpusFiles(root);
  return { files: files.length, bytes: files.reduce((sum, f) => sum + statSync(f.path).size, 0) };
}

/** One run: CLI time and parse-floor time over the same corpus. */
export async function measureThroughputRun(root = CORPUS, { shellcheck = true } = {}) {
  const { files, bytes } = corpusSize(root);
  const lint = async (extra) => {
    const run = await timed(process.execPath, [join(distDir(), 'cli.js'), 'lint', root, '--format', 'json', ...extra]);
    // Exit 0/1 = linted (1 = findings at or above the threshold); anything else is a failure.
    if (run.code !== 0 && run.code !== 1) throw new Error(`CLI exited ${run.code}: ${run.stderr}`);
    return run;
  };
  // Shipshape's own analysis, then the same with ShellCheck (an external program run on every
  // RUN script when it is on PATH, as users get it by default).
  const cli = await lint(['--no-shellcheck']);
  const floor = await timed(process.execPath, [fileURLToPath(new URL('./lib/parseFloor.mjs', import.meta.url)), root]);
  if (floor.code !== 0) throw new Error(`parse floor exited ${floor.code}: ${floor.stderr}`);
  const withShellcheck = shellcheck && shellcheckOnPath() ? await lint([]) : undefined;
  const mb = bytes / (1024 * 1024);
  return {
    files, megabytes: mb,
    cliMs: cli.ms, cliFilesPerSec: files / (cli.ms / 1000), cliMBPerSec: mb / (cli.ms / 1000),
    floorMs: floor.ms, floorFilesPerSec: files / (floor.ms / 1000), floorMBPerSec: mb / (floor.ms / 1000),
    cliOverFloor: cli.ms / floor.ms,
    ...(withShellcheck ? {
      cliShellcheckMs: withShellcheck.ms, cliShellcheckFilesPerSec: files / (withShellcheck.ms / 1000),
      cliShellcheckMBPerSec: mb / (withShellcheck.ms / 1000), cliShellcheckOverFloor: withShellcheck.ms / floor.ms,
    } : {}),
  };
}
