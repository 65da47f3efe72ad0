// Native push (no Docker engine): uploads an image — a single manifest or a multi-platform index —
// from any blob reader (OCI layout, archive, another registry) over the distribution API.
// Order matters for correctness: every blob first (HEAD → skip when present, then cross-repo
// mount, then streamed chunked upload), then child manifests by digest, the root manifest last.
// A cancel (AbortSignal) is honoured between chunks and before every manifest PUT, so a
// cancelled push never leaves a tag pointing at an incomplete image.
import type { Readable } from 'node:stream';
import { parseImageReference } from '../image/reference';
import type { RegistryClient } from '../registry/client';
import { throwIfCancelled, uploadBlobStream } from '../registry/upload';
import { isIndexMediaType, type BlobDescriptor } from './imageSource';

export { TransferCancelledError } from '../registry/upload';

/** Anything images can be read from. */
export interface BlobReader {
  /** A manifest's exact bytes (the digest covers them). */
  readManifest(digest: string): Promise<Buffer>;
  /** A blob as a stream of chunks. */
  openBlob(digest: string, size: number): Readable | AsyncIterable<Uint8Array>;
}

export type BlobState = 'pending' | 'exists' | 'mounted' | 'uploading' | 'uploaded';

export interface PushProgress {
  /** The blob this event is about, if any. */
  blob?: { digest: string; size: number; sent: number; state: BlobState };
  /** A manifest that was just written. */
  manifest?: { digest: string; reference: string };
  totalBytes: number;
  /** Bytes accounted for: uploaded, or skipped because present/mounted. */
  doneBytes: number;
  blobsTotal: number;
  blobsDone: number;
}

export interface PushOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PushProgress) => void;
  /** Upload in PATCH chunks of this size; default: each blob streamed in one PATCH. */
  chunkSize?: number;
  /**
   * Repositories of the same registry to try `?mount=…&from=…` from before uploading. The
   * image's own `org.opencontainers.image.base.name`, when in this registry, is tried as well.
   */
  mountFrom?: string[];
  /** Blobs uploaded at the same time (default 3). */
  concurrency?: number;
}

export interface PushResult {
  /** Digest of the root manifest (what to sign, scan and deploy). */
  digest: string;
  mediaType: string;
  size: number;
  repository: string;
  tag?: string;
  manifests: number;
  blobs: { uploaded: number; exists: number; mounted: number };
  bytesUploaded: number;
}

export class PushError extends Error {}

interface Plan {
  /** Manifests in PUT order: children before parents, the root last. */
  manifests: Array<{ descriptor: BlobDescriptor; bytes: Buffer }>;
  blobs: Map<string, BlobDescriptor>;
  /** `org.opencontainers.image.base.name` of the images: mount candidates. */
  baseImages: Set<string>;
}

interface ManifestJson { mediaType?: string; manifests?: BlobDescriptor[]; config?: BlobDescriptor; layers?: BlobDescriptor[]; annotations?: Record<string, string> }

const BASE_NAME_ANNOTATION = 'org.opencontainers.image.base.name';

/** Repositories of this registry that the image says it was built from (their layers are shared). */
function baseRepositories(client: RegistryClient, baseImages: Set<string>): string[] {
  const out: string[] = [];
  for (const name of baseImages) {
    const parsed = parseImageReference(name);
    if (parsed.ok && parsed.reference.registry.toLowerCase() === client.host) out.push(parsed.reference.repository);
  }
  return out;
}

/** Blobs that must not be uploaded: foreign/non-distributable layers served from their `urls`. */
function isForeign(d: BlobDescriptor & { urls?: string[] }): boolean {
  return /foreign|nondistributable/.test(d.mediaType) && Array.isArray(d.urls) && d.urls.length > 0;
}

async function plan(source: BlobReader, root: BlobDescriptor): Promise<Plan> {
  const manifests: Plan['manifests'] = [];
  const blobs = new Map<string, BlobDescriptor>();
  const baseImages = new Set<string>();
  const seen = new Set<string>();
  const visit = async (descriptor: BlobDescriptor, depth: number): Promise<void> => {
    if (depth > 4) throw new PushError('image index nesting is too deep');
    if (seen.has(descriptor.digest)) return;
    seen.add(descriptor.digest);
    let bytes: Buffer;
    try {
      bytes = await source.readManifest(descriptor.digest);
    } catch (error) {
      throw new PushError(`cannot read manifest ${descriptor.digest}${descriptor.platform ? ` (${descriptor.platform.os}/${descriptor.platform.architecture})` : ''}: ${(error as Error).message}`);
    }
    let json: ManifestJson;
    try {
      json = JSON.parse(bytes.toString('utf8')) as ManifestJson;
    } catch {
      throw new PushError(`manifest ${descriptor.digest} is not JSON`);
    }
    const mediaType = json.mediaType ?? descriptor.mediaType;
    const base = json.annotations?.[BASE_NAME_ANNOTATION];
    if (typeof base === 'string') baseImages.add(base);
    if (isIndexMediaType(mediaType) || Array.isArray(json.manifests)) {
      for (const child of json.manifests ?? []) await visit(child, depth + 1);
    } else {
      if (!json.config?.digest) throw new PushError(`manifest ${descriptor.digest} has no config`);
      for (const blob of [json.config, ...(json.layers ?? [])]) {
        if (!isForeign(blob)) blobs.set(blob.digest, blob);
      }
    }
    manifests.push({ descriptor: { ...descriptor, mediaType, size: bytes.length }, bytes });
  };
  await visit(root, 0);
  return { manifests, blobs, baseImages };
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async (): Promise<void> => {
    while (next < items.length && failed === undefined) {
      const item = items[next++]!;
      try {
        throwIfCancelled(signal);
        await work(item);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed;
}

/**
 * Pushes the image `root` from `source` to `repository` on `client`'s registry and tags it
 * `tag` (or leaves it untagged, addressed by digest).
 */
export async function pushImage(client: RegistryClient, repository: string, tag: string | undefined, source: BlobReader, root: BlobDescriptor, options: PushOptions = {}): Promise<PushResult> {
  const { signal } = options;
  throwIfCancelled(signal);
  const { manifests, blobs, baseImages } = await plan(source, root);
  const list = [...blobs.values()];
  const totalBytes = list.reduce((sum, b) => sum + b.size, 0);
  let doneBytes = 0;
  let blobsDone = 0;
  const counts = { uploaded: 0, exists: 0, mounted: 0 };
  let bytesUploaded = 0;
  const report = (extra: Pick<PushProgress, 'blob' | 'manifest'>): void => {
    options.onProgress?.({ ...extra, totalBytes, doneBytes, blobsTotal: list.length, blobsDone });
  };
  const mountFrom = [...new Set([...(options.mountFrom ?? []), ...baseRepositories(client, baseImages)])].filter((r) => r && r !== repository);

  await runLimited(list, options.concurrency ?? 3, async (blob) => {
    report({ blob: { digest: blob.digest, size: blob.size, sent: 0, state: 'pending' } });
    const finish = (state: BlobState, uploaded: number): void => {
      doneBytes += blob.size;
      blobsDone++;
      counts[state === 'uploaded' ? 'uploaded' : state === 'mounted' ? 'mounted' : 'exists']++;
      bytesUploaded += uploaded;
      report({ blob: { digest: blob.digest, size: blob.size, sent: blob.size, state } });
    };
    if (await client.headBlob(repository, blob.digest)) return finish('exists', 0);
    for (const from of mountFrom) {
      throwIfCancelled(signal);
      if (await client.mountBlob(repository, blob.digest, from).catch(() => false)) return finish('mounted', 0);
    }
    let lastSent = 0;
    await uploadBlobStream(client, repository, blob.digest, () => source.openBlob(blob.digest, blob.size) as AsyncIterable<Uint8Array>, {
      ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
      size: blob.size,
      ...(signal ? { signal } : {}),
      onBytes: (sent) => {
        doneBytes += sent - lastSent;
        lastSent = sent;
        report({ blob: { digest: blob.digest, size: blob.size, sent, state: 'uploading' } });
      },
    });
    doneBytes -= lastSent; // finish() adds the whole size
    finish('uploaded', blob.size);
  }, signal);

  const rootEntry = manifests[manifests.length - 1]!;
  for (const entry of manifests) {
    throwIfCancelled(signal);
    const isRoot = entry === rootEntry;
    const reference = isRoot && tag ? tag : entry.descriptor.digest;
    await client.putManifest(repository, reference, entry.bytes, entry.descriptor.mediaType);
    report({ manifest: { digest: entry.descriptor.digest, reference } });
  }
  return {
    digest: rootEntry.descriptor.digest,
    mediaType: rootEntry.descriptor.mediaType,
    size: rootEntry.bytes.length,
    repository,
    ...(tag ? { tag } : {}),
    manifests: manifests.length,
    blobs: counts,
    bytesUploaded,
  };
}
