// cosign's key files. The private key is a PEM block `ENCRYPTED SIGSTORE PRIVATE KEY` (older
// cosign: `ENCRYPTED COSIGN PRIVATE KEY`) whose body is go-securesystemslib's "encrypted" JSON:
//   {kdf:{name:"scrypt",params:{N,r,p},salt}, cipher:{name:"nacl/secretbox",nonce}, ciphertext}
// and whose plaintext is a PKCS#8 DER private key. The public key is a PEM SPKI `PUBLIC KEY`.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import { secretboxOpen, secretboxSeal } from './secretbox';

export class SigningKeyError extends Error {}

export const SIGSTORE_PEM_TYPE = 'ENCRYPTED SIGSTORE PRIVATE KEY';
export const LEGACY_COSIGN_PEM_TYPE = 'ENCRYPTED COSIGN PRIVATE KEY';
/** cosign's current defaults (securesystemslib `encrypted` "standard" parameters). */
export const DEFAULT_SCRYPT = { N: 65536, r: 8, p: 1 } as const;
/** Refuse absurd parameters from a hostile file instead of allocating gigabytes. */
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;

export interface ScryptParams { N: number; r: number; p: number }

interface EncryptedEnvelope {
  kdf: { name: string; params: ScryptParams; salt: string };
  cipher: { name: string; nonce: string };
  ciphertext: string;
}

export interface DecryptedKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  pemType: string;
  scrypt: ScryptParams;
}

function deriveKey(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const needed = 128 * params.N * params.r + 128 * params.r * params.p;
  if (!(needed > 0) || needed > MAX_SCRYPT_MEMORY) {
    return Promise.reject(new SigningKeyError(`scrypt parameters N=${params.N} r=${params.r} p=${params.p} are out of range`));
  }
  return new Promise((resolve, reject) => {
    // Node's default maxmem (32 MiB) is below what cosign's N=65536, r=8 needs (64 MiB).
    scrypt(Buffer.from(password, 'utf8'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: needed + 32 * 1024 * 1024 },
      (error, key) => (error ? reject(new SigningKeyError(`scrypt failed: ${error.message}`)) : resolve(key)));
  });
}

function pemBlock(type: string, der: Buffer): string {
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
}

function readPemBlock(text: string): { type: string; der: Buffer } | undefined {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) return undefined;
  return { type: match[1]!, der: Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64') };
}

/** Encrypts a private key the way `cosign generate-key-pair` does. */
export async function encryptPrivateKey(privateKey: KeyObject, password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(32);
  const nonce = randomBytes(24);
  const key = await deriveKey(password, salt, params);
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const envelope: EncryptedEnvelope = {
    kdf: { name: 'scrypt', params: { N: params.N, r: params.r, p: params.p }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: secretboxSeal(pkcs8, nonce, key).toString('base64'),
  };
  return pemBlock(SIGSTORE_PEM_TYPE, Buffer.from(JSON.stringify(envelope)));
}

export interface GeneratedKeyPair { privateKeyPem: string; publicKeyPem: string }

/** A new ECDSA P-256 key pair in cosign's file formats (`cosign.key`, `cosign.pub`). */
export async function generateCosignKeyPair(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: await encryptPrivateKey(privateKey, password, params),
    publicKeyPem: publicKeyPem(publicKey),
  };
}

export function publicKeyPem(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'pem' }).toString();
}

function parseEnvelope(der: Buffer): EncryptedEnvelope {
  let envelope: EncryptedEnvelope;
  try {
    envelope = JSON.parse(der.toString('utf8')) as EncryptedEnvelope;
  } catch {
    throw new SigningKeyError('the encrypted key is not valid cosign JSON');
  }
  const p = envelope?.kdf?.params;
  if (envelope?.kdf?.name !== 'scrypt' || envelope?.cipher?.name !== 'nacl/secretbox') {
    throw new SigningKeyError(`unsupported key encryption ${envelope?.kdf?.name}/${envelope?.cipher?.name} (expected scrypt/nacl/secretbox)`);
  }
  if (!p || ![p.N, p.r, p.p].every((v) => Number.isInteger(v) && v > 0) || typeof envelope.kdf.salt !== 'string'
    || typeof envelope.cipher.nonce !== 'string' || typeof envelope.ciphertext !== 'string') {
    throw new SigningKeyError('the encrypted key is missing scrypt parameters, salt, nonce or ciphertext');
  }
  return envelope;
}

/** Decrypts a cosign private key. Wrong password → SigningKeyError, never a crash or garbage key. */
export async function decryptCosignKey(pem: string, password: string): Promise<DecryptedKey> {
  const block = readPemBlock(pem);
  if (!block) throw new SigningKeyError('not a PEM file: expected "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"');
  if (block.type !== SIGSTORE_PEM_TYPE && block.type !== LEGACY_COSIGN_PEM_TYPE) {
    throw new SigningKeyError(`unsupported key type "${block.type}": expected a cosign key (${SIGSTORE_PEM_TYPE}); import others with "cosign import-key-pair"`);
  }
  const envelope = parseEnvelope(block.der);
  const nonce = Buffer.from(envelope.cipher.nonce, 'base64');
  if (nonce.length !== 24) throw new SigningKeyError('the encrypted key has a malformed nonce');
  const key = await deriveKey(password, Buffer.from(envelope.kdf.salt, 'base64'), envelope.kdf.params);
  const plaintext = secretboxOpen(Buffer.from(envelope.ciphertext, 'base64'), nonce, key);
  if (!plaintext) throw new SigningKeyError('could not decrypt the private key: wrong password (or the key file is damaged)');
  let privateKey: KeyObject;
  try {
    // cosign parses the plaintext strictly as PKCS#8 (a SEC1 EC key inside is rejected there too).
    privateKey = createPrivateKey({ key: plaintext, format: 'der', type: 'pkcs8' });
  } catch {
    throw new SigningKeyError('the decrypted key is not a PKCS#8 private key (cosign rejects it as well)');
  }
  return { privateKey, publicKey: createPublicKey(privateKey), pemType: block.type, scrypt: envelope.kdf.params };
}

/** Reads `cosign.pub` (PEM SPKI). Also accepts a certificate's public key. */
export function loadPublicKey(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.type !== 'public') throw new Error('not a public key');
    return key;
  } catch (error) {
    if (/-----BEGIN ENCRYPTED/.test(pem)) throw new SigningKeyError('this is a private key: verify with the public key (cosign.pub)');
    throw new SigningKeyError(`not a PEM public key: ${(error as Error).message}`);
  }
}
