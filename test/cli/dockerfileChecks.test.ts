// `shipshape lint` and the Dockerfile checks that read the disk: ShellCheck (when installed; `--no-shellcheck` turns it off) and .dockerignore.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findShellcheck } from '../../server/src/dockerfile/shellcheck/runner';

const CLI = join(__dirname, '../../dist/cli.js');
const skip = findShellcheck() ? false : 'shellcheck is not installed';

function lint(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], { cwd, env, encoding: 'utf8', timeout: 30000 });
  return { code: result.status, findings: (JSON.parse(result.stdout || '{}') as { findings?: { code: string }[] }).findings ?? [], stderr: result.stderr };
}

test('shipshape lint reports SC codes; --no-shellcheck and a PATH without shellcheck do not', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'h3b-cli-sc-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $lower_a\nRUN echo $lower_b\n');
    const codes = (r: ReturnType<typeof lint>) => r.findings.map((f) => f.code).filter((c) => c.startsWith('SC')).sort();
    const on = lint(['Dockerfile'], dir);
    assert.deepEqual(codes(on), ['SC2086', 'SC2154', 'SC2154'], JSON.stringify(on.findings));
    assert.deepEqual(codes(lint(['--no-shellcheck', 'Dockerfile'], dir)), []);
    const without = lint(['Dockerfile'], dir, { ...process.env, PATH: '/nonexistent' });
    assert.deepEqual(codes(without), []);
    assert.ok(without.findings.length > 0 || without.code === 0, 'other rules still run');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shipshape lint: CopyIgnoredFile reads the .dockerignore beside a Dockerfile given by relative path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'h3b-cli-ignore-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22\nCOPY node_modules /app/node_modules\nCOPY package.json /app/\n');
    writeFileSync(join(dir, '.dockerignore'), 'node_modules\n');
    const result = spawnSync(process.execPath, [CLI, 'lint', '--no-shellcheck', '--format', 'json', 'Dockerfile'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    const findings = (JSON.parse(result.stdout) as { findings: { code: string; line: number; message: string }[] }).findings.filter((f) => f.code === 'CopyIgnoredFile');
    assert.deepEqual(findings.map((f) => [f.line, f.message]), [[2, 'Attempting to Copy file "node_modules" that is excluded by .dockerignore']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
