import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerCredentialStore, credentialHostKey, helperServerAddress } from './dockerConfig';

test('server addresses normalise to host keys; Docker Hub uses its legacy URL for helpers', () => {
  assert.equal(credentialHostKey('https://index.docker.io/v1/'), 'docker.io');
  assert.equal(credentialHostKey('registry-1.docker.io'), 'docker.io');
  assert.equal(credentialHostKey('http://Reg.Example:5000/v2/'), 'reg.example:5000');
  assert.equal(helperServerAddress('docker.io'), 'https://index.docker.io/v1/');
  assert.equal(helperServerAddress('ghcr.io'), 'ghcr.io');
});

test('auths: auth, username/password, registrytoken; helper "<token>" user means identity token', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-cfg-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    auths: {
      'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hub:pass').toString('base64') },
      'plain.example': { username: 'u', password: 'p' },
      'tok.example': { registrytoken: 'rt' },
    },
    credHelpers: { 'gcr.example': 'fake' },
  }));
  const calls: string[] = [];
  const store = new DockerCredentialStore({
    env: { DOCKER_CONFIG: dir }, home: dir,
    runHelper: async (name, action, input) => { calls.push(`${name} ${action} ${input}`); return JSON.stringify({ ServerURL: input, Username: '<token>', Secret: 'refresh' }); },
  });
  const hub = await store.get('docker.io');
  assert.deepEqual([hub?.username, hub?.secret], ['hubuser', 'hub:pass']);
  assert.equal((await store.get('plain.example'))?.secret, 'p');
  assert.equal((await store.get('tok.example'))?.registryToken, 'rt');
  const gcr = await store.get('gcr.example');
  assert.equal(gcr?.identityToken, 'refresh');
  assert.equal(gcr?.username, undefined);
  assert.deepEqual(calls, ['fake get gcr.example']);
  assert.equal(await store.get('other.example'), undefined);
});

test('a broken config file is reported, not thrown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-cfg-'));
  writeFileSync(join(dir, 'config.json'), '{ not json');
  const warnings: string[] = [];
  const store = new DockerCredentialStore({ env: { DOCKER_CONFIG: dir }, home: dir, onWarning: (w) => warnings.push(w) });
  assert.equal(await store.get('x.example'), undefined);
  assert.match(warnings[0] ?? '', /cannot read .*config\.json/);
});
