// Local images to push: an OCI image layout directory, an OCI archive (a layout in a tar, which
// is also what `docker save` writes since Docker 25) or a classic `docker save` docker-archive
// (manifest.json + <id>/layer.tar; its manifest is synthesised here). Blobs are streamed from
// disk; only manifests and configs (small JSON) are ever read whole.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ArchiveError, openTar, type TarIndex } from './tarIndex';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME_ANNOTATION = 'io.containerd.image.name';
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface BlobDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
  artifactType?: string;
}

export interface SourceImage {
  descriptor: BlobDescriptor;
  /** Names this image is known by in the source (ref names, RepoTags). */
  names: string[];
}

export type SourceKind = 'oci-layout' | 'oci-archive' | 'docker-archive';

export interface ImageSource {
  kind: SourceKind;
  location: string;
  images: SourceImage[];
  /** Whole blob (manifests, configs), digest-checked. */
  readBlob(digest: string): Promise<Buffer>;
  /** Streamed blob (layers). */
  openBlob(digest: string): Readable;
  close(): void;
}

export class ImageSourceError extends Error {}

export const isIndexMediaType = (mt: string | undefined): boolean => mt === OCI_INDEX || mt === DOCKER_MANIFEST_LIST;

function blobPath(digest: string): string {
  const m = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/.exec(digest);
  if (!m) throw new ImageSourceError(`invalid digest "${digest}"`);
  return `blobs/${m[1]}/${m[2]}`;
}

function checkDigest(digest: string, bytes: Buffer, where: string): Buffer {
  const [algorithm] = digest.split(':');
  if (algorithm !== 'sha256' && algorithm !== 'sha512' && algorithm !== 'sha384') throw new ImageSourceError(`unsupported digest algorithm in ${digest}`);
  const actual = `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
  if (actual !== digest) throw new ImageSourceError(`${where}: blob ${digest} is corrupt (content hashes to ${actual})`);
  return bytes;
}

function parseJson<T>(bytes: Buffer, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (error) {
    throw new ImageSourceError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

interface OciIndexFile { manifests?: BlobDescriptor[] }

function imagesFromIndex(index: OciIndexFile, where: string): SourceImage[] {
  if (!Array.isArray(index.manifests)) throw new ImageSourceError(`${where}: index.json has no "manifests" list`);
  return index.manifests.map((descriptor) => {
    if (typeof descriptor?.digest !== 'string' || typeof descriptor.mediaType !== 'string') {
      throw new ImageSourceError(`${where}: index.json has an entry without digest/mediaType`);
    }
    const names = [descriptor.annotations?.[REF_NAME_ANNOTATION], descriptor.annotations?.[CONTAINERD_NAME_ANNOTATION]].filter((n): n is string => Boolean(n));
    return { descriptor, names };
  });
}

/** Opens an OCI layout directory. */
export async function openOciLayout(dir: string): Promise<ImageSource> {
  if (!existsSync(join(dir, 'oci-layout')) || !existsSync(join(dir, 'index.json'))) {
    throw new ImageSourceError(`${dir} is not an OCI image layout (no oci-layout and index.json files)`);
  }
  const index = parseJson<OciIndexFile>(await readFile(join(dir, 'index.json')), `${dir}/index.json`);
  const file = (digest: string): string => {
    const p = join(dir, blobPath(digest));
    if (!existsSync(p)) throw new ImageSourceError(`${dir} is missing blob ${digest}`);
    return p;
  };
  return {
    kind: 'oci-layout',
    location: dir,
    images: imagesFromIndex(index, dir),
    async readBlob(digest) {
      const p = file(digest);
      if (statSync(p).size > MAX_JSON_BYTES) throw new ImageSourceError(`blob ${digest} is too large to be a manifest or config`);
      return checkDigest(digest, await readFile(p), dir);
    },
    // Large reads: fewer syscalls and pieces for uploads that stream the file straight through.
    openBlob: (digest) => createReadStream(file(digest), { highWaterMark: 1 << 20 }),
    close() { /* nothing held open */ },
  };
}

interface DockerArchiveEntry { Config?: string; RepoTags?: string[] | null; Layers?: string[] }

async function sha256OfStream(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

async function isGzipEntry(tar: TarIndex, name: string): Promise<boolean> {
  const entry = tar.find(name);
  if (!entry || entry.size < 2) return false;
  for await (const chunk of tar.stream(name)) {
    const b = chunk as Buffer;
    return b[0] === 0x1f && b[1] === 0x8b;
  }
  return false;
}

/** Synthesises OCI manifests for the images of a classic docker-archive. */
async function dockerArchiveImages(tar: TarIndex, where: string) {
  const list = parseJson<DockerArchiveEntry[]>(await tar.read('manifest.json', MAX_JSON_BYTES), `${where}: manifest.json`);
  if (!Array.isArray(list) || list.length === 0) throw new ImageSourceError(`${where}: manifest.json lists no images`);
  const memory = new Map<string, Buffer>(); // synthesised manifests and configs by digest
  const files = new Map<string, string>(); // blob digest → entry name
  const images: SourceImage[] = [];
  for (const item of list) {
    if (typeof item?.Config !== 'string' || !Array.isArray(item.Layers)) throw new ImageSourceError(`${where}: manifest.json entry without Config/Layers`);
    const configBytes = await tar.read(item.Config, MAX_JSON_BYTES);
    const configDigest = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`;
    memory.set(configDigest, configBytes);
    const config = parseJson<{ rootfs?: { diff_ids?: string[] }; os?: string; architecture?: string; variant?: string }>(configBytes, `${where}: ${item.Config}`);
    const diffIds = config.rootfs?.diff_ids ?? [];
    const layers: BlobDescriptor[] = [];
    for (const [i, name] of item.Layers.entries()) {
      const entry = tar.find(name);
      if (!entry) throw new ImageSourceError(`${where} is missing layer ${name}`);
      const gzip = await isGzipEntry(tar, name);
      // An uncompressed layer's digest is its diff_id; anything else is hashed (streamed) once.
      const digest = !gzip && diffIds[i] ? diffIds[i]! : await sha256OfStream(tar.stream(name));
      files.set(digest, name);
      layers.push({ mediaType: gzip ? OCI_LAYER_GZIP : OCI_LAYER, digest, size: entry.size });
    }
    const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: configDigest, size: configBytes.length }, layers }));
    const manifestDigest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
    memory.set(manifestDigest, manifest);
    images.push({
      descriptor: { mediaType: OCI_MANIFEST, digest: manifestDigest, size: manifest.length,
        ...(config.os && config.architecture ? { platform: { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) } } : {}) },
      names: item.RepoTags ?? [],
    });
  }
  return { images, memory, files };
}

/** Opens an OCI archive or a docker-archive (`docker save` output), plain or gzip'd. */
export async function openImageArchive(file: string): Promise<ImageSource> {
  let tar: TarIndex;
  try {
    tar = await openTar(file);
  } catch (error) {
    if (error instanceof ArchiveError) throw new ImageSourceError(`${file}: ${error.message}`);
    throw error;
  }
  try {
    if (tar.find('index.json') && tar.find('oci-layout')) {
      const index = parseJson<OciIndexFile>(await tar.read('index.json', MAX_JSON_BYTES), `${file}: index.json`);
      const entryFor = (digest: string): string => {
        const name = blobPath(digest);
        if (!tar.find(name)) throw new ImageSourceError(`${file} is missing blob ${digest}`);
        return name;
      };
      return {
        kind: 'oci-archive', location: file, images: imagesFromIndex(index, file),
        readBlob: async (digest) => checkDigest(digest, await tar.read(entryFor(digest), MAX_JSON_BYTES), file),
        openBlob: (digest) => tar.stream(entryFor(digest)),
        close: () => tar.close(),
      };
    }
    if (tar.find('manifest.json')) {
      const { images, memory, files } = await dockerArchiveImages(tar, file);
      return {
        kind: 'docker-archive', location: file, images,
        async readBlob(digest) {
          const inMemory = memory.get(digest);
          if (inMemory) return inMemory;
          const name = files.get(digest);
          if (!name) throw new ImageSourceError(`${file} has no blob ${digest}`);
          return checkDigest(digest, await tar.read(name, MAX_JSON_BYTES), file);
        },
        openBlob(digest) {
          const inMemory = memory.get(digest);
          if (inMemory) return Readable.from([inMemory]);
          const name = files.get(digest);
          if (!name) throw new ImageSourceError(`${file} has no blob ${digest}`);
          return tar.stream(name);
        },
        close: () => tar.close(),
      };
    }
    throw new ImageSourceError(`${file} is neither an OCI archive (index.json + oci-layout) nor a docker-archive (manifest.json)`);
  } catch (error) {
    tar.close();
    throw error;
  }
}

/** Opens a directory as an OCI layout and a file as an archive. */
export async function openImageSource(path: string): Promise<ImageSource> {
  if (!existsSync(path)) throw new ImageSourceError(`${path} does not exist`);
  return statSync(path).isDirectory() ? openOciLayout(path) : openImageArchive(path);
}

/**
 * Picks the image to push. `name` matches a ref name (`latest`), a full name
 * (`example.com/app:1.0`) or its tag; without a name the only image, or the one called `latest`.
 */
export function selectImage(source: ImageSource, name?: string): SourceImage {
  const { images } = source;
  if (images.length === 0) throw new ImageSourceError(`${source.location} contains no images`);
  const known = (): string => images.map((i) => i.names[0] ?? i.descriptor.digest).join(', ');
  if (name) {
    const match = images.find((i) => i.descriptor.digest === name || i.names.some((n) => n === name || n.endsWith(`:${name}`)));
    if (!match) throw new ImageSourceError(`${source.location} has no image "${name}" (it has: ${known()})`);
    return match;
  }
  if (images.length === 1) return images[0]!;
  const latest = images.find((i) => i.names.some((n) => n === 'latest' || n.endsWith(':latest')));
  if (latest) return latest;
  throw new ImageSourceError(`${source.location} holds ${images.length} images; pick one of: ${known()}`);
}
