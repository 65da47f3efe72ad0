// NaCl `crypto_secretbox` (XSalsa20-Poly1305) in plain TypeScript. Node's crypto has neither
// Salsa20 nor a raw Poly1305, and cosign encrypts its private keys with exactly this box
// ("nacl/secretbox"), so we carry the ~100 lines rather than a dependency. Keys are tiny (a few
// hundred bytes), so the BigInt Poly1305 is plenty fast.
import { timingSafeEqual } from 'node:crypto';

export const SECRETBOX_KEY_BYTES = 32;
export const SECRETBOX_NONCE_BYTES = 24;
const TAG_BYTES = 16;
const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];

const rotl = (v: number, n: number): number => (v << n) | (v >>> (32 - n));

function doubleRounds(x: Uint32Array): void {
  const qr = (a: number, b: number, c: number, d: number): void => {
    x[b]! ^= rotl((x[a]! + x[d]!) | 0, 7);
    x[c]! ^= rotl((x[b]! + x[a]!) | 0, 9);
    x[d]! ^= rotl((x[c]! + x[b]!) | 0, 13);
    x[a]! ^= rotl((x[d]! + x[c]!) | 0, 18);
  };
  for (let i = 0; i < 10; i++) {
    qr(0, 4, 8, 12); qr(5, 9, 13, 1); qr(10, 14, 2, 6); qr(15, 3, 7, 11);
    qr(0, 1, 2, 3); qr(5, 6, 7, 4); qr(10, 11, 8, 9); qr(15, 12, 13, 14);
  }
}

/** The Salsa20 input block: constants, 32-byte key, 16 bytes of nonce/counter. */
function initialState(key: Uint8Array, sixteen: Uint8Array): Uint32Array {
  const k = Buffer.from(key);
  const n = Buffer.from(sixteen);
  const s = new Uint32Array(16);
  s[0] = SIGMA[0]!; s[5] = SIGMA[1]!; s[10] = SIGMA[2]!; s[15] = SIGMA[3]!;
  for (let i = 0; i < 4; i++) {
    s[1 + i] = k.readUInt32LE(4 * i);
    s[11 + i] = k.readUInt32LE(16 + 4 * i);
    s[6 + i] = n.readUInt32LE(4 * i);
  }
  return s;
}

function hsalsa20(key: Uint8Array, nonce16: Uint8Array): Buffer {
  const x = initialState(key, nonce16);
  doubleRounds(x);
  const out = Buffer.alloc(32);
  [0, 5, 10, 15, 6, 7, 8, 9].forEach((w, i) => out.writeUInt32LE(x[w]!, 4 * i));
  return out;
}

/** XSalsa20 keystream XORed into `data` (keystream starts at block 0). */
function xsalsa20Xor(key: Uint8Array, nonce: Uint8Array, data: Uint8Array): Buffer {
  const subKey = hsalsa20(key, nonce.subarray(0, 16));
  const out = Buffer.alloc(data.length);
  const counterNonce = Buffer.alloc(16);
  Buffer.from(nonce.subarray(16, 24)).copy(counterNonce, 0);
  const block = Buffer.alloc(64);
  for (let offset = 0, counter = 0; offset < data.length; offset += 64, counter++) {
    counterNonce.writeUInt32LE(counter >>> 0, 8);
    counterNonce.writeUInt32LE(Math.floor(counter / 2 ** 32), 12);
    const input = initialState(subKey, counterNonce);
    const x = Uint32Array.from(input);
    doubleRounds(x);
    for (let i = 0; i < 16; i++) block.writeUInt32LE((x[i]! + input[i]!) >>> 0, 4 * i);
    const n = Math.min(64, data.length - offset);
    for (let i = 0; i < n; i++) out[offset + i] = data[offset + i]! ^ block[i]!;
  }
  return out;
}

const P1305 = (1n << 130n) - 5n;
const leToBigInt = (b: Uint8Array): bigint => {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v;
};

function poly1305(key: Uint8Array, message: Uint8Array): Buffer {
  const r = leToBigInt(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
  const s = leToBigInt(key.subarray(16, 32));
  let acc = 0n;
  for (let i = 0; i < message.length; i += 16) {
    const chunk = message.subarray(i, Math.min(i + 16, message.length));
    const n = leToBigInt(chunk) + (1n << BigInt(8 * chunk.length));
    acc = ((acc + n) * r) % P1305;
  }
  acc = (acc + s) & ((1n << 128n) - 1n);
  const tag = Buffer.alloc(TAG_BYTES);
  for (let i = 0; i < TAG_BYTES; i++) { tag[i] = Number(acc & 0xffn); acc >>= 8n; }
  return tag;
}

function checkSizes(key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== SECRETBOX_KEY_BYTES) throw new Error(`secretbox key must be ${SECRETBOX_KEY_BYTES} bytes`);
  if (nonce.length !== SECRETBOX_NONCE_BYTES) throw new Error(`secretbox nonce must be ${SECRETBOX_NONCE_BYTES} bytes`);
}

/** `nacl.secretbox`: returns tag ‖ ciphertext. */
export function secretboxSeal(plaintext: Uint8Array, nonce: Uint8Array, key: Uint8Array): Buffer {
  checkSizes(key, nonce);
  // The first 32 keystream bytes are the one-time Poly1305 key; the message uses bytes 32…
  const stream = xsalsa20Xor(key, nonce, Buffer.concat([Buffer.alloc(32), plaintext]));
  const ciphertext = stream.subarray(32);
  return Buffer.concat([poly1305(stream.subarray(0, 32), ciphertext), ciphertext]);
}

/** `nacl.secretbox.open`: the plaintext, or undefined when the box does not authenticate. */
export function secretboxOpen(box: Uint8Array, nonce: Uint8Array, key: Uint8Array): Buffer | undefined {
  checkSizes(key, nonce);
  if (box.length < TAG_BYTES) return undefined;
  const tag = box.subarray(0, TAG_BYTES);
  const ciphertext = box.subarray(TAG_BYTES);
  const polyKey = xsalsa20Xor(key, nonce, Buffer.alloc(32));
  if (!timingSafeEqual(poly1305(polyKey, ciphertext), tag)) return undefined;
  return xsalsa20Xor(key, nonce, Buffer.concat([Buffer.alloc(32), ciphertext])).subarray(32);
}
