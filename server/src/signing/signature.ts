// Raw signatures as cosign stores them: base64 of an ASN.1 DER signature over the payload bytes,
// hashed with the key's digest (SHA-256 for P-256 and RSA, SHA-384/512 for P-384/P-521, none for
// Ed25519 — cosign's `signature.LoadVerifier` defaults).
import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';

function hashFor(key: KeyObject): string | null {
  if (key.asymmetricKeyType === 'ed25519') return null;
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'secp384r1') return 'sha384';
    if (curve === 'secp521r1') return 'sha512';
  }
  return 'sha256';
}

export function signBytes(privateKey: KeyObject, data: Uint8Array): string {
  return cryptoSign(hashFor(privateKey), data, { key: privateKey, dsaEncoding: 'der' }).toString('base64');
}

/** True only when `base64Signature` is a valid signature of `data` by `publicKey`. Never throws. */
export function verifyBytes(publicKey: KeyObject, data: Uint8Array, base64Signature: string): boolean {
  if (!/^[A-Za-z0-9+/=\s_-]+$/.test(base64Signature)) return false;
  try {
    return cryptoVerify(hashFor(publicKey), data, { key: publicKey, dsaEncoding: 'der' }, Buffer.from(base64Signature, 'base64'));
  } catch {
    return false;
  }
}
