// Signs an image in a registry the way `cosign sign --key` does: a simple-signing payload signed
// with ECDSA-P256/SHA-256, appended as one more layer of the `sha256-<hex>.sig` manifest (earlier
// signatures are kept), and — when the registry has the OCI 1.1 referrers API — also a Sigstore
// bundle referrer whose `subject` is the image (what cosign v3 reads by default).
import type { KeyObject } from 'node:crypto';
import { repositoryScope, type RegistryClient } from '../registry/client';
import { RegistryError } from '../registry/errors';
import { throwIfCancelled } from '../registry/upload';
import { buildSignatureBundle } from './bundle';
import { signBytes } from './signature';
import { appendSignature, bundleReferrerManifest, EMPTY_JSON, OCI_INDEX, referrersFallbackTag, sha256Digest, signatureLayer, signatureTag, type Descriptor, type ImageManifest } from './signatureManifest';
import { buildSimpleSigningPayload, signatureIdentity } from './simpleSigning';

export interface SignTarget { mediaType: string; digest: string; size: number }

export interface SignOptions {
  annotations?: Record<string, string>;
  /** `auto`: referrer only when the registry has the referrers API; `always`: also maintain the tag-schema index; `never`. */
  referrer?: 'auto' | 'always' | 'never';
  signal?: AbortSignal;
}

export interface SignResult {
  digest: string;
  /** `registry/repository` signed into the payload. */
  identity: string;
  signatureTag: string;
  /** Signatures in the `.sig` manifest after this one was added. */
  signatures: number;
  signatureManifestDigest: string;
  referrer?: { digest: string; registryHasReferrersApi: boolean };
  /** The `.sig` signature was stored but the referrer could not be (registry refused it). */
  referrerError?: string;
}

/** Resolves a tag (or digest) to the manifest descriptor that gets signed. */
export async function resolveTarget(client: RegistryClient, repository: string, reference: string): Promise<SignTarget> {
  const head = await client.headManifest(repository, reference);
  if (head?.digest && head.mediaType) return { mediaType: head.mediaType, digest: head.digest, size: head.size };
  if (!head) throw new RegistryError('not-found', `${client.host}/${repository}:${reference} does not exist — push it first`, client.host, 404);
  const manifest = await client.getManifest(repository, reference);
  return { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size };
}

async function existingManifest(client: RegistryClient, repository: string, tag: string, accept?: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await client.getManifest(repository, tag, ...(accept ? [accept] : []))).json;
  } catch (error) {
    if (error instanceof RegistryError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

/** Whether `GET /v2/<repo>/referrers/<digest>` is implemented (200 with an index). */
export async function hasReferrersApi(client: RegistryClient, repository: string, digest: string): Promise<boolean> {
  const res = await client.request({
    path: `/v2/${repository}/referrers/${digest}`, scopes: [repositoryScope(repository)], headers: { accept: OCI_INDEX },
    what: `checking referrers support of ${repository}`, ok: [200, 400, 404, 405, 406],
  });
  return res.status === 200 && /json/.test(res.headers['content-type'] ?? '');
}

/** Digests of the manifests an index lists (for `--recursive`: cosign signs each as well). */
export async function childManifestDigests(client: RegistryClient, repository: string, digest: string): Promise<string[]> {
  const manifest = await client.getManifest(repository, digest);
  const list = (manifest.json as { manifests?: Descriptor[] }).manifests;
  return Array.isArray(list) ? list.map((d) => d.digest).filter((d): d is string => typeof d === 'string') : [];
}

export async function signImage(client: RegistryClient, repository: string, reference: string, privateKey: KeyObject, publicKey: KeyObject, options: SignOptions = {}): Promise<SignResult> {
  const { signal } = options;
  throwIfCancelled(signal);
  const target = await resolveTarget(client, repository, reference);
  const identity = signatureIdentity(client.host, repository);
  const payload = buildSimpleSigningPayload(identity, target.digest, options.annotations);
  const layer = signatureLayer(payload, signBytes(privateKey, payload));

  throwIfCancelled(signal);
  await client.uploadBlob(repository, payload);
  const tag = signatureTag(target.digest);
  const existing = await existingManifest(client, repository, tag) as ImageManifest | undefined;
  const { manifest, config } = appendSignature(existing && Array.isArray(existing.layers) ? existing : undefined, layer);
  await client.uploadBlob(repository, config);
  throwIfCancelled(signal);
  const put = await client.putManifest(repository, tag, Buffer.from(JSON.stringify(manifest)), manifest.mediaType!);
  const result: SignResult = { digest: target.digest, identity, signatureTag: tag, signatures: manifest.layers.length, signatureManifestDigest: put.digest };

  const mode = options.referrer ?? 'auto';
  if (mode !== 'never') {
    // The signature above is what cosign (any version) verifies; the referrer is extra, so a
    // registry that refuses it (old registries reject `subject`) does not fail the signing.
    try {
      const apiAvailable = await hasReferrersApi(client, repository, target.digest).catch(() => false);
      if (apiAvailable || mode === 'always') {
        result.referrer = { ...(await writeBundleReferrer(client, repository, target, privateKey, publicKey, identity, apiAvailable)), registryHasReferrersApi: apiAvailable };
      }
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      result.referrerError = error.message;
    }
  }
  return result;
}

async function writeBundleReferrer(client: RegistryClient, repository: string, target: SignTarget, privateKey: KeyObject, publicKey: KeyObject, identity: string, apiAvailable: boolean): Promise<{ digest: string }> {
  const bundle = buildSignatureBundle(privateKey, publicKey, target.digest, identity);
  await client.uploadBlob(repository, bundle);
  await client.uploadBlob(repository, EMPTY_JSON);
  const manifest = bundleReferrerManifest(bundle, target, new Date().toISOString());
  const bytes = Buffer.from(JSON.stringify(manifest));
  const put = await client.putManifest(repository, sha256Digest(bytes), bytes, manifest.mediaType!);
  if (!apiAvailable && !put.subject) {
    // No referrers API: list the artifact in the `sha256-<hex>` tag-schema index, as the
    // distribution spec asks clients to.
    const fallback = referrersFallbackTag(target.digest);
    const index = (await existingManifest(client, repository, fallback, OCI_INDEX)) as { manifests?: Descriptor[] } | undefined;
    const manifests = (index?.manifests ?? []).filter((d) => d.digest !== put.digest);
    manifests.push({ mediaType: manifest.mediaType!, digest: put.digest, size: bytes.length, artifactType: manifest.artifactType!, ...(manifest.annotations ? { annotations: manifest.annotations } : {}) });
    await client.putManifest(repository, fallback, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests })), OCI_INDEX);
  }
  return { digest: put.digest };
}
