// The write side other features build on: blob upload (monolithic and chunked), cross-repository
// mount, manifest PUT, delete, referrers (API and tag-schema fallback), and blob redirects to
// another host without Authorization. Results are read back with skopeo, independently.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RegistryClient, sha256Digest } from '../../server/src/registry/client';
import { startProxy, startStorageHost } from '../helpers/registry/proxy';
import { ADMIN, startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { pushImage } from '../helpers/registry/seed';

const run = promisify(execFile);

async function skopeoInspect(registry: TestRegistry, ref: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', `${ADMIN.username}:${ADMIN.password}`, `docker://${registry.host}/${ref}`]);
  return JSON.parse(stdout);
}

function imageParts(label: string) {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', created: '2025-01-02T03:04:05Z', config: { Labels: { label } }, rootfs: { type: 'layers', diff_ids: [] } }));
  const layer = Buffer.alloc(300_000, label);
  const manifest = (layerDigest: string) => Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256Digest(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length }],
  }));
  return { config, layer, manifest };
}

describe('push API against a token-auth registry', () => {
  let registry: TestRegistry;
  let client: RegistryClient;
  before(async () => {
    registry = await startRegistry('token');
    client = new RegistryClient({ url: registry.url, credentials: { username: ADMIN.username, secret: ADMIN.password } });
  });
  after(() => registry.stop());

  test('monolithic and chunked uploads, manifest PUT, verified with skopeo', async () => {
    const { config, layer, manifest } = imageParts('a');
    const configDigest = await client.uploadBlob('push/one', config);
    const layerDigest = await client.uploadBlob('push/one', layer, { chunkSize: 64 * 1024 });
    assert.equal(layerDigest, sha256Digest(layer));
    assert.deepEqual(await client.headBlob('push/one', configDigest), { size: config.length });
    const body = manifest(layerDigest);
    const put = await client.putManifest('push/one', 'v1', body, 'application/vnd.oci.image.manifest.v1+json');
    assert.equal(put.digest, sha256Digest(body));
    const raw = await skopeoInspect(registry, 'push/one:v1');
    assert.equal((raw['layers'] as { digest: string }[])[0]!.digest, layerDigest);
    assert.deepEqual(await client.getBlob('push/one', layerDigest), layer);
    // Uploading again is a HEAD only.
    const requests = client.requestCount;
    await client.uploadBlob('push/one', layer);
    assert.equal(client.requestCount - requests, 1);
  });

  test('cross-repository mount, then delete by digest removes every tag', async () => {
    const { config, layer, manifest } = imageParts('b');
    await client.uploadBlob('push/src', config);
    const layerDigest = await client.uploadBlob('push/src', layer);
    assert.equal(await client.mountBlob('push/dst', layerDigest, 'push/src'), true);
    assert.equal(await client.mountBlob('push/dst', sha256Digest(config), 'push/src'), true);
    assert.equal(await client.mountBlob('push/dst', sha256Digest(Buffer.from('absent')), 'push/src'), false);
    const body = manifest(layerDigest);
    await client.putManifest('push/dst', 'one', body, 'application/vnd.oci.image.manifest.v1+json');
    await client.putManifest('push/dst', 'two', body, 'application/vnd.oci.image.manifest.v1+json');
    assert.deepEqual((await client.allTags('push/dst')).sort(), ['one', 'two']);
    await assert.rejects(client.deleteManifest('push/dst', 'one'), /needs a digest/);
    await client.deleteManifest('push/dst', sha256Digest(body));
    assert.deepEqual(await client.allTags('push/dst'), []);
  });

  test('referrers: sha256-<hex> tag schema fallback on distribution 2.8', async () => {
    const { config, layer, manifest } = imageParts('c');
    await client.uploadBlob('push/ref', config);
    const layerDigest = await client.uploadBlob('push/ref', layer);
    const subject = manifest(layerDigest);
    const subjectDigest = (await client.putManifest('push/ref', 'v1', subject, 'application/vnd.oci.image.manifest.v1+json')).digest;
    assert.deepEqual(await client.referrers('push/ref', subjectDigest), []);
    const empty = Buffer.from('{}');
    await client.uploadBlob('push/ref', empty);
    const sig = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(empty), size: 2 }, layers: [{ mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(empty), size: 2 }],
      subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subjectDigest, size: subject.length } }));
    const sigDigest = (await client.putManifest('push/ref', sha256Digest(sig), sig, 'application/vnd.oci.image.manifest.v1+json')).digest;
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sigDigest, size: sig.length, artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }] }));
    await client.putManifest('push/ref', subjectDigest.replace(':', '-'), index, 'application/vnd.oci.image.index.v1+json');
    const found = await client.referrers('push/ref', subjectDigest);
    assert.deepEqual(found.map((d) => d.digest), [sigDigest]);
    assert.deepEqual(await client.referrers('push/ref', subjectDigest, 'application/spdx+json'), []);
  });
});

describe('referrers API and redirects through the proxy', () => {
  let registry: TestRegistry;
  before(async () => { registry = await startRegistry('plain'); });
  after(() => registry.stop());

  test('referrers API answers with subject PUTs (OCI-Subject header)', async () => {
    const proxy = await startProxy({ upstream: registry.url });
    try {
      const c = new RegistryClient({ url: proxy.url });
      const image = await pushImage(registry, 'ref/app', 'v1');
      const empty = Buffer.from('{}');
      await c.uploadBlob('ref/app', empty);
      const sbom = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/spdx+json',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(empty), size: 2 }, layers: [{ mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(empty), size: 2 }],
        subject: { mediaType: 'application/vnd.oci.image.index.v1+json', digest: image.index.digest, size: image.index.size } }));
      const put = await c.putManifest('ref/app', sha256Digest(sbom), sbom, 'application/vnd.oci.image.manifest.v1+json');
      assert.equal(put.subject, image.index.digest);
      const list = await c.referrers('ref/app', image.index.digest, 'application/spdx+json');
      assert.deepEqual(list.map((d) => [d.digest, d.artifactType]), [[put.digest, 'application/spdx+json']]);
    } finally {
      await proxy.close();
    }
  });

  test('a blob redirect to another host gets no Authorization', async () => {
    const storage = await startStorageHost(registry.url);
    const proxy = await startProxy({ upstream: registry.url, redirectBlobsTo: storage.url });
    // The proxy asks for Basic auth once, so the client holds a credential for the registry host.
    proxy.options.faults = [{ match: /^GET \/v2\/$/, times: 1, status: 401, headers: { 'www-authenticate': 'Basic realm="proxy"' } }];
    try {
      const image = await pushImage(registry, 'redir/app', 'v1');
      const c = new RegistryClient({ url: proxy.url, credentials: { username: 'u', secret: 'leak-me-not' } });
      await c.ping();
      const layer = image.platforms[0]!.layers[0]!;
      const blob = await c.getBlob('redir/app', layer.digest);
      assert.equal(blob.length, layer.size);
      const blobRequest = proxy.requests.find((r) => r.url.includes('/blobs/'));
      assert.match(blobRequest?.authorization ?? '', /^Basic /, 'the registry itself got the credential');
      assert.equal(storage.authorizations.length, 1);
      assert.equal(storage.authorizations[0], undefined, 'the storage host got no Authorization');
    } finally {
      await proxy.close();
      await storage.close();
    }
  });
});
