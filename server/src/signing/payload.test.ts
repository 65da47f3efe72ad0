import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { buildSimpleSigningPayload, parseSimpleSigningPayload, signatureIdentity, SIMPLE_SIGNING_TYPE } from './simpleSigning';
import { appendSignature, bundleReferrerManifest, signatureLayer, signatureTag, referrersFallbackTag, SIGNATURE_ANNOTATION } from './signatureManifest';
import { buildSignatureBundle, checkBundle, parseBundle, preAuthEncoding, COSIGN_SIGN_PREDICATE, type SigstoreBundle } from './bundle';
import { loadPublicKey } from './cosignKey';
import { verifyBytes } from './signature';
import { sharedPath } from '../../../test/helpers/sharedDir.cjs';

const VECTOR = sharedPath('fixtures/testbed-generated/cosign-vector-1');
const DIGEST = 'sha256:509f3f7dc2a8b4b62b746f473b87dd4d9cfc4a98bf9967ffec4e8ed09f0d80ec';

test('simple-signing payload is byte-identical to the cosign vector', () => {
  const payload = buildSimpleSigningPayload('registry.example/testbed/multi', DIGEST);
  assert.equal(payload.toString(), readFileSync(`${VECTOR}/payload.json`, 'utf8').trim());
  const claims = parseSimpleSigningPayload(payload);
  assert.deepEqual(claims, { dockerReference: 'registry.example/testbed/multi', manifestDigest: DIGEST, type: SIMPLE_SIGNING_TYPE, annotations: null });
});

test('annotations go to "optional" with sorted keys; junk payloads parse to undefined', () => {
  const payload = buildSimpleSigningPayload('r/x', DIGEST, { z: '1', a: '2' });
  assert.match(payload.toString(), /"optional":\{"a":"2","z":"1"\}\}$/);
  assert.deepEqual(parseSimpleSigningPayload(payload)?.annotations, { a: '2', z: '1' });
  assert.equal(parseSimpleSigningPayload(Buffer.from('nope')), undefined);
  assert.equal(parseSimpleSigningPayload(Buffer.from('{"critical":{}}')), undefined);
  assert.equal(signatureIdentity('docker.io', 'library/nginx'), 'index.docker.io/library/nginx');
  assert.equal(signatureIdentity('127.0.0.1:5000', 'a/b'), '127.0.0.1:5000/a/b');
});

test('.sig manifest for one signature matches the vector (config and layer digests)', () => {
  const payload = readFileSync(`${VECTOR}/payload.json`);
  const sig = readFileSync(`${VECTOR}/payload.sig`, 'utf8').trim();
  const { manifest, config } = appendSignature(undefined, signatureLayer(payload, sig));
  const expected = JSON.parse(readFileSync(`${VECTOR}/sig-manifest.json`, 'utf8'));
  assert.equal(config.toString(), readFileSync(`${VECTOR}/config.json`, 'utf8').trim());
  assert.deepEqual(manifest, expected);
  assert.equal(signatureTag(DIGEST), 'sha256-509f3f7dc2a8b4b62b746f473b87dd4d9cfc4a98bf9967ffec4e8ed09f0d80ec.sig');
  assert.equal(referrersFallbackTag(DIGEST), 'sha256-509f3f7dc2a8b4b62b746f473b87dd4d9cfc4a98bf9967ffec4e8ed09f0d80ec');
});

test('appending keeps earlier signatures, in order, and does not duplicate an identical one', () => {
  const first = appendSignature(undefined, signatureLayer(Buffer.from('a'), 'c2lnMQ=='));
  const second = appendSignature(first.manifest, signatureLayer(Buffer.from('b'), 'c2lnMg=='));
  assert.deepEqual(second.manifest.layers.map((l) => l.annotations?.[SIGNATURE_ANNOTATION]), ['c2lnMQ==', 'c2lnMg==']);
  const again = appendSignature(second.manifest, signatureLayer(Buffer.from('b'), 'c2lnMg=='));
  assert.equal(again.manifest.layers.length, 2);
  assert.equal(JSON.parse(second.config.toString()).rootfs.diff_ids.length, 2);
});

test('bundle: build, verify, and reject a wrong key, another digest, or a tampered statement', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  const bytes = buildSignatureBundle(privateKey, publicKey, DIGEST, 'r/x');
  const bundle = parseBundle(bytes)!;
  assert.ok(bundle.dsseEnvelope);
  const ok = checkBundle(bundle, publicKey, DIGEST);
  assert.equal(ok.verified, true, ok.reason);
  assert.equal(ok.predicateType, COSIGN_SIGN_PREDICATE);
  assert.equal(ok.isImageSignature, true);
  assert.match(checkBundle(bundle, other, DIGEST).reason!, /public key/);
  assert.match(checkBundle(bundle, publicKey, `sha256:${'0'.repeat(64)}`).reason!, /another digest/);
  const tampered: SigstoreBundle = JSON.parse(bytes.toString());
  const statement = JSON.parse(Buffer.from(tampered.dsseEnvelope!.payload, 'base64').toString());
  statement.subject[0].digest.sha256 = '1'.repeat(64);
  tampered.dsseEnvelope!.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
  assert.equal(checkBundle(tampered, publicKey, `sha256:${'1'.repeat(64)}`).verified, false);
  assert.equal(parseBundle(Buffer.from('{"mediaType":"text/plain"}')), undefined);
});

test('the DSSE encoding matches cosign: the real attestation bundle verifies with its certificate key', () => {
  const bundle = parseBundle(readFileSync(sharedPath('fixtures/cosign/oci-attestation.sigstore.json')))!;
  const certKey = new X509Certificate(Buffer.from(bundle.verificationMaterial!.certificate!.rawBytes, 'base64')).publicKey;
  const env = bundle.dsseEnvelope!;
  assert.equal(verifyBytes(certKey, preAuthEncoding(env.payloadType, Buffer.from(env.payload, 'base64')), env.signatures[0]!.sig), true);
  const subject = 'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4';
  const withCert = checkBundle(bundle, certKey, subject);
  assert.equal(withCert.verified, true);
  assert.equal(withCert.isImageSignature, false, 'an attestation is not an image signature');
  assert.equal(withCert.hasCertificate, true);
  assert.equal(withCert.tlogEntries, 1);
  const wrongKey = checkBundle(bundle, loadPublicKey(readFileSync(sharedPath('fixtures/cosign/cosign-test.pub'), 'utf8')), subject);
  assert.equal(wrongKey.verified, false);
});

test('referrer manifest follows cosign\'s bundle spec', () => {
  const m = bundleReferrerManifest(Buffer.from('{"x":1}'), { mediaType: 'application/vnd.oci.image.index.v1+json', digest: DIGEST, size: 10 }, '2026-01-01T00:00:00Z');
  assert.equal(m.artifactType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
  assert.equal(m.config.digest, 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  assert.equal(m.subject?.digest, DIGEST);
  assert.equal(m.layers.length, 1);
});
