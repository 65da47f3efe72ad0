// Which cached scan a reference written in a Dockerfile or manifest refers to. Both sides go
// through the product's one reference parser, so `nginx`, `docker.io/library/nginx:latest` and
// `index.docker.io/library/nginx` are the same image.
import { formatReference, normalisedName, parseImageReference, type ImageReference } from '../image/reference';

export interface ScannedImage {
  /** Image manifest digest (or config digest when the registry digest is unknown). */
  digest?: string;
  /** References known to point at the scanned image (as scanned, RepoTags, RepoDigests). */
  references: string[];
  /** ISO time of the scan: the newest scan wins when several match. */
  scannedAt: string;
}

export function parseReference(text: string): ImageReference | undefined {
  const result = parseImageReference(text);
  return result.ok ? result.reference : undefined;
}

/** Normalised spelling for storing (`docker.io/library/nginx:latest`). */
export function canonicalReference(text: string): string | undefined {
  const ref = parseReference(text);
  if (!ref) return undefined;
  return formatReference({ ...ref, tag: ref.tag ?? (ref.digest ? undefined : 'latest') });
}

/** True when `written` (from the code) names the scanned image `scanned`. */
export function referencesMatch(written: ImageReference, scanned: ImageReference, scannedDigest?: string): boolean {
  if (normalisedName(written) !== normalisedName(scanned)) return false;
  if (written.digest) return written.digest === scanned.digest || written.digest === scannedDigest;
  return (written.tag ?? 'latest') === (scanned.tag ?? (scanned.digest ? undefined : 'latest'));
}

/** The newest scan whose image `text` refers to, if any. */
export function findScanFor<T extends ScannedImage>(scans: readonly T[], text: string): T | undefined {
  const written = parseReference(text);
  if (!written) return undefined;
  let best: T | undefined;
  for (const scan of scans) {
    const hit = scan.references.some((r) => {
      const scanned = parseReference(r);
      return scanned !== undefined && referencesMatch(written, scanned, scan.digest);
    });
    if (hit && (!best || scan.scannedAt > best.scannedAt)) best = scan;
  }
  return best;
}
