import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { makeOciLayout } from '../../../test/helpers/registry/oci-layout';
import { writeDockerArchive, writeOciArchive } from '../../../test/push/helpers/archives';
import { openImageSource, selectImage, ImageSourceError } from './imageSource';
import { openTar } from './tarIndex';
import { tarBuffer } from './tarWriter';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'shipshape-oci-test-'));
const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

test('OCI layout: lists the index and its platform refs, reads digest-checked blobs', async () => {
  const dir = tmp();
  try {
    const summary = makeOciLayout(join(dir, 'l'), { platforms: ['linux/amd64', 'linux/arm64'], tag: 'v1' });
    const source = await openImageSource(join(dir, 'l'));
    assert.equal(source.kind, 'oci-layout');
    assert.deepEqual(source.images.map((i) => i.names[0]), ['v1', 'v1-linux-amd64', 'v1-linux-arm64']);
    assert.equal(selectImage(source, 'v1').descriptor.digest, summary.index.digest);
    assert.equal(selectImage(source, 'v1-linux-arm64').descriptor.digest, summary.platforms[1]!.manifest);
    assert.throws(() => selectImage(source), /holds 3 images/);
    assert.throws(() => selectImage(source, 'nope'), /has no image "nope"/);
    const layer = summary.platforms[0]!.layers[0]!;
    assert.equal(sha(await collect(source.openBlob(layer.digest))), layer.digest);
    // corrupt a config: reading it must fail loudly
    writeFileSync(join(dir, 'l', 'blobs', 'sha256', summary.platforms[0]!.config.split(':')[1]!), '{"x":1}');
    await assert.rejects(source.readBlob(summary.platforms[0]!.config), /corrupt/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('OCI archive (plain, ./-prefixed, gzip\'d) reads the same images as the layout', async () => {
  const dir = tmp();
  try {
    const summary = makeOciLayout(join(dir, 'l'), { platforms: ['linux/amd64'], tag: 'latest' });
    for (const [name, opts] of [['a.tar', {}], ['b.tar', { dotSlash: true }], ['c.tar.gz', { gzip: true }]] as const) {
      await writeOciArchive(join(dir, 'l'), join(dir, name), opts);
      const source = await openImageSource(join(dir, name));
      try {
        assert.equal(source.kind, 'oci-archive');
        const image = selectImage(source);
        assert.equal(image.descriptor.digest, summary.index.digest, name);
        const layer = summary.platforms[0]!.layers[1]!;
        assert.equal(sha(await collect(source.openBlob(layer.digest))), layer.digest);
        assert.equal(sha(await source.readBlob(summary.platforms[0]!.manifest)), summary.platforms[0]!.manifest);
      } finally {
        source.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('docker-archive: synthesises a manifest whose layers are the uncompressed layer.tar files', async () => {
  const dir = tmp();
  try {
    const summary = makeOciLayout(join(dir, 'l'), { platforms: ['linux/arm64'] });
    const { configDigest, diffIds } = writeDockerArchive(join(dir, 'l'), summary.platforms[0]!.manifest, ['example.com/app:1.0'], join(dir, 'd.tar'));
    const source = await openImageSource(join(dir, 'd.tar'));
    try {
      assert.equal(source.kind, 'docker-archive');
      const image = selectImage(source, '1.0');
      assert.deepEqual(image.descriptor.platform, { os: 'linux', architecture: 'arm64' });
      const manifest = JSON.parse((await source.readBlob(image.descriptor.digest)).toString());
      assert.equal(sha(await source.readBlob(image.descriptor.digest)), image.descriptor.digest);
      assert.equal(manifest.config.digest, configDigest);
      assert.deepEqual(manifest.layers.map((l: { digest: string }) => l.digest), diffIds);
      assert.equal(manifest.layers[0].mediaType, 'application/vnd.oci.image.layer.v1.tar');
      assert.equal(sha(await collect(source.openBlob(diffIds[1]!))), diffIds[1]);
    } finally {
      source.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tar index: long names, symlinks, empty files; garbage and truncation are clear errors', async () => {
  const dir = tmp();
  try {
    const long = `${'d'.repeat(120)}/file.bin`;
    writeFileSync(join(dir, 't.tar'), tarBuffer([
      { name: long, data: Buffer.from('hello') },
      { name: 'empty', data: Buffer.alloc(0) },
      { name: 'a/short', data: Buffer.from('hello') },
      { name: 'b/link', type: 'symlink', linkTarget: '../a/short' },
    ]));
    const tar = await openTar(join(dir, 't.tar'));
    assert.equal((await tar.read(long)).toString(), 'hello');
    assert.equal((await tar.read('b/link')).toString(), 'hello');
    assert.equal((await collect(tar.stream('./b/link'))).toString(), 'hello');
    assert.equal((await collect(tar.stream('empty'))).length, 0);
    writeFileSync(join(dir, 'g.tar'), Buffer.alloc(2048, 7));
    await assert.rejects(openImageSource(join(dir, 'g.tar')), ImageSourceError);
    const good = tarBuffer([{ name: 'x', data: Buffer.alloc(4000) }]);
    writeFileSync(join(dir, 'trunc.tar'), good.subarray(0, 1500));
    await assert.rejects(openImageSource(join(dir, 'trunc.tar')), /truncated/);
    writeFileSync(join(dir, 'other.tar'), tarBuffer([{ name: 'readme', data: Buffer.from('x') }]));
    await assert.rejects(openImageSource(join(dir, 'other.tar')), /neither an OCI archive/);
    await assert.rejects(openImageSource(join(dir, 'missing')), /does not exist/);
    await assert.rejects(openImageSource(dir), /not an OCI image layout/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
