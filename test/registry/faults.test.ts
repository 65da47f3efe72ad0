// Registries answering 401/404/429/500/garbage/nothing: retries where it is safe, and a typed,
// readable error otherwise. Faults are injected by the test proxy in front of a real registry.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { RegistryClient } from '../../server/src/registry/client';
import { RegistryError } from '../../server/src/registry/errors';
import { startProxy, type TestProxy } from '../helpers/registry/proxy';
import { startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { pushImage } from '../helpers/registry/seed';
import { freePort } from '../helpers/registry/ports';

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
  return error;
}

describe('faults', () => {
  let registry: TestRegistry;
  let proxy: TestProxy;
  before(async () => {
    registry = await startRegistry('plain');
    await pushImage(registry, 'lib/app', '1.0');
    proxy = await startProxy({ upstream: registry.url });
  });
  after(async () => { await proxy.close(); await registry.stop(); });
  beforeEach(() => { proxy.options.faults = []; proxy.requests.length = 0; });
  const client = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) => new RegistryClient({ url: proxy.url, maxRetryDelayMs: 2000, ...extra });

  test('429 with Retry-After is waited out and retried', async () => {
    proxy.options.faults = [{ match: /tags\/list/, times: 2, status: 429, headers: { 'retry-after': '1' }, body: '{"errors":[{"code":"TOOMANYREQUESTS"}]}' }];
    const started = Date.now();
    assert.deepEqual(await client().allTags('lib/app'), ['1.0']);
    assert.ok(Date.now() - started >= 1900, 'waited Retry-After twice');
    assert.equal(proxy.requests.filter((r) => r.url.includes('tags/list')).length, 3);
  });

  test('429 that never stops is a rate-limited error after the retries', async () => {
    proxy.options.faults = [{ match: /tags\/list/, status: 429, headers: { 'retry-after': '0' } }];
    const error = await failure(client({ retries: 2 }).allTags('lib/app'));
    assert.equal(error.kind, 'rate-limited');
    assert.match(error.message, /^429: 127\.0\.0\.1:\d+ is rate-limiting requests while listing tags of lib\/app/);
    assert.equal(proxy.requests.length, 3);
  });

  test('500 then success: retried with backoff; 500 forever: server error', async () => {
    proxy.options.faults = [{ match: /manifests/, times: 1, status: 500 }];
    assert.equal((await client().getManifest('lib/app', '1.0')).mediaType, 'application/vnd.oci.image.index.v1+json');
    proxy.options.faults = [{ match: /manifests/, status: 503, body: '<html>bad gateway</html>' }];
    const error = await failure(client({ retries: 1 }).getManifest('lib/app', '1.0'));
    assert.equal(error.kind, 'server');
    assert.match(error.message, /^503: .* server error while reading manifest lib\/app:1\.0; try again later$/);
  });

  test('POST is not retried on 500 (not idempotent)', async () => {
    proxy.options.faults = [{ match: /^POST /, status: 500 }];
    const error = await failure(client().uploadBlob('lib/app', Buffer.from('x'), { skipExistsCheck: true }));
    assert.equal(error.kind, 'server');
    assert.equal(proxy.requests.filter((r) => r.method === 'POST').length, 1);
  });

  test('404 for an unknown repository names it', async () => {
    const error = await failure(client().allTags('lib/missing'));
    assert.equal(error.kind, 'not-found');
    assert.match(error.message, /^404: not found on .* while listing tags of lib\/missing \(NAME_UNKNOWN/);
  });

  test('401 without any challenge is unauthorized with a sign-in hint', async () => {
    proxy.options.faults = [{ match: /_catalog/, status: 401, body: '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}' }];
    const error = await failure(client().catalogPage());
    assert.equal(error.kind, 'unauthorized');
    assert.match(error.message, /401: credentials for 127\.0\.0\.1:\d+ were rejected or are missing while listing repositories.*docker login/);
  });

  test('garbage instead of JSON is a protocol error quoting the start of the answer', async () => {
    proxy.options.faults = [{ match: /tags\/list/, status: 200, body: '<html>login portal</html>' }];
    const error = await failure(client().allTags('lib/app'));
    assert.equal(error.kind, 'protocol');
    assert.match(error.message, /not JSON while listing tags of lib\/app: "<html>login portal/);
    proxy.options.faults = [{ match: /tags\/list/, status: 200, body: '{"name":"lib/app","tags":"oops"}' }];
    assert.equal((await failure(client().allTags('lib/app'))).kind, 'protocol');
  });

  test('no answer at all is a timeout error', async () => {
    proxy.options.faults = [{ match: /tags\/list/, hang: true }];
    const error = await failure(client({ timeoutMs: 300, retries: 1 }).allTags('lib/app'));
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer in time while listing tags of lib\/app/);
  });

  test('nothing listening is a network error; a closed connection too', async () => {
    const port = await freePort();
    const error = await failure(new RegistryClient({ url: `127.0.0.1:${port}`, retries: 0 }).ping());
    assert.equal(error.kind, 'network');
    assert.match(error.message, /cannot connect to 127\.0\.0\.1:\d+ \(connection refused\)/);
    const rude = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => rude.listen(0, '127.0.0.1', resolve));
    const address = rude.address() as { port: number };
    const reset = await failure(new RegistryClient({ url: `127.0.0.1:${address.port}`, retries: 1, maxRetryDelayMs: 50 }).ping());
    assert.equal(reset.kind, 'network');
    rude.close();
  });
});
