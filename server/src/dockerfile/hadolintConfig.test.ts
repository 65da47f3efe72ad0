import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runLint } from '../cli/lintCommand';
import { emptyConfig } from '../config/config';
import { findHadolintConfig, layerOnHadolint, readHadolintConfig, rememberConfigLookups } from './hadolintConfig';
import { lintDockerfile } from './lint';

test('.hadolint.yaml is found from the file folder up to the workspace root, then user locations', () => {
  const root = mkdtempSync(join(tmpdir(), 'h3a-hadolint-'));
  try {
    mkdirSync(join(root, 'ws', 'svc', 'deep'), { recursive: true });
    const user = join(root, 'home', '.hadolint.yaml');
    mkdirSync(join(root, 'home'));
    writeFileSync(user, 'ignored: [DL3008]\n');
    writeFileSync(join(root, 'ws', '.hadolint.yml'), 'ignored: [DL3007]\n');
    const file = join(root, 'ws', 'svc', 'deep', 'Dockerfile');
    assert.equal(findHadolintConfig(file, join(root, 'ws'), [user]), join(root, 'ws', '.hadolint.yml'));
    writeFileSync(join(root, 'ws', 'svc', '.hadolint.yaml'), 'ignored: []\n');
    assert.equal(findHadolintConfig(file, join(root, 'ws'), [user]), join(root, 'ws', 'svc', '.hadolint.yaml'));
    // Above the workspace root nothing is looked at: the user location wins.
    assert.equal(findHadolintConfig(join(root, 'other', 'Dockerfile'), join(root, 'other'), [user]), user);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('hadolint keys are read and settings layer on top', () => {
  const root = mkdtempSync(join(tmpdir(), 'h3a-hadolint-'));
  try {
    const path = join(root, '.hadolint.yaml');
    writeFileSync(path, [
      'ignored: [DL3008]', 'override:', '  error: [DL3007]', '  info: [DL3059]',
      'trustedRegistries: [docker.io, "my.reg:5000"]', 'label-schema:', '  maintainer: text', '  org.opencontainers.image.created: rfc3339',
      'strict-labels: true', 'disable-ignore-pragma: true', 'failure-threshold: warning',
    ].join('\n'));
    const config = readHadolintConfig(path);
    assert.deepEqual(config.rules, { DL3008: 'off', DL3007: 'error', DL3059: 'info' });
    assert.deepEqual(config.trustedRegistries, ['docker.io', 'my.reg:5000']);
    assert.deepEqual(config.labelSchema, { maintainer: 'text', 'org.opencontainers.image.created': 'rfc3339' });
    assert.equal(config.strictLabels, true);
    assert.equal(config.disableIgnorePragma, true);
    assert.equal(config.failureThreshold, 'warning');
    const merged = layerOnHadolint(config, { ...emptyConfig(), rules: { DL3007: 'style' }, trustedRegistries: ['ghcr.io'] });
    assert.equal(merged.rules['DL3007'], 'style');
    assert.equal(merged.rules['DL3008'], 'off');
    assert.deepEqual(merged.trustedRegistries, ['docker.io', 'my.reg:5000', 'ghcr.io']);

    const dockerfile = join(root, 'Dockerfile');
    const findings = lintDockerfile('FROM alpine:latest\n', { ...emptyConfig(), workspaceRoot: root }, dockerfile);
    assert.equal(findings.find((f) => f.code === 'DL3007')?.severity, 'error');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a broken .hadolint.yaml does not stop linting', () => {
  const root = mkdtempSync(join(tmpdir(), 'h3a-hadolint-'));
  try {
    writeFileSync(join(root, '.hadolint.yaml'), 'override: [oops\n');
    const findings = lintDockerfile('FROM alpine:latest\n', { ...emptyConfig(), workspaceRoot: root }, join(root, 'Dockerfile'));
    assert.equal(findings.find((f) => f.code === 'DL3007')?.severity, 'warning');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('CLI: failure-threshold and ignored from .hadolint.yaml in the working folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'h3a-hadolint-'));
  try {
    writeFileSync(join(root, '.git'), '');
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:latest\n');
    const io = { stdout: () => {}, stderr: () => {}, cwd: root, isTty: false, version: 'test', readStdin: () => '' };
    const args = [join(root, 'Dockerfile'), '--no-shellcheck'];
    assert.equal(runLint(args, io), 1, 'DL3007 (warning) fails the default threshold');
    writeFileSync(join(root, '.hadolint.yaml'), 'failure-threshold: error\n');
    assert.equal(runLint(args, io), 0, 'threshold raised to error');
    writeFileSync(join(root, '.hadolint.yaml'), 'ignored: [DL3007]\n');
    let out = '';
    assert.equal(runLint([...args, '--format', 'json'], { ...io, stdout: (t: string) => { out += t; } }), 0);
    assert.ok(!out.includes('DL3007'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the language server may remember config lookups for a while; the CLI looks every time', () => {
  const root = mkdtempSync(join(tmpdir(), 'h3a-hadolint-memo-'));
  try {
    const file = join(root, 'Dockerfile');
    rememberConfigLookups(60_000);
    assert.equal(findHadolintConfig(file, root, []), undefined);
    writeFileSync(join(root, '.hadolint.yaml'), 'ignored: [DL3007]\n');
    assert.equal(findHadolintConfig(file, root, []), undefined, 'remembered: not looked for again yet');
    rememberConfigLookups(0);
    assert.equal(findHadolintConfig(file, root, []), join(root, '.hadolint.yaml'));
  } finally {
    rememberConfigLookups(0);
    rmSync(root, { recursive: true, force: true });
  }
});
