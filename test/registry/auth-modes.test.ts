// Every auth mode of a real docker-registry: anonymous, Basic, TLS with a private CA, Bearer
// tokens (GET, OAuth2 refresh-token POST, POST-only token servers), with readable failures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryClient } from '../../server/src/registry/client';
import { RegistryError } from '../../server/src/registry/errors';
import { ADMIN, READER, startRegistry, type RegistryMode, type TestRegistry } from '../helpers/registry/registry';
import { pushImage } from '../helpers/registry/seed';
import type { LayoutSummary } from '../helpers/registry/oci-layout';
import { fetchRefreshToken } from '../helpers/registry/token-server';

async function rejectsWith(promise: Promise<unknown>, kind: string): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RegistryError, `expected RegistryError, got ${error}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}

for (const mode of ['plain', 'basic', 'tls', 'token'] as RegistryMode[]) {
  describe(`${mode} registry`, () => {
    let registry: TestRegistry;
    let image: LayoutSummary;
    before(async () => {
      registry = await startRegistry(mode);
      image = await pushImage(registry, 'team/app', '1.0');
    });
    after(() => registry.stop());
    const client = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) => new RegistryClient({
      url: registry.url, ...(registry.caFile ? { caFile: registry.caFile } : {}),
      ...(mode === 'plain' ? {} : { credentials: { username: ADMIN.username, secret: ADMIN.password } }), ...extra,
    });

    test('lists repositories and tags, reads the index, a platform manifest and its config', async () => {
      const c = client();
      const ping = await c.ping();
      assert.equal(ping.auth, { plain: 'none', basic: 'basic', tls: 'basic', token: 'bearer' }[mode]);
      assert.deepEqual((await c.catalogPage()).items, ['team/app']);
      assert.deepEqual(await c.allTags('team/app'), ['1.0']);
      const index = await c.getManifest('team/app', '1.0');
      assert.equal(index.mediaType, 'application/vnd.oci.image.index.v1+json');
      assert.equal(index.digest, image.index.digest);
      const platforms = (index.json['manifests'] as { platform: { architecture: string } }[]).map((m) => m.platform.architecture);
      assert.deepEqual(platforms, ['amd64', 'arm64', 'arm']);
      const arm = await c.getManifest('team/app', image.platforms[1]!.manifest);
      const config = await c.getBlobJson<{ architecture: string; os: string }>('team/app', (arm.json['config'] as { digest: string }).digest);
      assert.deepEqual([config.os, config.architecture], ['linux', 'arm64']);
      const head = await c.headManifest('team/app', '1.0');
      assert.equal(head?.digest, image.index.digest);
      assert.equal(await c.headManifest('team/app', 'nope'), undefined);
      await rejectsWith(c.getManifest('team/app', 'nope'), 'not-found');
    });

    if (mode !== 'plain') {
      test('a wrong password is a readable 401 naming the registry, not the secret', async () => {
        const error = await rejectsWith(client({ credentials: { username: ADMIN.username, secret: 'wrong-secret-xyz' } }).catalogPage(), 'unauthorized');
        assert.match(error.message, /^401: credentials for 127\.0\.0\.1:\d+ were rejected/);
        assert.doesNotMatch(error.message, /wrong-secret-xyz/);
      });
      test('no credentials at all is a 401 telling how to sign in', async () => {
        const error = await rejectsWith(client({ credentials: undefined }).catalogPage(), 'unauthorized');
        assert.match(error.message, /docker login 127\.0\.0\.1|Add Registry/);
      });
    }

    if (mode === 'tls') {
      test('without the CA file the TLS failure says to set caFile; insecure works and warns', async () => {
        const error = await rejectsWith(new RegistryClient({ url: registry.url, credentials: { username: ADMIN.username, secret: ADMIN.password }, retries: 0 }).ping(), 'tls');
        assert.match(error.message, /caFile/);
        const warnings: string[] = [];
        const insecure = new RegistryClient({ url: registry.url, insecure: true, credentials: { username: ADMIN.username, secret: ADMIN.password }, onWarning: (w) => warnings.push(w) });
        assert.deepEqual(await insecure.allTags('team/app'), ['1.0']);
        assert.match(warnings.join(), /verification is off/);
      });
    }

    if (mode === 'token') {
      test('tokens are cached per scope: 30 reads of one repository need one token', async () => {
        const c = client();
        const before = registry.tokenServer!.stats.issued;
        for (let i = 0; i < 30; i++) await c.getManifest('team/app', '1.0');
        await c.allTags('team/app');
        assert.equal(c.auth.tokenRequests, 1);
        assert.equal(registry.tokenServer!.stats.issued - before, 1);
        await c.catalogPage(); // another scope → one more token
        assert.equal(c.auth.tokenRequests, 2);
      });
      test('an identity token (refresh token) is exchanged with an OAuth2 POST', async () => {
        const refresh = await fetchRefreshToken(registry.tokenServer!, ADMIN.username, ADMIN.password);
        const grants = registry.tokenServer!.stats.refreshGrants;
        const c = client({ credentials: { identityToken: refresh } });
        assert.deepEqual(await c.allTags('team/app'), ['1.0']);
        assert.equal(registry.tokenServer!.stats.refreshGrants - grants, 1);
      });
      test('a pull-only user gets a readable error for the catalog but can read tags', async () => {
        const c = client({ credentials: { username: READER.username, secret: READER.password } });
        assert.deepEqual(await c.allTags('team/app'), ['1.0']);
        const error = await c.catalogPage().then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof RegistryError);
        assert.ok(['unauthorized', 'forbidden'].includes(error.kind), error.message);
      });
    }
  });
}

describe('token server that only speaks OAuth2 POST', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry('token', { tokenPostOnly: true });
    await pushImage(registry, 'oauth/app', 'v1').catch(() => undefined); // skopeo may not do POST-only
  });
  after(() => registry.stop());
  test('falls back from GET (405) to POST grant_type=password', async () => {
    const c = new RegistryClient({ url: registry.url, credentials: { username: ADMIN.username, secret: ADMIN.password } });
    await c.ping().catch(() => undefined);
    const page = await c.catalogPage();
    assert.ok(Array.isArray(page.items));
    assert.ok(registry.tokenServer!.stats.posts >= 1);
    assert.ok(registry.tokenServer!.stats.issued >= 1);
  });
});
