import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { decryptCosignKey, generateCosignKeyPair, loadPublicKey, publicKeyPem, SigningKeyError, LEGACY_COSIGN_PEM_TYPE, SIGSTORE_PEM_TYPE } from './cosignKey';
import { signBytes, verifyBytes } from './signature';
import { sharedPath } from '../../../test/helpers/sharedDir.cjs';

const FIXTURES = sharedPath('fixtures');
const read = (p: string): string => readFileSync(`${FIXTURES}/${p}`, 'utf8');

test('decrypts cosign\'s own SIGSTORE test key with its documented password', async () => {
  const key = await decryptCosignKey(read('cosign/keys_test-pemsigstorekey.key'), 'hello');
  assert.equal(key.pemType, SIGSTORE_PEM_TYPE);
  assert.deepEqual(key.scrypt, { N: 32768, r: 8, p: 1 });
  assert.equal(key.privateKey.asymmetricKeyType, 'ec');
  assert.equal(key.privateKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  // The public key derived from it is the one the vector was made with.
  assert.equal(publicKeyPem(key.publicKey), createPublicKey(read('testbed-generated/cosign-vector-1/public.pem')).export({ type: 'spki', format: 'pem' }).toString());
});

test('decrypts the legacy ENCRYPTED COSIGN PRIVATE KEY label', async () => {
  const key = await decryptCosignKey(read('cosign/keys_test-pemcosignkey.key'), 'hello');
  assert.equal(key.pemType, LEGACY_COSIGN_PEM_TYPE);
  assert.equal(key.privateKey.asymmetricKeyType, 'ec');
});

test('N=65536 key opens (maxmem above Node\'s default) but its SEC1 plaintext is rejected like cosign does', async () => {
  await assert.rejects(decryptCosignKey(read('cosign/keys_test-pemcosigneckey.key'), 'hello'), (e: Error) => e instanceof SigningKeyError && /PKCS#8/.test(e.message));
  // With a wrong password the box does not open at all: a different, clear error.
  await assert.rejects(decryptCosignKey(read('cosign/keys_test-pemcosigneckey.key'), 'nope'), /wrong password/);
});

test('wrong password fails cleanly', async () => {
  await assert.rejects(decryptCosignKey(read('cosign/keys_test-pemsigstorekey.key'), 'Hello'), (e: Error) => e instanceof SigningKeyError && /wrong password/.test(e.message));
  for (const pw of ['', 'hello']) {
    await assert.rejects(decryptCosignKey(read('cosign/cosign-test.key'), pw), /wrong password/);
  }
});

test('verifies the recorded signature made with cosign\'s test key; a changed byte fails', async () => {
  const pub = loadPublicKey(read('testbed-generated/cosign-vector-1/public.pem'));
  const payload = readFileSync(`${FIXTURES}/testbed-generated/cosign-vector-1/payload.json`);
  const sig = read('testbed-generated/cosign-vector-1/payload.sig').trim();
  assert.equal(verifyBytes(pub, payload, sig), true);
  const tampered = Buffer.from(payload); tampered[10] ^= 1;
  assert.equal(verifyBytes(pub, tampered, sig), false);
  assert.equal(verifyBytes(loadPublicKey(read('cosign/cosign-test.pub')), payload, sig), false);
  assert.equal(verifyBytes(pub, payload, 'not base64 !!'), false);
});

test('a signature from the decrypted fixture key verifies with the vector public key', async () => {
  const { privateKey } = await decryptCosignKey(read('cosign/keys_test-pemsigstorekey.key'), 'hello');
  const sig = signBytes(privateKey, Buffer.from('payload'));
  assert.equal(verifyBytes(loadPublicKey(read('testbed-generated/cosign-vector-1/public.pem')), Buffer.from('payload'), sig), true);
});

test('generated key pair round-trips through encryption and is cosign-shaped', async () => {
  const pair = await generateCosignKeyPair('s3cret', { N: 1024, r: 8, p: 1 });
  assert.match(pair.privateKeyPem, /^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n$/);
  assert.ok(pair.privateKeyPem.split('\n').every((line) => line.length <= 64));
  const body = JSON.parse(Buffer.from(pair.privateKeyPem.split('\n').slice(1, -2).join(''), 'base64').toString());
  assert.deepEqual(Object.keys(body), ['kdf', 'cipher', 'ciphertext']);
  assert.equal(body.kdf.name, 'scrypt');
  assert.equal(body.cipher.name, 'nacl/secretbox');
  assert.equal(Buffer.from(body.kdf.salt, 'base64').length, 32);
  assert.equal(Buffer.from(body.cipher.nonce, 'base64').length, 24);
  assert.match(pair.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
  const key = await decryptCosignKey(pair.privateKeyPem, 's3cret');
  assert.equal(publicKeyPem(key.publicKey), pair.publicKeyPem);
  await assert.rejects(decryptCosignKey(pair.privateKeyPem, 's3creT'), /wrong password/);
});

test('default key generation uses cosign\'s N=65536 and still decrypts', async () => {
  const pair = await generateCosignKeyPair('pw');
  const key = await decryptCosignKey(pair.privateKeyPem, 'pw');
  assert.deepEqual(key.scrypt, { N: 65536, r: 8, p: 1 });
});

test('garbage and wrong file types give readable errors', async () => {
  await assert.rejects(decryptCosignKey('hello', 'x'), /not a PEM/);
  await assert.rejects(decryptCosignKey(read('cosign/cosign-test.pub'), 'x'), /unsupported key type "PUBLIC KEY"/);
  const junk = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from('{"kdf":1}').toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
  await assert.rejects(decryptCosignKey(junk, 'x'), SigningKeyError);
  const huge = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from(JSON.stringify({ kdf: { name: 'scrypt', params: { N: 2 ** 30, r: 8, p: 1 }, salt: 'AA==' }, cipher: { name: 'nacl/secretbox', nonce: Buffer.alloc(24).toString('base64') }, ciphertext: 'AA==' })).toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
  await assert.rejects(decryptCosignKey(huge, 'x'), /out of range/);
  assert.throws(() => loadPublicKey('nope'), SigningKeyError);
  assert.throws(() => loadPublicKey(read('cosign/cosign-test.key')), /private key/);
});
