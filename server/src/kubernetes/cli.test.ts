// The CLI builds the same workspace index over the paths it is given.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runLint } from '../cli/lintCommand';
import { deploymentYaml, secretYaml } from './testing';

/** The JSON report's findings (a list, or `{findings}`). */
function findingsOf(out: string): { code: string; severity: string }[] {
  const parsed = JSON.parse(out) as unknown;
  return (Array.isArray(parsed) ? parsed : (parsed as { findings: [] }).findings);
}

function run(cwd: string, args: string[]): { code: number; out: string } {
  let out = '';
  const code = runLint(args, { stdout: (t) => { out += t; }, stderr: (t) => { out += t; }, cwd, isTty: false, version: 'test', readStdin: () => '' });
  return { code, out };
}

test('shipshape lint resolves a pull secret defined in another file of the paths given', () => {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-k8s-cli-'));
  try {
    mkdirSync(join(root, 'apps'));
    mkdirSync(join(root, 'secrets'));
    writeFileSync(join(root, 'apps', 'deploy.yaml'), deploymentYaml('registry.acme.com/web:1', { pullSecrets: ['regcred'] }));
    writeFileSync(join(root, 'secrets', 'regcred.yaml'), secretYaml('regcred', ['ghcr.io']));
    const both = run(root, ['--format', 'json', join(root, 'apps'), join(root, 'secrets')]);
    const codes = findingsOf(both.out).map((f) => f.code);
    assert.deepEqual(codes, ['pull-secret-no-auth-for-registry'], both.out);
    const alone = run(root, ['--format', 'json', join(root, 'apps')]);
    assert.deepEqual(findingsOf(alone.out).map((f) => [f.code, f.severity]), [['pull-secret-missing', 'info']], 'without the Secret: only a hint');
    writeFileSync(join(root, '.shipshape.yaml'), 'rules:\n  pull-secret-no-auth-for-registry: off\n');
    assert.equal(run(root, [join(root, 'apps'), join(root, 'secrets')]).code, 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
