import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient, SERVER_JS } from './lspClient';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

test('package bin "shipshape-language-server --stdio" runs the server as an executable', async () => {
  assert.equal(pkg.bin['shipshape-language-server'], 'dist/server.js');
  // Run it the way npm's bin shim does: the file itself, through its shebang.
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bin-'));
  const bin = join(dir, 'shipshape-language-server');
  chmodSync(SERVER_JS, 0o755);
  symlinkSync(SERVER_JS, bin);
  const client = new LspTestClient(bin, ['--stdio']);
  try {
    const init = await client.initialize();
    assert.ok(init.capabilities['textDocumentSync']);
    const uri = 'file:///tmp/shipshape-bin/Containerfile';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, 'dockerfile', 'FROM quay.io/podman/stable:latest\n');
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.map((d) => d.code), ['DL3007']);
  } finally {
    assert.equal(await client.shutdown(), 0, 'exits cleanly after shutdown/exit');
  }
});

test('without a transport argument the server exits with a clear message', () => {
  const result = spawnSync(process.execPath, [SERVER_JS], { encoding: 'utf8', timeout: 5000 });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr + result.stdout, /stdio|node-ipc|socket|pipe/i);
});

test('over stdio, what the server writes to the console reaches the client as log messages and the protocol stream stays intact', async () => {
  // A broken .hadolint.yaml is reported on the console (console.error) while the file is linted.
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-console-'));
  writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DL3007\n');
  const client = new LspTestClient();
  try {
    await client.initialize(dir);
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    const published = client.nextDiagnostics(uri);
    await client.open(uri, 'dockerfile', 'FROM alpine:latest\n');
    const { diagnostics } = await published;
    assert.ok(diagnostics.length > 0, 'diagnostics still arrive');
    assert.ok(client.logs.some((log) => log.type === 1 && /hadolint\.yaml/.test(log.message)), JSON.stringify(client.logs));
  } finally {
    assert.equal(await client.shutdown(), 0);
  }
});

test('over stdio, the server exits when its input closes', async () => {
  const client = new LspTestClient();
  await client.initialize();
  assert.equal(await client.closeInput(), 1, 'exits (code 1: no shutdown request came first)');
});
