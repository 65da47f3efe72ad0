// Push sources and "copy between registries", which is the same push with another registry as
// the blob reader. Within one registry, blobs are mounted from the source repository instead of
// being transferred.
import type { RegistryClient } from '../registry/client';
import { readBlobRanges } from '../registry/upload';
import type { ImageSource, SourceImage } from './imageSource';
import { pushImage, type BlobReader, type PushOptions, type PushResult } from './push';

export function imageSourceReader(source: ImageSource): BlobReader {
  return { readManifest: (digest) => source.readBlob(digest), openBlob: (digest) => source.openBlob(digest) };
}

/** Reads manifests and (range by range) blobs of one repository of a registry. */
export function registryReader(client: RegistryClient, repository: string, options: { chunkSize?: number; signal?: AbortSignal } = {}): BlobReader {
  return {
    readManifest: async (digest) => (await client.getManifest(repository, digest)).body,
    openBlob: (digest, size) => readBlobRanges(client, repository, digest, size, options.chunkSize, options.signal),
  };
}

/** Pushes `image` from a local source. */
export function pushFromSource(client: RegistryClient, repository: string, tag: string | undefined, source: ImageSource, image: SourceImage, options: PushOptions = {}): Promise<PushResult> {
  return pushImage(client, repository, tag, imageSourceReader(source), image.descriptor, options);
}

export interface CopyEndpoint { client: RegistryClient; repository: string; reference: string }

/** Same registry (same base URL): blob mounts replace transfers. */
export function sameRegistry(a: RegistryClient, b: RegistryClient): boolean {
  return a.baseUrl.href === b.baseUrl.href;
}

/**
 * Copies `from` (tag or digest) to `to` (tag, or a digest reference = untagged copy), with every
 * platform of an index. Returns the pushed digest, which equals the source digest.
 */
export async function copyImage(from: CopyEndpoint, to: CopyEndpoint, options: PushOptions = {}): Promise<PushResult> {
  const head = await from.client.getManifest(from.repository, from.reference);
  const root = { mediaType: head.mediaType, digest: head.digest, size: head.size };
  const mountFrom = sameRegistry(from.client, to.client) ? [from.repository, ...(options.mountFrom ?? [])] : options.mountFrom ?? [];
  const tag = to.reference.includes(':') ? undefined : to.reference;
  return pushImage(to.client, to.repository, tag, registryReader(from.client, from.repository, {
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}), ...(options.signal ? { signal: options.signal } : {}),
  }), root, { ...options, mountFrom });
}
