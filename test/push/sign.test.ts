// Sign and verify against the real registry: legacy .sig tag (cosign's layout), appending,
// OCI 1.1 referrers through the referrers-API proxy, tampering and wrong keys.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { makeOciLayout, type LayoutSummary } from '../helpers/registry/oci-layout';
import { startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { startProxy, type TestProxy } from '../helpers/registry/proxy';
import { skopeoCopy } from '../helpers/registry/seed';
import { RegistryClient } from '../../server/src/registry/client';
import { decryptCosignKey, generateCosignKeyPair, loadPublicKey } from '../../server/src/signing/cosignKey';
import { signImage } from '../../server/src/signing/signImage';
import { signatureStatus, verifyImage } from '../../server/src/signing/verifyImage';
import { TransferCancelledError } from '../../server/src/registry/upload';
import { invalidateSignatureBadges, signatureBadge } from '../../server/src/signing/badge';
import { appendSignature, signatureLayer, signatureTag, SIGNATURE_ANNOTATION, type ImageManifest } from '../../server/src/signing/signatureManifest';
import { clientFor, removeTempDirs, skopeoRaw, tempDir } from './helpers/env';
import { sharedPath } from '../helpers/sharedDir.cjs';

const run = promisify(execFile);
after(() => removeTempDirs());
const FIXTURES = sharedPath('fixtures');

describe('sign and verify (legacy .sig tag on distribution 2.8)', () => {
  let registry: TestRegistry;
  let layout: LayoutSummary;
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  before(async () => {
    registry = await startRegistry('basic');
    layout = makeOciLayout(join(tempDir(), 'l'), { platforms: ['linux/amd64', 'linux/arm64'], layers: 1, layerKiB: 4, seed: 'h6-sign', tag: 'v1' });
    await skopeoCopy(registry, `oci:${layout.dir}:v1`, 'signed/app:v1');
    await skopeoCopy(registry, `oci:${layout.dir}:v1-linux-amd64`, 'signed/app:single');
  });
  after(async () => { await registry?.stop(); });

  test('unsigned image: verify finds nothing and is not verified', async () => {
    const { client } = clientFor(registry);
    const result = await verifyImage(client, 'signed/app', 'v1', key.publicKey);
    assert.equal(result.verified, false);
    assert.equal(signatureStatus(result), 'unsigned');
    assert.equal(result.digest, layout.index.digest);
  });

  test('sign → .sig manifest in cosign\'s layout → verify round trip', async () => {
    const { client } = clientFor(registry);
    const signed = await signImage(client, 'signed/app', 'v1', key.privateKey, key.publicKey, { annotations: { env: 'prod' } });
    assert.equal(signed.digest, layout.index.digest);
    assert.equal(signed.signatureTag, signatureTag(layout.index.digest));
    assert.equal(signed.signatures, 1);
    assert.equal(signed.referrer, undefined, 'distribution 2.8 has no referrers API: no referrer by default');
    const raw = JSON.parse((await skopeoRaw(registry, `signed/app:${signed.signatureTag}`)).toString()) as ImageManifest;
    assert.equal(raw.layers[0]!.mediaType, 'application/vnd.dev.cosign.simplesigning.v1+json');
    const payload = await client.getBlob('signed/app', raw.layers[0]!.digest);
    const doc = JSON.parse(payload.toString());
    assert.equal(doc.critical.identity['docker-reference'], `${registry.host}/signed/app`);
    assert.equal(doc.critical.image['docker-manifest-digest'], layout.index.digest);
    assert.equal(doc.critical.type, 'cosign container image signature');
    assert.deepEqual(doc.optional, { env: 'prod' });
    // the signature is an ordinary DER ECDSA signature: openssl agrees
    const dir = tempDir();
    writeFileSync(join(dir, 'payload'), payload);
    writeFileSync(join(dir, 'sig.der'), Buffer.from(raw.layers[0]!.annotations![SIGNATURE_ANNOTATION]!, 'base64'));
    writeFileSync(join(dir, 'pub.pem'), key.publicKey.export({ type: 'spki', format: 'pem' }));
    const { stdout } = await run('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.der'), join(dir, 'payload')]);
    assert.match(stdout, /Verified OK/);

    const verified = await verifyImage(client, 'signed/app', 'v1', key.publicKey);
    assert.equal(verified.verified, true);
    assert.equal(signatureStatus(verified), 'signed');
    assert.equal(verified.signatures[0]!.identity, `${registry.host}/signed/app`);
    // by digest too
    assert.equal((await verifyImage(client, 'signed/app', layout.index.digest, key.publicKey)).verified, true);
  });

  test('a wrong key does not verify and says why', async () => {
    const { client } = clientFor(registry);
    const result = await verifyImage(client, 'signed/app', 'v1', otherKey.publicKey);
    assert.equal(result.verified, false);
    assert.equal(signatureStatus(result), 'invalid');
    assert.match(result.signatures[0]!.reason!, /does not match the public key/);
  });

  test('appending a second signature keeps the first; both verify with their keys', async () => {
    const { client } = clientFor(registry);
    const second = await signImage(client, 'signed/app', 'v1', otherKey.privateKey, otherKey.publicKey);
    assert.equal(second.signatures, 2);
    const sig = JSON.parse((await skopeoRaw(registry, `signed/app:${second.signatureTag}`)).toString()) as ImageManifest;
    assert.equal(sig.layers.length, 2);
    for (const k of [key, otherKey]) {
      const result = await verifyImage(client, 'signed/app', 'v1', k.publicKey);
      assert.equal(result.verified, true);
      assert.equal(result.signatures.filter((s) => s.verified).length, 1);
    }
  });

  test('tampered payload: a re-written .sig whose payload changed fails verification', async () => {
    const { client } = clientFor(registry);
    await signImage(client, 'signed/app', 'single', key.privateKey, key.publicKey);
    const digest = layout.platforms[0]!.manifest;
    const tag = signatureTag(digest);
    const original = (await client.getManifest('signed/app', tag)).json as unknown as ImageManifest;
    const goodLayer = original.layers[0]!;
    const payload = JSON.parse((await client.getBlob('signed/app', goodLayer.digest)).toString());
    payload.critical.identity['docker-reference'] = 'evil.example/app';
    const tamperedPayload = Buffer.from(JSON.stringify(payload));
    await client.uploadBlob('signed/app', tamperedPayload);
    const { manifest, config } = appendSignature(undefined, signatureLayer(tamperedPayload, goodLayer.annotations![SIGNATURE_ANNOTATION]!));
    await client.uploadBlob('signed/app', config);
    await client.putManifest('signed/app', tag, Buffer.from(JSON.stringify(manifest)), manifest.mediaType!);
    const result = await verifyImage(client, 'signed/app', 'single', key.publicKey);
    assert.equal(result.verified, false);
    assert.match(result.signatures[0]!.reason!, /payload was changed|does not match/);
  });

  test('a valid signature copied onto another image does not verify there (digest claim)', async () => {
    const { client } = clientFor(registry);
    await skopeoCopy(registry, `oci:${layout.dir}:v1-linux-arm64`, 'signed/app:arm');
    const armDigest = layout.platforms[1]!.manifest;
    const signedSig = (await client.getManifest('signed/app', signatureTag(layout.index.digest))).body;
    await client.putManifest('signed/app', signatureTag(armDigest), signedSig, 'application/vnd.oci.image.manifest.v1+json');
    const result = await verifyImage(client, 'signed/app', 'arm', key.publicKey);
    assert.equal(result.verified, false);
    assert.ok(result.signatures.some((s) => /not this image/.test(s.reason ?? '')));
  });

  test('signs with a cosign-format key file (decrypted), verifiable with cosign.pub', async () => {
    const { client } = clientFor(registry);
    const pair = await generateCosignKeyPair('pw', { N: 1024, r: 8, p: 1 });
    const decrypted = await decryptCosignKey(pair.privateKeyPem, 'pw');
    await signImage(client, 'signed/app', 'v1', decrypted.privateKey, decrypted.publicKey);
    assert.equal((await verifyImage(client, 'signed/app', 'v1', loadPublicKey(pair.publicKeyPem))).verified, true);
    // the fixture key from cosign's own tests signs too
    const fixture = await decryptCosignKey(readFileSync(`${FIXTURES}/cosign/keys_test-pemsigstorekey.key`, 'utf8'), 'hello');
    await signImage(client, 'signed/app', 'v1', fixture.privateKey, fixture.publicKey);
    const pub = loadPublicKey(readFileSync(`${FIXTURES}/testbed-generated/cosign-vector-1/public.pem`, 'utf8'));
    assert.equal((await verifyImage(client, 'signed/app', 'v1', pub)).verified, true);
    assert.equal((await verifyImage(client, 'signed/app', 'v1', loadPublicKey(readFileSync(`${FIXTURES}/cosign/cosign-test.pub`, 'utf8')))).verified, false);
  });

  test('referrer "always" on a registry without the API: bundle referrer listed in the sha256-<hex> index, verified', async () => {
    const { client } = clientFor(registry);
    const k = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signed = await signImage(client, 'signed/app', 'single', k.privateKey, k.publicKey, { referrer: 'always' });
    assert.equal(signed.referrer?.registryHasReferrersApi, false);
    const index = JSON.parse((await skopeoRaw(registry, `signed/app:${layout.platforms[0]!.manifest.replace(':', '-')}`)).toString());
    assert.equal(index.manifests[0].artifactType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    const result = await verifyImage(client, 'signed/app', 'single', k.publicKey);
    assert.ok(result.signatures.some((s) => s.source === 'referrer' && s.verified));
  });
});

describe('sign and verify through a registry with the referrers API', () => {
  let registry: TestRegistry;
  let proxy: TestProxy;
  let layout: LayoutSummary;
  before(async () => {
    registry = await startRegistry('plain');
    proxy = await startProxy({ upstream: registry.url });
    layout = makeOciLayout(join(tempDir(), 'l'), { platforms: ['linux/amd64'], layers: 1, layerKiB: 4, seed: 'h6-ref', tag: 'r' });
    await skopeoCopy(registry, `oci:${layout.dir}:r-linux-amd64`, 'ref/app:r');
  });
  after(async () => { await proxy?.close(); await registry?.stop(); });

  test('writes a Sigstore-bundle referrer with subject, found via the API, verified; wrong key fails', async () => {
    const requests: string[] = [];
    const client = new RegistryClient({ url: proxy.url, onRequest: (m, u) => requests.push(`${m} ${u.pathname}`) });
    const k = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signed = await signImage(client, 'ref/app', 'r', k.privateKey, k.publicKey);
    assert.equal(signed.referrer?.registryHasReferrersApi, true);
    const referrers = await client.referrers('ref/app', signed.digest);
    assert.equal(referrers.length, 1);
    assert.equal(referrers[0]!.artifactType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    const artifact = (await client.getManifest('ref/app', referrers[0]!.digest)).json as unknown as ImageManifest;
    assert.equal(artifact.subject?.digest, signed.digest);
    const result = await verifyImage(client, 'ref/app', 'r', k.publicKey);
    assert.deepEqual(result.signatures.map((s) => [s.source, s.verified]).sort(), [['referrer', true], ['signature-tag', true]]);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const bad = await verifyImage(client, 'ref/app', 'r', other);
    assert.equal(bad.verified, false);
    assert.equal(bad.signatures.length, 2);
  });

  test('a registry refusing the referrer manifest: the .sig signature stands, the refusal is reported', async () => {
    const picky = await startProxy({ upstream: registry.url, faults: [{ match: /^PUT .*\/manifests\/sha256:/, status: 400, body: '{"errors":[{"code":"MANIFEST_INVALID","message":"subject not supported"}]}' }] });
    try {
      const client = new RegistryClient({ url: picky.url });
      const k = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const signed = await signImage(client, 'ref/app', 'r', k.privateKey, k.publicKey);
      assert.equal(signed.referrer, undefined);
      assert.match(signed.referrerError ?? '', /400/);
      assert.equal((await verifyImage(client, 'ref/app', 'r', k.publicKey)).verified, true);
    } finally {
      await picky.close();
    }
  });

  test('reads a cosign v3 bundle referrer pushed by someone else: an attestation is listed, not counted as a signature', async () => {
    const client = new RegistryClient({ url: proxy.url });
    const bundle = readFileSync(`${FIXTURES}/cosign/oci-attestation.sigstore.json`);
    const target = layout.platforms[0]!;
    await client.uploadBlob('ref/app', bundle);
    await client.uploadBlob('ref/app', Buffer.from('{}'));
    const manifest = {
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 },
      layers: [{ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: `sha256:${createHash('sha256').update(bundle).digest('hex')}`, size: bundle.length }],
      subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: target.manifest, size: target.manifestSize },
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    const attestation = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await client.putManifest('ref/app', attestation, bytes, manifest.mediaType);
    const result = await verifyImage(client, 'ref/app', 'r', generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
    assert.ok(result.other.some((o) => o.predicateType === 'https://cosign.sigstore.dev/attestation/v1'), JSON.stringify(result.other));
    assert.ok(!result.signatures.some((sig) => sig.digest === attestation), 'the attestation is not a signature');
    assert.equal(result.verified, false);
  });
});

describe('signature badge for the registry tree', () => {
  let registry: TestRegistry;
  let layout: LayoutSummary;
  before(async () => {
    registry = await startRegistry('plain');
    layout = makeOciLayout(join(tempDir(), 'l'), { platforms: ['linux/amd64'], layers: 1, layerKiB: 4, seed: 'h6-badge', tag: 'b' });
    await skopeoCopy(registry, `oci:${layout.dir}:b-linux-amd64`, 'badge/app:b');
  });
  after(async () => { await registry?.stop(); });

  test('unsigned → signed (unverified without a key) → signed / invalid with keys; cache invalidated after signing', async () => {
    const { client } = clientFor(registry);
    const digest = layout.platforms[0]!.manifest;
    const k = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.equal((await signatureBadge(client, 'badge/app', digest, k.publicKey)).status, 'unsigned');
    assert.equal((await signatureBadge(client, 'badge/app', digest)).status, 'unsigned');
    await signImage(client, 'badge/app', 'b', k.privateKey, k.publicKey);
    assert.equal((await signatureBadge(client, 'badge/app', digest, k.publicKey)).status, 'unsigned', 'cached until invalidated');
    invalidateSignatureBadges(digest);
    assert.equal((await signatureBadge(client, 'badge/app', digest, k.publicKey)).status, 'signed');
    assert.equal((await signatureBadge(client, 'badge/app', digest)).status, 'unverified');
    const invalid = await signatureBadge(client, 'badge/app', digest, other.publicKey);
    assert.equal(invalid.status, 'invalid');
    assert.match(invalid.detail, /public key/);
    const down = new RegistryClient({ url: '127.0.0.1:1', retries: 0 });
    assert.equal((await signatureBadge(down, 'badge/app', digest, k.publicKey)).status, 'error');
  });
});

describe('verify can be cancelled', () => {
  test('an aborted signal rejects at once; a registry that never answers does not hold the cancel', async () => {
    const sockets: Socket[] = [];
    // Accepts connections and never answers: the verification would wait for the client timeout.
    const silent = createServer((socket) => { sockets.push(socket); });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const client = new RegistryClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 60_000, retries: 0 });
      const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const aborted = new AbortController();
      aborted.abort();
      await assert.rejects(verifyImage(client, 'app', 'v1', key.publicKey, { signal: aborted.signal }), TransferCancelledError);
      const controller = new AbortController();
      const started = Date.now();
      const pending = verifyImage(client, 'app', 'v1', key.publicKey, { signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      await assert.rejects(pending, TransferCancelledError);
      assert.ok(Date.now() - started < 5_000, `cancel settled after ${Date.now() - started} ms`);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
