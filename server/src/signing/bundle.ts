// Sigstore bundles (`application/vnd.dev.sigstore.bundle.v0.3+json`), the way cosign v3 stores
// image signatures as OCI 1.1 referrers: a DSSE envelope around an in-toto statement whose
// predicateType is `https://sigstore.dev/cosign/sign/v1` and whose subject is the image digest.
// Attestations use the same shape with another predicateType. Only key-based checks happen here:
// certificates and transparency-log entries are reported, not validated (that needs Sigstore's
// trust root — the cosign CLI flow covers it).
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { signBytes, verifyBytes } from './signature';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const BUNDLE_MEDIA_TYPE_RE = /^application\/vnd\.dev\.sigstore\.bundle(\.v[\d.]+)?\+json/;
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';

interface DsseEnvelope { payload: string; payloadType: string; signatures: Array<{ sig: string; keyid?: string }> }
export interface SigstoreBundle {
  mediaType: string;
  verificationMaterial?: {
    publicKey?: { hint?: string };
    certificate?: { rawBytes: string };
    x509CertificateChain?: { certificates: Array<{ rawBytes: string }> };
    tlogEntries?: unknown[];
  };
  dsseEnvelope?: DsseEnvelope;
  messageSignature?: { messageDigest?: { algorithm: string; digest: string }; signature: string };
}

/** DSSE pre-authentication encoding: what a DSSE signature actually covers. */
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** cosign's key hint: base64 SHA-256 of the DER public key. */
export function publicKeyHint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

/** A cosign-v3-shaped signature bundle for `manifestDigest` (no transparency-log entry). */
export function buildSignatureBundle(privateKey: KeyObject, publicKey: KeyObject, manifestDigest: string, dockerReference: string): Buffer {
  const [algorithm, hex] = manifestDigest.split(':') as [string, string];
  const statement = {
    _type: IN_TOTO_STATEMENT_V1,
    subject: [{ name: dockerReference, digest: { [algorithm]: hex } }],
    predicateType: COSIGN_SIGN_PREDICATE,
    predicate: {},
  };
  const payload = Buffer.from(JSON.stringify(statement));
  const sig = signBytes(privateKey, preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload));
  const bundle: SigstoreBundle = {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: publicKeyHint(publicKey) }, tlogEntries: [] },
    dsseEnvelope: { payload: payload.toString('base64'), payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ sig, keyid: '' }] },
  };
  return Buffer.from(JSON.stringify(bundle));
}

export interface BundleCheck {
  /** Signature valid for the key and the statement/message is about the expected digest. */
  verified: boolean;
  kind: 'dsse-envelope' | 'message-signature' | 'unknown';
  /** in-toto predicateType, when a DSSE statement. */
  predicateType?: string;
  isImageSignature: boolean;
  hasCertificate: boolean;
  tlogEntries: number;
  reason?: string;
}

export function parseBundle(bytes: Uint8Array): SigstoreBundle | undefined {
  try {
    const doc = JSON.parse(Buffer.from(bytes).toString('utf8')) as SigstoreBundle;
    return doc && typeof doc === 'object' && typeof doc.mediaType === 'string' && BUNDLE_MEDIA_TYPE_RE.test(doc.mediaType) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** The leaf certificate's public key (keyless bundles), for display or an explicit trust decision. */
export function bundleCertificateKey(bundle: SigstoreBundle): KeyObject | undefined {
  const raw = bundle.verificationMaterial?.certificate?.rawBytes ?? bundle.verificationMaterial?.x509CertificateChain?.certificates?.[0]?.rawBytes;
  if (!raw) return undefined;
  try {
    return new X509Certificate(Buffer.from(raw, 'base64')).publicKey;
  } catch {
    return undefined;
  }
}

/**
 * Checks a bundle against `publicKey` for the image `manifestDigest`. `manifestBytes` lets a
 * message-signature bundle over the manifest itself be checked too.
 */
export function checkBundle(bundle: SigstoreBundle, publicKey: KeyObject, manifestDigest: string, manifestBytes?: Buffer): BundleCheck {
  const base = {
    hasCertificate: Boolean(bundle.verificationMaterial?.certificate ?? bundle.verificationMaterial?.x509CertificateChain),
    tlogEntries: bundle.verificationMaterial?.tlogEntries?.length ?? 0,
  };
  if (bundle.dsseEnvelope) return { ...base, ...checkDsse(bundle.dsseEnvelope, publicKey, manifestDigest) };
  if (bundle.messageSignature) {
    const ms = bundle.messageSignature;
    const [, hex] = manifestDigest.split(':');
    const digestB64 = hex ? Buffer.from(hex, 'hex').toString('base64') : '';
    if (ms.messageDigest?.digest !== digestB64 || !manifestBytes) {
      return { ...base, verified: false, kind: 'message-signature', isImageSignature: false, reason: 'message signature over another artifact, not this manifest' };
    }
    const ok = verifyBytes(publicKey, manifestBytes, ms.signature);
    return { ...base, verified: ok, kind: 'message-signature', isImageSignature: true, ...(ok ? {} : { reason: 'signature does not match the public key' }) };
  }
  return { ...base, verified: false, kind: 'unknown', isImageSignature: false, reason: 'bundle has neither a DSSE envelope nor a message signature' };
}

function checkDsse(envelope: DsseEnvelope, publicKey: KeyObject, manifestDigest: string): Omit<BundleCheck, 'hasCertificate' | 'tlogEntries'> {
  const payload = Buffer.from(envelope.payload ?? '', 'base64');
  let statement: { predicateType?: unknown; subject?: Array<{ digest?: Record<string, string> }> } | undefined;
  try {
    statement = JSON.parse(payload.toString('utf8'));
  } catch { /* reported below */ }
  const predicateType = typeof statement?.predicateType === 'string' ? statement.predicateType : undefined;
  const isImageSignature = predicateType === COSIGN_SIGN_PREDICATE;
  const common = { kind: 'dsse-envelope' as const, predicateType, isImageSignature };
  if (!statement) return { ...common, verified: false, reason: 'DSSE payload is not JSON' };
  const pae = preAuthEncoding(envelope.payloadType ?? '', payload);
  const sigOk = (envelope.signatures ?? []).some((s) => typeof s?.sig === 'string' && verifyBytes(publicKey, pae, s.sig));
  if (!sigOk) return { ...common, verified: false, reason: 'signature does not match the public key' };
  const [algorithm, hex] = manifestDigest.split(':') as [string, string];
  const aboutImage = (statement.subject ?? []).some((s) => s?.digest?.[algorithm] === hex);
  if (!aboutImage) return { ...common, verified: false, reason: `signed statement is about another digest, not ${manifestDigest}` };
  return { ...common, verified: true };
}
