// Native push against the real registry (distribution 2.8 on a free loopback port).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeOciLayout, type LayoutSummary } from '../helpers/registry/oci-layout';
import { startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { openImageSource, selectImage } from '../../server/src/oci/imageSource';
import { pushFromSource } from '../../server/src/oci/copy';
import { TransferCancelledError, type PushProgress } from '../../server/src/oci/push';
import { writeDockerArchive, writeOciArchive } from './helpers/archives';
import { clientFor, count, removeTempDirs, skopeoPullAll, skopeoRaw, skopeoToArchive, tempDir } from './helpers/env';

after(() => removeTempDirs());

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('native push (plain registry)', () => {
  let registry: TestRegistry;
  let dir: string;
  let layout: LayoutSummary;
  before(async () => {
    registry = await startRegistry('plain');
    dir = tempDir();
    layout = makeOciLayout(join(dir, 'multi'), { platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], layers: 2, layerKiB: 48, seed: 'h6-multi', tag: 'v1' });
  });
  after(async () => { await registry?.stop(); });

  test('multi-platform layout: children first, index last, same digest; skopeo reads it and the blobs come back identical', async () => {
    const { client, requests } = clientFor(registry);
    const source = await openImageSource(layout.dir);
    const events: PushProgress[] = [];
    const result = await pushFromSource(client, 'team/app', 'v1', source, selectImage(source, 'v1'), { onProgress: (p) => events.push(p) });
    assert.equal(result.digest, layout.index.digest);
    assert.equal(result.manifests, 4);
    assert.equal(result.blobs.uploaded, 3 * 3);
    const manifestPuts = requests.filter((r) => r.method === 'PUT' && r.url.pathname.includes('/manifests/'));
    assert.deepEqual(manifestPuts.map((r) => r.url.pathname.split('/').pop()), [...layout.platforms.map((p) => p.manifest), 'v1']);
    const firstManifestPut = requests.findIndex((r) => r.method === 'PUT' && r.url.pathname.includes('/manifests/'));
    const lastBlobWrite = requests.map((r, i) => (r.url.pathname.includes('/blobs/uploads/') ? i : -1)).reduce((a, b) => Math.max(a, b));
    assert.ok(lastBlobWrite < firstManifestPut, 'every blob is uploaded before the first manifest');
    // progress: per blob and total, ending at 100 %
    const last = events[events.length - 1]!;
    assert.equal(last.blobsDone, 9);
    assert.equal(last.doneBytes, last.totalBytes);
    assert.ok(events.some((e) => e.blob?.state === 'uploaded'));
    assert.ok(events.every((e, i) => i === 0 || e.doneBytes >= events[i - 1]!.doneBytes), 'progress never goes backwards');

    const raw = await skopeoRaw(registry, 'team/app:v1');
    assert.equal(sha(raw), layout.index.digest);
    assert.deepEqual(raw, readFileSync(join(layout.dir, 'blobs', 'sha256', layout.index.digest.slice(7))));
    for (const p of layout.platforms) {
      for (const blob of [...p.layers, { digest: p.config }]) {
        const back = await client.getBlob('team/app', blob.digest);
        assert.deepEqual(back, readFileSync(join(layout.dir, 'blobs', 'sha256', blob.digest.slice(7))));
      }
    }
    const pulled = join(dir, 'pulled');
    await skopeoPullAll(registry, 'team/app:v1', pulled);
    source.close();
  });

  test('re-push skips every blob: only HEADs and manifest PUTs, no upload session', async () => {
    const { client, requests } = clientFor(registry);
    const source = await openImageSource(layout.dir);
    const result = await pushFromSource(client, 'team/app', 'v1', source, selectImage(source, 'v1'));
    assert.deepEqual(result.blobs, { uploaded: 0, exists: 9, mounted: 0 });
    assert.equal(count(requests, 'HEAD', '/blobs/'), 9);
    assert.equal(count(requests, 'POST', '/blobs/uploads/'), 0);
    assert.equal(count(requests, 'PATCH', '/blobs/'), 0);
    assert.equal(count(requests, 'PUT', '/blobs/'), 0);
    assert.equal(count(requests, 'PUT', '/manifests/'), 4);
    assert.equal(result.bytesUploaded, 0);
  });

  test('cross-repository mount: a push into another repository of the same registry transfers no blob bytes', async () => {
    const { client, requests } = clientFor(registry);
    const source = await openImageSource(layout.dir);
    const result = await pushFromSource(client, 'other/app', 'copy', source, selectImage(source, 'v1'), { mountFrom: ['team/app'] });
    assert.deepEqual(result.blobs, { uploaded: 0, exists: 0, mounted: 9 });
    assert.equal(count(requests, 'POST', /mount=sha256/), 9);
    assert.equal(count(requests, 'PATCH', '/blobs/'), 0);
    assert.equal(sha(await skopeoRaw(registry, 'other/app:copy')), layout.index.digest);
  });

  test('base image in the same registry (org.opencontainers.image.base.name): its blobs are mounted without being asked', async () => {
    const { client, requests } = clientFor(registry);
    // Derive an image from the pushed arm64 manifest: same layers, a base-name annotation.
    const base = layout.platforms[1]!;
    const derivedDir = join(dir, 'derived');
    cpSync(layout.dir, derivedDir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(derivedDir, 'blobs', 'sha256', base.manifest.slice(7)), 'utf8'));
    manifest.annotations = { ...manifest.annotations, 'org.opencontainers.image.base.name': `${registry.host}/team/app:v1` };
    const bytes = Buffer.from(JSON.stringify(manifest));
    writeFileSync(join(derivedDir, 'blobs', 'sha256', sha(bytes).slice(7)), bytes);
    writeFileSync(join(derivedDir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: manifest.mediaType, digest: sha(bytes), size: bytes.length }] }));
    const source = await openImageSource(derivedDir);
    const result = await pushFromSource(client, 'derived/app', 'd1', source, selectImage(source));
    assert.equal(result.digest, sha(bytes));
    assert.deepEqual(result.blobs, { uploaded: 0, exists: 0, mounted: base.layers.length + 1 });
    assert.equal(count(requests, 'PATCH', '/blobs/'), 0);
  });

  test('chunked upload: many PATCHes of bounded size, blob identical after', async () => {
    const { client, requests } = clientFor(registry);
    const small = makeOciLayout(join(dir, 'chunky'), { platforms: ['linux/amd64'], layers: 1, layerKiB: 100, seed: 'h6-chunky', tag: 'c' });
    const source = await openImageSource(small.dir);
    const result = await pushFromSource(client, 'team/chunky', 'c', source, selectImage(source, 'c-linux-amd64'), { chunkSize: 16 * 1024 });
    assert.equal(result.digest, small.platforms[0]!.manifest);
    const layer = small.platforms[0]!.layers[0]!;
    assert.ok(count(requests, 'PATCH', '/blobs/uploads/') >= Math.floor(layer.size / (16 * 1024)) - 1);
    assert.equal(sha(await client.getBlob('team/chunky', layer.digest)), layer.digest);
  });

  test('cancel mid-upload: no manifest (tag or child) exists afterwards, the error says cancelled', async () => {
    const { client, requests } = clientFor(registry);
    const big = makeOciLayout(join(dir, 'big'), { platforms: ['linux/amd64', 'linux/arm64'], layers: 1, layerKiB: 2048, seed: 'h6-big', tag: 'big' });
    const source = await openImageSource(big.dir);
    const controller = new AbortController();
    await assert.rejects(pushFromSource(client, 'team/big', 'big', source, selectImage(source, 'big'), {
      chunkSize: 256 * 1024, concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => { if (p.blob?.state === 'uploading' && p.blob.sent > 0 && p.blob.sent < p.blob.size) controller.abort(); },
    }), TransferCancelledError);
    assert.ok(count(requests, 'PATCH', '/blobs/uploads/') >= 1, 'the upload had started');
    assert.equal(count(requests, 'PUT', '/manifests/'), 0);
    assert.equal(count(requests, 'DELETE', '/blobs/uploads/'), 1, 'the upload session is abandoned');
    assert.equal(await client.headManifest('team/big', 'big'), undefined);
    for (const p of big.platforms) assert.equal(await client.headManifest('team/big', p.manifest), undefined);
    // a later push completes normally
    const done = await pushFromSource(client, 'team/big', 'big', source, selectImage(source, 'big'));
    assert.equal(done.digest, big.index.digest);
  });

  test('a corrupt local blob is caught before the registry commits it: clear error, no manifest, session abandoned', async () => {
    const { client, requests } = clientFor(registry);
    const bad = makeOciLayout(join(dir, 'corrupt'), { platforms: ['linux/amd64'], layers: 1, layerKiB: 64, seed: 'h6-corrupt', tag: 'bad' });
    const layerFile = join(bad.dir, 'blobs', 'sha256', bad.platforms[0]!.layers[0]!.digest.slice(7));
    const bytes = readFileSync(layerFile);
    bytes[100] ^= 0xff;
    writeFileSync(layerFile, bytes);
    const source = await openImageSource(bad.dir);
    await assert.rejects(pushFromSource(client, 'team/corrupt', 'bad', source, selectImage(source, 'bad-linux-amd64'), { chunkSize: 16 * 1024 }), /corrupt/);
    assert.equal(count(requests, 'PUT', '/manifests/'), 0);
    assert.ok(count(requests, 'DELETE', '/blobs/uploads/') >= 1);
    assert.equal(await client.headBlob('team/corrupt', bad.platforms[0]!.layers[0]!.digest), undefined);
  });

  test('archives: OCI archive, gzip\'d OCI archive, our docker-archive and skopeo-written docker-archive and oci-archive', async () => {
    const { client } = clientFor(registry);
    const single = layout.platforms[1]!;
    const files: Array<[string, string | undefined, string]> = [];
    await writeOciArchive(layout.dir, join(dir, 'oci.tar'));
    files.push([join(dir, 'oci.tar'), 'v1', layout.index.digest]);
    await writeOciArchive(layout.dir, join(dir, 'oci.tar.gz'), { gzip: true });
    files.push([join(dir, 'oci.tar.gz'), 'v1-linux-arm64', single.manifest]);
    writeDockerArchive(layout.dir, single.manifest, ['example.com/app:1.0'], join(dir, 'docker.tar'));
    files.push([join(dir, 'docker.tar'), undefined, '']);
    await skopeoToArchive(layout.dir, 'v1-linux-arm64', `docker-archive:${join(dir, 'skopeo-docker.tar')}:example.com/app:2.0`);
    files.push([join(dir, 'skopeo-docker.tar'), undefined, '']);
    await skopeoToArchive(layout.dir, 'v1-linux-amd64', `oci-archive:${join(dir, 'skopeo-oci.tar')}:mytag`);
    files.push([join(dir, 'skopeo-oci.tar'), 'mytag', '']);
    for (const [i, [file, name, expected]] of files.entries()) {
      const source = await openImageSource(file);
      try {
        const image = selectImage(source, name);
        const result = await pushFromSource(client, 'archives/app', `a${i}`, source, image);
        if (expected) assert.equal(result.digest, expected, file);
        const raw = await skopeoRaw(registry, `archives/app:a${i}`);
        assert.equal(sha(raw), result.digest, file);
        const manifest = JSON.parse(raw.toString());
        for (const l of manifest.layers ?? []) assert.equal(sha(await client.getBlob('archives/app', l.digest)), l.digest);
        await skopeoPullAll(registry, `archives/app:a${i}`, join(dir, `pull-${i}`));
      } finally {
        source.close();
      }
    }
  });
});

for (const mode of ['basic', 'tls', 'token'] as const) {
  describe(`native push with ${mode} auth`, () => {
    let registry: TestRegistry;
    before(async () => { registry = await startRegistry(mode); });
    after(async () => { await registry?.stop(); });

    test('pushes a multi-platform index that skopeo reads back', async () => {
      const dir = tempDir();
      const layout = makeOciLayout(join(dir, 'l'), { platforms: ['linux/amd64', 'linux/arm64'], layers: 1, layerKiB: 8, seed: `h6-${mode}`, tag: 'x' });
      const { client } = clientFor(registry);
      const source = await openImageSource(layout.dir);
      const result = await pushFromSource(client, 'auth/app', 'x', source, selectImage(source, 'x'), { chunkSize: 4096 });
      assert.equal(result.digest, layout.index.digest);
      assert.equal(sha(await skopeoRaw(registry, 'auth/app:x')), layout.index.digest);
    });

    test('rejected credentials give a readable 401 and push nothing', async () => {
      const dir = tempDir();
      const layout = makeOciLayout(join(dir, 'l'), { platforms: ['linux/amd64'], layers: 1, layerKiB: 4, seed: `h6-bad-${mode}`, tag: 'y' });
      const { client } = clientFor(registry, { username: 'testuser', password: 'wrong' });
      const source = await openImageSource(layout.dir);
      await assert.rejects(pushFromSource(client, 'auth/app', 'y', source, selectImage(source, 'y-linux-amd64')), (e: Error) => /401|credentials/.test(e.message) && !e.message.includes('wrong'));
      assert.equal(await clientFor(registry).client.headManifest('auth/app', 'y'), undefined);
    });
  });
}
