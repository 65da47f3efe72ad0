// The image of a container as the cluster will see it: parsed by the one reference parser,
// with a kustomization's `images:` pin applied.
import { parseImageReference, type ImageReference, type ReferenceResult } from '../image/reference';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

export interface EffectiveImage {
  parsed: ReferenceResult;
  /** The reference after a kustomization's `newTag`/`digest`, when one pins it. */
  effective?: ImageReference;
  pinnedByKustomize: boolean;
}

/** The name part (`[domain/]path`) of an image as written, without tag and digest. */
export function imageName(text: string): string {
  const at = text.indexOf('@');
  const withoutDigest = at >= 0 ? text.slice(0, at) : text;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

export function effectiveImage(text: string, index: WorkspaceIndex): EffectiveImage {
  const parsed = parseImageReference(text);
  if (!parsed.ok) return { parsed, pinnedByKustomize: false };
  const pin = index.kustomizeImage(imageName(text));
  if (pin && (pin.newTag || pin.digest || pin.newName)) {
    let base = parsed.reference;
    // `newName` moves the image to another repository (and maybe registry).
    const renamed = pin.newName ? parseImageReference(pin.newName) : undefined;
    if (renamed?.ok) base = { ...base, domain: renamed.reference.domain, path: renamed.reference.path, registry: renamed.reference.registry, repository: renamed.reference.repository };
    return { parsed, effective: { ...base, tag: pin.newTag ?? base.tag, digest: pin.digest ?? base.digest }, pinnedByKustomize: !!(pin.newTag || pin.digest) };
  }
  return { parsed, effective: parsed.reference, pinnedByKustomize: false };
}
