import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
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
