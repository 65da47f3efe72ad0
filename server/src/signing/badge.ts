// The signed / unsigned / invalid badge of one image digest, for the registry tree and hovers.
// Editor-free: the registry explorer calls `signatureBadge(client, repository, digest, key?)`.
// Without a public key it can only say whether signatures exist ("unverified"); with one it
// verifies them. Results are cached per registry+digest+key for a few minutes (digests are
// immutable, signatures are not: a short TTL keeps the badge honest after a new signature).
import { createHash, type KeyObject } from 'node:crypto';
import type { RegistryClient } from '../registry/client';
import { RegistryError } from '../registry/errors';
import { BUNDLE_MEDIA_TYPE_RE } from './bundle';
import { signatureTag } from './signatureManifest';
import { signatureStatus, verifyImage, type SignatureStatus } from './verifyImage';

export interface SignatureBadge {
  status: SignatureStatus | 'unverified' | 'error';
  /** Short text for a tree item description: "signed", "unsigned", "invalid signature"… */
  label: string;
  /** Longer text for a tooltip or hover. */
  detail: string;
}

const TTL_MS = 5 * 60_000;
const cache = new Map<string, { at: number; badge: Promise<SignatureBadge> }>();

function keyId(key: KeyObject | undefined): string {
  return key ? createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16) : 'none';
}

async function hasAnySignature(client: RegistryClient, repository: string, digest: string): Promise<boolean> {
  if (await client.headManifest(repository, signatureTag(digest))) return true;
  const referrers = await client.referrers(repository, digest).catch(() => []);
  return referrers.some((r) => !r.artifactType || BUNDLE_MEDIA_TYPE_RE.test(r.artifactType));
}

async function compute(client: RegistryClient, repository: string, digest: string, publicKey?: KeyObject): Promise<SignatureBadge> {
  try {
    if (!publicKey) {
      return (await hasAnySignature(client, repository, digest))
        ? { status: 'unverified', label: 'signed (unverified)', detail: 'Signatures exist; set a public key (shipshape.signing.publicKey) to verify them.' }
        : { status: 'unsigned', label: 'unsigned', detail: 'No cosign signature (.sig tag or Sigstore referrer) found.' };
    }
    const result = await verifyImage(client, repository, digest, publicKey);
    const status = signatureStatus(result);
    const good = result.signatures.filter((s) => s.verified).length;
    if (status === 'signed') return { status, label: 'signed', detail: `${good} of ${result.signatures.length} signature(s) verified with the configured key.` };
    if (status === 'invalid') return { status, label: 'invalid signature', detail: `No signature verifies: ${[...new Set(result.signatures.map((s) => s.reason))].join('; ')}` };
    return { status, label: 'unsigned', detail: 'No cosign signature (.sig tag or Sigstore referrer) found.' };
  } catch (error) {
    const message = error instanceof RegistryError ? error.message : (error as Error).message;
    return { status: 'error', label: 'signature ?', detail: `Could not check signatures: ${message}` };
  }
}

/** Badge for `repository@digest`; cached, never throws. */
export function signatureBadge(client: RegistryClient, repository: string, digest: string, publicKey?: KeyObject): Promise<SignatureBadge> {
  const key = `${client.baseUrl.href}|${repository}|${digest}|${keyId(publicKey)}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.badge;
  const badge = compute(client, repository, digest, publicKey);
  cache.set(key, { at: Date.now(), badge });
  void badge.then((b) => { if (b.status === 'error') cache.delete(key); });
  return badge;
}

/** Forget cached badges (after signing, so the tree shows the new state at once). */
export function invalidateSignatureBadges(digest?: string): void {
  for (const key of [...cache.keys()]) if (!digest || key.includes(`|${digest}|`)) cache.delete(key);
}
