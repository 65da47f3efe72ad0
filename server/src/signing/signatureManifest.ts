// Manifests that carry signatures, built exactly as cosign lays them out.
// Legacy ("tag") layout: an image manifest tagged `sha256-<hex>.sig` in the image's repository,
// one layer per signature: the simple-signing payload blob with the base64 signature in the
// `dev.cosignproject.cosign/signature` annotation. A new signature is appended as one more layer.
// Its config is the go-containerregistry config of an empty image with those layers appended.
// OCI 1.1 layout: an artifact manifest (empty config) whose `subject` is the signed image.
import { createHash } from 'node:crypto';
import type { Descriptor, ImageManifest } from '../registry/mediaTypes';
import { BUNDLE_MEDIA_TYPE } from './bundle';

export type { Descriptor, ImageManifest };

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
export const EMPTY_JSON = Buffer.from('{}');
const ZERO_TIME = '0001-01-01T00:00:00Z';

export const sha256Digest = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** `sha256:abc…` → `sha256-abc….sig` (cosign's signature tag). */
export function signatureTag(manifestDigest: string): string {
  return `${manifestDigest.replace(':', '-')}.sig`;
}

/** `sha256:abc…` → `sha256-abc…` (the OCI referrers tag schema). */
export function referrersFallbackTag(manifestDigest: string): string {
  return manifestDigest.replace(':', '-');
}

export function signatureLayer(payload: Buffer, base64Signature: string): Descriptor {
  return { mediaType: SIMPLE_SIGNING_MEDIA_TYPE, size: payload.length, digest: sha256Digest(payload), annotations: { [SIGNATURE_ANNOTATION]: base64Signature } };
}

/** The config blob cosign writes for a signature image with these layers. */
export function signatureConfig(layers: Descriptor[]): Buffer {
  return Buffer.from(JSON.stringify({
    architecture: '', created: ZERO_TIME, history: layers.map(() => ({ created: ZERO_TIME })), os: '',
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }, config: {},
  }));
}

/**
 * The `.sig` manifest after adding `layer` to `existing` (undefined = none yet). An identical
 * signature (same payload and signature) is not added twice. Returns the manifest and its config.
 */
export function appendSignature(existing: ImageManifest | undefined, layer: Descriptor): { manifest: ImageManifest; config: Buffer } {
  const previous = (existing?.layers ?? []).filter((l) => !(l.digest === layer.digest && l.annotations?.[SIGNATURE_ANNOTATION] === layer.annotations?.[SIGNATURE_ANNOTATION]));
  const layers = [...previous, layer];
  const config = signatureConfig(layers);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: existing?.mediaType ?? OCI_MANIFEST,
    config: { mediaType: existing?.config?.mediaType ?? OCI_CONFIG, size: config.length, digest: sha256Digest(config) },
    layers,
  };
  return { manifest, config };
}

/** An OCI 1.1 referrer holding a Sigstore bundle for `subject` (cosign's BUNDLE_SPEC layout). */
export function bundleReferrerManifest(bundle: Buffer, subject: Descriptor, created: string): ImageManifest {
  const bundleDigest = sha256Digest(bundle);
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: BUNDLE_MEDIA_TYPE,
    config: { mediaType: OCI_EMPTY, digest: sha256Digest(EMPTY_JSON), size: EMPTY_JSON.length },
    layers: [{ mediaType: BUNDLE_MEDIA_TYPE, digest: bundleDigest, size: bundle.length,
      annotations: { 'org.opencontainers.image.title': `${bundleDigest.replace(':', '-')}.sigstore.json` } }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
      'org.opencontainers.image.created': created,
    },
  };
}
