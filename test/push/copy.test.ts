// Copy between registries and within one (mount instead of transfer), reusing the push engine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { makeOciLayout, type LayoutSummary } from '../helpers/registry/oci-layout';
import { startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { skopeoCopy } from '../helpers/registry/seed';
import { copyImage } from '../../server/src/oci/copy';
import { clientFor, count, removeTempDirs, skopeoRaw, tempDir } from './helpers/env';

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('copy', () => {
  let plain: TestRegistry;
  let token: TestRegistry;
  let layout: LayoutSummary;
  before(async () => {
    [plain, token] = await Promise.all([startRegistry('plain'), startRegistry('token')]);
    layout = makeOciLayout(join(tempDir(), 'l'), { platforms: ['linux/amd64', 'linux/arm64'], layers: 2, layerKiB: 64, seed: 'h6-copy', tag: 'src' });
    await skopeoCopy(plain, `oci:${layout.dir}:src`, 'source/app:src');
  });
  after(async () => { await Promise.all([plain?.stop(), token?.stop()]); removeTempDirs(); });

  test('to another registry (token auth): every platform, identical digest, blobs read in ranges', async () => {
    const src = clientFor(plain);
    const dst = clientFor(token);
    const result = await copyImage({ client: src.client, repository: 'source/app', reference: 'src' }, { client: dst.client, repository: 'copied/app', reference: 'v2' }, { chunkSize: 32 * 1024 });
    assert.equal(result.digest, layout.index.digest);
    assert.equal(result.manifests, 3);
    assert.equal(sha(await skopeoRaw(token, 'copied/app:v2')), layout.index.digest);
    assert.ok(src.requests.some((r) => r.method === 'GET' && r.url.pathname.includes('/blobs/')));
    for (const p of layout.platforms) for (const l of p.layers) assert.equal(sha(await dst.client.getBlob('copied/app', l.digest)), l.digest);
  });

  test('within one registry: blobs are mounted, never downloaded', async () => {
    const { client, requests } = clientFor(plain);
    const result = await copyImage({ client, repository: 'source/app', reference: 'src' }, { client, repository: 'mirror/app', reference: 'src' });
    assert.equal(result.digest, layout.index.digest);
    assert.equal(result.blobs.mounted, 6);
    assert.equal(count(requests, 'GET', '/blobs/'), 0);
    assert.equal(sha(await skopeoRaw(plain, 'mirror/app:src')), layout.index.digest);
  });

  test('a missing source gives a readable not-found error', async () => {
    const { client } = clientFor(plain);
    await assert.rejects(copyImage({ client, repository: 'source/app', reference: 'nope' }, { client, repository: 'mirror/app', reference: 'x' }), /404|not found/);
  });
});
