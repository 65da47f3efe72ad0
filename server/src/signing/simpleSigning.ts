// The "simple signing" payload cosign signs for an image (containers/image's format):
//   {"critical":{"identity":{"docker-reference":R},"image":{"docker-manifest-digest":D},
//    "type":"cosign container image signature"},"optional":{…}|null}
// Field order and `null` for no annotations match cosign's Go marshalling byte for byte.

export const SIMPLE_SIGNING_TYPE = 'cosign container image signature';

export interface SimpleSigningClaims {
  dockerReference: string;
  manifestDigest: string;
  type: string;
  annotations: Record<string, unknown> | null;
}

/** go-containerregistry names Docker Hub `index.docker.io`; cosign payloads carry that name. */
export function signatureIdentity(registry: string, repository: string): string {
  return `${registry === 'docker.io' ? 'index.docker.io' : registry}/${repository}`;
}

function sortedObject(value: Record<string, unknown>): Record<string, unknown> {
  // Go marshals maps with sorted keys.
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]));
}

export function buildSimpleSigningPayload(dockerReference: string, manifestDigest: string, annotations?: Record<string, unknown>): Buffer {
  const optional = annotations && Object.keys(annotations).length > 0 ? sortedObject(annotations) : null;
  return Buffer.from(JSON.stringify({
    critical: { identity: { 'docker-reference': dockerReference }, image: { 'docker-manifest-digest': manifestDigest }, type: SIMPLE_SIGNING_TYPE },
    optional,
  }));
}

/** Parses a payload; undefined when it is not a simple-signing document. */
export function parseSimpleSigningPayload(bytes: Uint8Array): SimpleSigningClaims | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
  const critical = (doc as { critical?: Record<string, unknown> } | null)?.critical;
  if (!critical || typeof critical !== 'object') return undefined;
  const identity = (critical['identity'] as Record<string, unknown> | undefined)?.['docker-reference'];
  const digest = (critical['image'] as Record<string, unknown> | undefined)?.['docker-manifest-digest'];
  const type = critical['type'];
  if (typeof digest !== 'string' || typeof type !== 'string') return undefined;
  const optional = (doc as { optional?: unknown }).optional;
  return {
    dockerReference: typeof identity === 'string' ? identity : '',
    manifestDigest: digest,
    type,
    annotations: optional && typeof optional === 'object' ? (optional as Record<string, unknown>) : null,
  };
}
