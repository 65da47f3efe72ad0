import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';

const CLI = join(__dirname, '../../dist/cli.js');
let dir: string;

function shipshape(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? dir, input: options.input, encoding: 'utf8', timeout: 30000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  mkdirSync(join(dir, 'app/nested'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
  writeFileSync(join(dir, 'app/Dockerfile'), 'FROM alpine:3.20 AS build\nRUN make\nFROM alpine:latest\n');
  writeFileSync(join(dir, 'app/nested/api.dockerfile'), 'FROM node:latest\n');
  writeFileSync(join(dir, 'app/nested/Containerfile.prod'), 'FROM node:20.12\n');
  writeFileSync(join(dir, 'app/notes.txt'), 'FROM node:latest\n');
  writeFileSync(join(dir, 'node_modules/pkg/Dockerfile'), 'FROM skipped:latest\n');
  writeFileSync(join(dir, 'clean.Dockerfile'), 'FROM debian:12\n');
  writeFileSync(join(dir, 'strict.yaml'), 'rules:\n  DL3007: error\n');
  writeFileSync(join(dir, 'broken.yaml'), 'rules: [\n');
});

test('folders are searched recursively for Dockerfiles (node_modules skipped); json contract', () => {
  const { code, stdout, stderr } = shipshape(['lint', 'app', '--format', 'json']);
  assert.equal(stderr, '');
  assert.equal(code, 1, 'warnings reach the default threshold (info)');
  const report = JSON.parse(stdout);
  assert.equal(report.version, 1);
  assert.deepEqual(report.findings.map((f: { file: string }) => f.file), ['app/Dockerfile', 'app/nested/api.dockerfile']);
  assert.deepEqual(report.findings[0], {
    file: 'app/Dockerfile', line: 3, column: 13, endLine: 3, endColumn: 19,
    code: 'DL3007', severity: 'warning', language: 'dockerfile',
    message: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
  });
});

test('tty format prints file:line:column code severity: message', () => {
  const { code, stdout } = shipshape(['lint', 'app/nested/api.dockerfile', '--no-color']);
  assert.equal(code, 1);
  assert.equal(stdout.trim(), 'app/nested/api.dockerfile:1:11 DL3007 warning: Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag');
});

test('sarif 2.1.0 with rule metadata and regions', () => {
  const { stdout } = shipshape(['lint', 'app', '--format=sarif']);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'shipshape');
  assert.equal(run.tool.driver.rules[0].id, 'DL3007');
  assert.match(run.tool.driver.rules[0].helpUri, /DL3007\.md$/);
  assert.equal(run.results.length, 2);
  assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 13, endLine: 3, endColumn: 19 });
  assert.equal(run.results[0].level, 'warning');
});

test('failure threshold decides the exit code', () => {
  assert.equal(shipshape(['lint', 'app', '--failure-threshold', 'error']).code, 0);
  assert.equal(shipshape(['lint', 'app', '--failure-threshold', 'warning']).code, 1);
  assert.equal(shipshape(['lint', 'app', '--failure-threshold', 'none']).code, 0);
  assert.equal(shipshape(['lint', 'clean.Dockerfile']).code, 0);
  assert.equal(shipshape(['lint', 'app', '--config', 'strict.yaml', '--failure-threshold', 'error']).code, 1, 'config raised DL3007 to error');
});

test('explicit files are linted whatever their name; stdin with "-"', () => {
  const named = JSON.parse(shipshape(['lint', 'app/notes.txt', '--format', 'json']).stdout);
  assert.equal(named.findings[0].code, 'DL3007');
  const stdin = shipshape(['lint', '-', '--format', 'json'], { input: 'FROM redis:latest\n' });
  assert.equal(JSON.parse(stdin.stdout).findings[0].file, '-');
});

test('bad usage exits 2 with a clear message', () => {
  for (const args of [['lint', '--format', 'xml'], ['lint', '--bogus'], ['frobnicate'], [], ['lint', '--failure-threshold', 'fatal'], ['lint', '--config', 'missing.yaml'], ['lint', '--config', 'broken.yaml']]) {
    const { code, stderr } = shipshape(args);
    assert.equal(code, 2, `exit code for ${args.join(' ')}`);
    assert.match(stderr, /shipshape: |Usage:/, `message for ${args.join(' ')}`);
    assert.doesNotMatch(stderr, /at .+\(.+:\d+:\d+\)/, 'no stack trace');
  }
});

test('unreadable files get a clear message and the rest is still linted', { skip: process.getuid?.() === 0 ? 'root can read everything' : false }, () => {
  const locked = join(dir, 'locked/Dockerfile');
  mkdirSync(join(dir, 'locked'), { recursive: true });
  writeFileSync(locked, 'FROM a:latest\n');
  chmodSync(locked, 0o000);
  const { code, stdout, stderr } = shipshape(['lint', 'locked', 'app', '--format', 'json']);
  assert.match(stderr, /cannot read locked\/Dockerfile: permission denied/);
  assert.equal(JSON.parse(stdout).findings.length, 2);
  assert.equal(code, 2);
});

test('missing paths get a clear message and the rest is still linted', () => {
  const { code, stdout, stderr } = shipshape(['lint', 'nope', 'app', '--format', 'json']);
  assert.match(stderr, /shipshape: cannot read nope: no such file or directory/);
  assert.equal(JSON.parse(stdout).findings.length, 2);
  assert.equal(code, 2);
});

test('a dangling Dockerfile symlink inside a folder is reported and the rest is linted', () => {
  mkdirSync(join(dir, 'dangling'), { recursive: true });
  symlinkSync(join(dir, 'does-not-exist'), join(dir, 'dangling/Dockerfile'));
  writeFileSync(join(dir, 'dangling/Dockerfile.ok'), 'FROM ok:latest\n');
  const { code, stdout, stderr } = shipshape(['lint', 'dangling', '--format', 'json']);
  assert.match(stderr, /cannot read dangling\/Dockerfile: no such file or directory/);
  assert.deepEqual(JSON.parse(stdout).findings.map((f: { file: string }) => f.file), ['dangling/Dockerfile.ok']);
  assert.equal(code, 2);
});

test('--version and --help', () => {
  assert.match(shipshape(['--version']).stdout, /^\d+\.\d+\.\d+/);
  assert.match(shipshape(['lint', '--help']).stdout, /--failure-threshold/);
});
