// Credentials from Docker's config.json (auths/auth, identitytoken), credHelpers and credsStore
// through a real credential-helper process, and Podman's auth.json — used against real registries.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerCredentialStore } from '../../server/src/credentials/dockerConfig';
import { RegistryClient } from '../../server/src/registry/client';
import { RegistryError } from '../../server/src/registry/errors';
import { writeCredentialHelper } from '../helpers/registry/credential-helper';
import { ADMIN, startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { pushImage } from '../helpers/registry/seed';
import { fetchRefreshToken } from '../helpers/registry/token-server';

describe('credentials from Docker and Podman configs', () => {
  let token: TestRegistry;
  let basic: TestRegistry;
  let dir: string;
  before(async () => {
    [token, basic] = await Promise.all([startRegistry('token'), startRegistry('basic')]);
    await Promise.all([pushImage(token, 'cred/app', 'v1'), pushImage(basic, 'cred/app', 'v1')]);
    dir = mkdtempSync(join(tmpdir(), 'shipshape-creds-'));
  });
  after(async () => { await Promise.all([token.stop(), basic.stop()]); rmSync(dir, { recursive: true, force: true }); });

  test('credHelpers entry: the helper is run with "get" and the host on stdin', async () => {
    const setup = writeCredentialHelper(join(dir, 'a'), 'shiptest', { [token.host]: { Username: ADMIN.username, Secret: ADMIN.password } },
      { auths: { [basic.host]: { auth: Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64') } }, credHelpers: { [token.host]: 'shiptest' } });
    const env = { ...process.env, DOCKER_CONFIG: setup.configDir, PATH: `${setup.binDir}:${process.env['PATH']}`, HOME: dir };
    const store = new DockerCredentialStore({ env, home: dir });
    const c = new RegistryClient({ url: token.url, credentials: store });
    assert.deepEqual(await c.allTags('cred/app'), ['v1']);
    assert.equal(readFileSync(setup.logFile, 'utf8'), `get ${token.host}\n`);
    // auths.auth (base64 user:pass) for the other registry, no helper call
    assert.deepEqual(await new RegistryClient({ url: basic.url, credentials: store }).allTags('cred/app'), ['v1']);
    assert.equal(readFileSync(setup.logFile, 'utf8').split('\n').filter(Boolean).length, 1);
    assert.deepEqual(store.knownRegistries(), [basic.host, token.host].sort());
  });

  test('credsStore for every registry; "not found" falls through to nothing', async () => {
    const setup = writeCredentialHelper(join(dir, 'b'), 'shipstore', { [basic.host]: { Username: ADMIN.username, Secret: ADMIN.password } }, { auths: { [basic.host]: {} }, credsStore: 'shipstore' });
    const env = { ...process.env, DOCKER_CONFIG: setup.configDir, PATH: `${setup.binDir}:${process.env['PATH']}`, HOME: dir };
    const store = new DockerCredentialStore({ env, home: dir });
    const found = await store.get(basic.host);
    assert.equal(found?.username, ADMIN.username);
    assert.equal(found?.origin.source, 'docker-credential-shipstore');
    assert.equal(await store.get('unknown.example:5000'), undefined);
    assert.deepEqual(await new RegistryClient({ url: basic.url, credentials: store }).allTags('cred/app'), ['v1']);
  });

  test('a rejected helper credential says where it came from; the secret never appears', async () => {
    const setup = writeCredentialHelper(join(dir, 'c'), 'shipbad', { [token.host]: { Username: ADMIN.username, Secret: 'stale-secret-123' } }, { credHelpers: { [token.host]: 'shipbad' } });
    const env = { ...process.env, DOCKER_CONFIG: setup.configDir, PATH: `${setup.binDir}:${process.env['PATH']}`, HOME: dir };
    const error = await new RegistryClient({ url: token.url, credentials: new DockerCredentialStore({ env, home: dir }) }).allTags('cred/app').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof RegistryError);
    assert.equal(error.kind, 'unauthorized');
    assert.match(error.message, /docker-credential-shipbad/);
    assert.match(error.message, new RegExp(`docker login ${token.host.replace(/\./g, '\\.')}`));
    assert.doesNotMatch(error.message, /stale-secret-123/);
  });

  test('a missing helper is a warning, not a crash', async () => {
    const configDir = join(dir, 'd');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ credsStore: 'does-not-exist' }));
    const warnings: string[] = [];
    const store = new DockerCredentialStore({ env: { PATH: '/usr/bin:/bin', DOCKER_CONFIG: configDir }, home: dir, onWarning: (w) => warnings.push(w) });
    assert.equal(await store.get(token.host), undefined);
    assert.match(warnings.join(), /docker-credential-does-not-exist is not installed/);
  });

  test('identitytoken in auths is used as an OAuth2 refresh token', async () => {
    const refresh = await fetchRefreshToken(token.tokenServer!, ADMIN.username, ADMIN.password);
    const configDir = join(dir, 'e');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: { [`https://${token.host}`]: { auth: '', identitytoken: refresh } } }));
    const grants = token.tokenServer!.stats.refreshGrants;
    const store = new DockerCredentialStore({ env: { DOCKER_CONFIG: configDir }, home: dir });
    assert.deepEqual(await new RegistryClient({ url: token.url, credentials: store }).allTags('cred/app'), ['v1']);
    assert.equal(token.tokenServer!.stats.refreshGrants - grants, 1);
  });

  test('namespace-scoped auth.json keys: the most specific key for the repository wins, per repository (token and basic auth)', async () => {
    for (const registry of [token, basic]) {
      const authFile = join(dir, `scoped-${registry.mode}.json`);
      writeFileSync(authFile, JSON.stringify({ auths: {
        [registry.host]: { auth: Buffer.from(`${ADMIN.username}:wrong-scoped-secret`).toString('base64') },
        [`${registry.host}/cred`]: { auth: Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64') },
      } }));
      const store = new DockerCredentialStore({ env: { REGISTRY_AUTH_FILE: authFile, DOCKER_CONFIG: join(dir, 'none') }, home: dir });
      assert.equal(store.scopedByRepository(registry.host), true);
      const c = new RegistryClient({ url: registry.url, credentials: store });
      assert.deepEqual(await c.allTags('cred/app'), ['v1']);
      // The catalog names no repository: the registry-wide entry is used, and rejected.
      const error = await c.catalogPage().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof RegistryError, registry.mode);
      assert.equal(error.kind, 'unauthorized');
      assert.match(error.message, new RegExp(`podman login ${registry.host.replace(/\./g, '\\.')}"`));
      assert.doesNotMatch(error.message, /wrong-scoped-secret|testpassword/);
      // …and the scoped repository still works on the same client afterwards.
      assert.deepEqual(await c.allTags('cred/app'), ['v1']);
    }
  });

  test("Podman's auth.json (REGISTRY_AUTH_FILE and XDG_RUNTIME_DIR)", async () => {
    const authFile = join(dir, 'podman-auth.json');
    writeFileSync(authFile, JSON.stringify({ auths: { [basic.host]: { auth: Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64') } } }));
    const store = new DockerCredentialStore({ env: { REGISTRY_AUTH_FILE: authFile, DOCKER_CONFIG: join(dir, 'none') }, home: dir });
    const found = await store.get(basic.host);
    assert.equal(found?.origin.source, authFile);
    assert.match(found?.origin.updateHint ?? '', /podman login/);
    assert.deepEqual(await new RegistryClient({ url: basic.url, credentials: store }).allTags('cred/app'), ['v1']);
    const runtime = join(dir, 'runtime');
    mkdirSync(join(runtime, 'containers'), { recursive: true });
    writeFileSync(join(runtime, 'containers', 'auth.json'), readFileSync(authFile));
    assert.equal((await new DockerCredentialStore({ env: { XDG_RUNTIME_DIR: runtime, DOCKER_CONFIG: join(dir, 'none') }, home: dir }).get(basic.host))?.username, ADMIN.username);
  });
});
