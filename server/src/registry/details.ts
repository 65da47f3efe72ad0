// Details of one tag for descriptions and tooltips (digest, size, created, platforms, labels),
// fetched on demand and cached, so listing a 3,000-tag repository costs no request per tag.
import type { RegistryClient } from './client';
import { isIndexMediaType, platformString, type Descriptor, type ImageIndex, type ImageManifest } from './mediaTypes';

export interface PlatformManifest { platform: string; digest: string; size: number; mediaType: string }

export interface ImageDetails {
  repository: string;
  reference: string;
  digest: string;
  mediaType: string;
  /** Compressed size: config + layers (single image) or the sum over platforms (index). */
  size: number;
  isIndex: boolean;
  platforms: PlatformManifest[];
  created?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  layers?: number;
  artifactType?: string;
}

interface ImageConfig { created?: string; os?: string; architecture?: string; variant?: string; config?: { Labels?: Record<string, string> | null } }

const CREATED = 'org.opencontainers.image.created';

export async function describeImage(client: RegistryClient, repository: string, reference: string): Promise<ImageDetails> {
  const manifest = await client.getManifest(repository, reference);
  const json = manifest.json as unknown as ImageManifest & ImageIndex;
  const annotations = json.annotations ?? {};
  const base = { repository, reference, digest: manifest.digest, mediaType: manifest.mediaType, annotations, ...(json.artifactType ? { artifactType: json.artifactType } : {}) };
  if (isIndexMediaType(manifest.mediaType) || Array.isArray(json.manifests)) {
    const children = (json.manifests ?? []).filter((d) => !isAttestation(d));
    const platforms = children.map((d) => ({ platform: platformString(d.platform), digest: d.digest, size: d.size, mediaType: d.mediaType }));
    let created: string | undefined = annotations[CREATED];
    let labels: Record<string, string> = {};
    let size = 0;
    // The first platform tells created date, labels and a representative size: reading every
    // platform would cost two requests each.
    if (children[0]) {
      const first = await describeImage(client, repository, children[0].digest).catch(() => undefined);
      if (first) { created ??= first.created; labels = first.labels; size = first.size; }
    }
    return { ...base, isIndex: true, platforms, size, labels, ...(created ? { created } : {}) };
  }
  const layers = Array.isArray(json.layers) ? json.layers : [];
  const size = (json.config?.size ?? 0) + layers.reduce((sum, l) => sum + (l.size ?? 0), 0);
  let config: ImageConfig = {};
  if (json.config?.digest && /image\.config|container\.image/.test(json.config.mediaType ?? '')) {
    config = await client.getBlobJson<ImageConfig>(repository, json.config.digest).catch(() => ({}));
  }
  const created = annotations[CREATED] ?? config.created;
  const platform = config.os ? [{ platform: platformString({ os: config.os, architecture: config.architecture ?? '', ...(config.variant ? { variant: config.variant } : {}) }), digest: manifest.digest, size, mediaType: manifest.mediaType }] : [];
  return { ...base, isIndex: false, platforms: platform, size, layers: layers.length, labels: config.config?.Labels ?? {}, ...(created ? { created } : {}) };
}

/** BuildKit attestation manifests sit in indexes as platform unknown/unknown. */
function isAttestation(d: Descriptor): boolean {
  return d.platform?.os === 'unknown' || d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
}

/** Caches details per registry+repository+reference and runs at most `concurrency` lookups at once. */
export class DetailsCache {
  private readonly cache = new Map<string, Promise<ImageDetails>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly maxEntries = 5000, private readonly concurrency = 4) {}

  get(client: RegistryClient, repository: string, reference: string): Promise<ImageDetails> {
    const key = `${client.host}/${repository}:${reference}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.limit(() => describeImage(client, repository, reference));
      entry.catch(() => this.cache.delete(key));
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** Forgets a repository (after delete/retag/refresh). */
  invalidate(host: string, repository?: string): void {
    const prefix = repository ? `${host}/${repository}:` : `${host}/`;
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  private async limit<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

/** Tags that share a digest: what a delete by digest takes with it. */
export async function tagsSharingDigest(client: RegistryClient, repository: string, digest: string, tags: string[], concurrency = 8): Promise<string[]> {
  const result: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, tags.length) }, async () => {
    while (next < tags.length) {
      const tag = tags[next++]!;
      const head = await client.headManifest(repository, tag).catch(() => undefined);
      if (head?.digest === digest) result.push(tag);
    }
  }));
  return result.sort();
}
