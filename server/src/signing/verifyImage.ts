// Verifies an image's signatures with a public key, as `cosign verify --key` does, over both
// places signatures live: the legacy `sha256-<hex>.sig` tag (simple-signing layers) and OCI 1.1
// referrers holding Sigstore bundles (referrers API, or the `sha256-<hex>` tag-schema index).
// Reports each signature found: verified, or why not.
import type { KeyObject } from 'node:crypto';
import type { RegistryClient } from '../registry/client';
import { RegistryError } from '../registry/errors';
import { throwIfCancelled, TransferCancelledError } from '../registry/upload';
import { BUNDLE_MEDIA_TYPE_RE, checkBundle, parseBundle } from './bundle';
import { verifyBytes } from './signature';
import { SIGNATURE_ANNOTATION, SIMPLE_SIGNING_MEDIA_TYPE, signatureTag, type ImageManifest } from './signatureManifest';
import { parseSimpleSigningPayload, SIMPLE_SIGNING_TYPE } from './simpleSigning';

export interface FoundSignature {
  source: 'signature-tag' | 'referrer';
  /** Layer digest (tag layout) or referrer manifest digest. */
  digest: string;
  kind: 'simple-signing' | 'sigstore-bundle';
  verified: boolean;
  /** Why it did not verify. */
  reason?: string;
  /** `docker-reference` signed into a simple-signing payload. */
  identity?: string;
  annotations?: Record<string, unknown> | null;
}

export interface VerifyResult {
  reference: string;
  digest: string;
  verified: boolean;
  signatures: FoundSignature[];
  /** Attestations and other referrers seen but not counted as signatures. */
  other: Array<{ digest: string; artifactType?: string; predicateType?: string }>;
  /** Places that could not be searched (e.g. referrers listing refused): signatures may be missing. */
  problems: string[];
}

export type SignatureStatus = 'signed' | 'invalid' | 'unsigned';

export function signatureStatus(result: Pick<VerifyResult, 'verified' | 'signatures'>): SignatureStatus {
  if (result.verified) return 'signed';
  return result.signatures.length > 0 ? 'invalid' : 'unsigned';
}

async function optional<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RegistryError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

async function tagSignatures(client: RegistryClient, repository: string, digest: string, publicKey: KeyObject): Promise<FoundSignature[]> {
  const sig = await optional(client.getManifest(repository, signatureTag(digest)));
  if (!sig) return [];
  const layers = (sig.json as unknown as ImageManifest).layers;
  if (!Array.isArray(layers)) return [];
  const found: FoundSignature[] = [];
  for (const layer of layers) {
    if (layer?.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE) continue;
    const base = { source: 'signature-tag' as const, digest: layer.digest, kind: 'simple-signing' as const };
    const signature = layer.annotations?.[SIGNATURE_ANNOTATION];
    if (!signature) { found.push({ ...base, verified: false, reason: `layer has no ${SIGNATURE_ANNOTATION} annotation` }); continue; }
    let payload: Buffer;
    try {
      payload = await client.getBlob(repository, layer.digest);
    } catch (error) {
      found.push({ ...base, verified: false, reason: `payload could not be read: ${(error as Error).message}` });
      continue;
    }
    const claims = parseSimpleSigningPayload(payload);
    const info = claims ? { identity: claims.dockerReference, annotations: claims.annotations } : {};
    if (!verifyBytes(publicKey, payload, signature)) { found.push({ ...base, ...info, verified: false, reason: 'signature does not match the public key (signed with another key, or the payload was changed)' }); continue; }
    if (!claims) { found.push({ ...base, verified: false, reason: 'signed payload is not a simple-signing document' }); continue; }
    if (claims.manifestDigest !== digest) { found.push({ ...base, ...info, verified: false, reason: `payload is for ${claims.manifestDigest}, not this image` }); continue; }
    if (claims.type !== SIMPLE_SIGNING_TYPE) { found.push({ ...base, ...info, verified: false, reason: `payload type "${claims.type}" is not a cosign image signature` }); continue; }
    found.push({ ...base, ...info, verified: true });
  }
  return found;
}

async function referrerSignatures(client: RegistryClient, repository: string, digest: string, manifestBytes: Buffer, publicKey: KeyObject, other: VerifyResult['other'], problems: string[]): Promise<FoundSignature[]> {
  let referrers;
  try {
    referrers = await client.referrers(repository, digest);
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    if (error.kind !== 'not-found' && error.kind !== 'unsupported' && error.kind !== 'bad-request') problems.push(`referrers not searched: ${error.message}`);
    return [];
  }
  const found: FoundSignature[] = [];
  for (const descriptor of referrers) {
    if (descriptor.artifactType && !BUNDLE_MEDIA_TYPE_RE.test(descriptor.artifactType)) {
      other.push({ digest: descriptor.digest, artifactType: descriptor.artifactType });
      continue;
    }
    const manifest = await optional(client.getManifest(repository, descriptor.digest));
    if (!manifest) continue;
    const layers = ((manifest.json as unknown as ImageManifest).layers ?? []).filter((l) => BUNDLE_MEDIA_TYPE_RE.test(l?.mediaType ?? ''));
    if (layers.length === 0) {
      other.push({ digest: descriptor.digest, ...(descriptor.artifactType ? { artifactType: descriptor.artifactType } : {}) });
      continue;
    }
    for (const layer of layers) {
      const base = { source: 'referrer' as const, digest: descriptor.digest, kind: 'sigstore-bundle' as const };
      const bundle = parseBundle(await client.getBlob(repository, layer.digest));
      if (!bundle) { found.push({ ...base, verified: false, reason: 'referrer layer is not a Sigstore bundle' }); continue; }
      const check = checkBundle(bundle, publicKey, digest, manifestBytes);
      if (!check.isImageSignature && check.kind === 'dsse-envelope') {
        other.push({ digest: descriptor.digest, artifactType: bundle.mediaType, ...(check.predicateType ? { predicateType: check.predicateType } : {}) });
        continue;
      }
      found.push({ ...base, verified: check.verified, ...(check.reason ? { reason: check.reason } : {}) });
    }
  }
  return found;
}

export interface VerifyOptions {
  /** Aborting stops the verification at once: the promise rejects with TransferCancelledError. */
  signal?: AbortSignal;
}

/** Finds and checks every signature of `repository:reference` against `publicKey`. */
export async function verifyImage(client: RegistryClient, repository: string, reference: string, publicKey: KeyObject, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { signal } = options;
  throwIfCancelled(signal);
  const work = (async (): Promise<VerifyResult> => {
    const manifest = await client.getManifest(repository, reference);
    const digest = manifest.digest;
    const other: VerifyResult['other'] = [];
    const problems: string[] = [];
    throwIfCancelled(signal);
    const byTag = await tagSignatures(client, repository, digest, publicKey);
    throwIfCancelled(signal);
    const byReferrer = await referrerSignatures(client, repository, digest, manifest.body, publicKey, other, problems);
    const signatures = [...byTag, ...byReferrer];
    return { reference: `${client.host}/${repository}${reference.includes(':') ? '@' : ':'}${reference}`, digest, verified: signatures.some((s) => s.verified), signatures, other, problems };
  })();
  if (!signal) return work;
  // A registry that hangs must not hold the cancel: settle as soon as the signal fires.
  return new Promise<VerifyResult>((resolve, reject) => {
    const onAbort = (): void => reject(new TransferCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
