// A small but real OCI image layout made with Node built-ins: gzip'd ustar layers, image configs,
// image manifests and a multi-platform index. Deterministic for a given seed. Adapted from the
// shared test bed's make-oci-layout.mjs.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface LayoutOptions {
  platforms?: string[];
  layers?: number;
  layerKiB?: number;
  seed?: string;
  tag?: string;
  created?: string;
  labels?: Record<string, string>;
}

export interface LayoutSummary {
  dir: string;
  tag: string;
  index: { digest: string; size: number };
  platforms: { platform: string; manifest: string; manifestSize: number; config: string; layers: { digest: string; size: number }[] }[];
  refs: string[];
}

const MT = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
};
const MTIME = 1700000000;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function tarHeader(name: string, size: number, type: string, mode: number): Buffer {
  const h = Buffer.alloc(512, 0);
  const put = (str: string, off: number, len: number) => h.write(str, off, Math.min(len, Buffer.byteLength(str)), 'utf8');
  const oct = (num: number, len: number) => num.toString(8).padStart(len - 1, '0') + '\0';
  put(name, 0, 100);
  put(oct(mode, 8), 100, 8); put(oct(0, 8), 108, 8); put(oct(0, 8), 116, 8);
  put(oct(size, 12), 124, 12); put(oct(MTIME, 12), 136, 12);
  put('        ', 148, 8); put(type, 156, 1);
  put('ustar\0', 257, 6); put('00', 263, 2); put('root', 265, 32); put('root', 297, 32);
  let sum = 0; for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

function tar(entries: { name: string; data?: Buffer; dir?: boolean; mode?: number }[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.dir) { parts.push(tarHeader(e.name.endsWith('/') ? e.name : `${e.name}/`, 0, '5', 0o755)); continue; }
    const data = e.data ?? Buffer.alloc(0);
    parts.push(tarHeader(e.name, data.length, '0', e.mode ?? 0o644), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function makeOciLayout(dir: string, options: LayoutOptions = {}): LayoutSummary {
  const platforms = options.platforms ?? ['linux/amd64', 'linux/arm64', 'linux/arm/v7'];
  const layerCount = options.layers ?? 2;
  const layerKiB = options.layerKiB ?? 4;
  const seed = options.seed ?? 'shipshape';
  const tag = options.tag ?? 'latest';
  const created = options.created ?? new Date(MTIME * 1000).toISOString();
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const writeBlob = (buf: Buffer) => { const hex = sha256(buf); writeFileSync(join(blobs, hex), buf); return { digest: `sha256:${hex}`, size: buf.length }; };
  const prng = (label: string, n: number) => {
    const chunks: Buffer[] = []; let i = 0; let len = 0;
    while (len < n) { const c = createHash('sha256').update(`${seed}/${label}/${i++}`).digest(); chunks.push(c); len += c.length; }
    return Buffer.concat(chunks).subarray(0, n);
  };
  const refs: Record<string, unknown>[] = [];
  const summary: LayoutSummary = { dir, tag, index: { digest: '', size: 0 }, platforms: [], refs: [] };
  const descs: Record<string, unknown>[] = [];
  for (const p of platforms) {
    const [os, architecture, variant] = p.split('/');
    const pid = p.replace(/\//g, '-');
    const layers: { mediaType: string; digest: string; size: number }[] = [];
    const diffIds: string[] = [];
    for (let i = 0; i < layerCount; i++) {
      const entries: { name: string; data?: Buffer; dir?: boolean; mode?: number }[] = i === 0
        ? [{ name: 'etc', dir: true }, { name: 'etc/os-release', data: Buffer.from(`NAME="shipshape-test"\nPLATFORM="${p}"\n`) },
           { name: 'bin', dir: true }, { name: 'bin/hello', data: Buffer.from(`#!/bin/sh\necho hello from ${p}\n`), mode: 0o755 }]
        : [{ name: `data${i}`, dir: true }];
      entries.push({ name: `data${i}/blob-${pid}.bin`, data: prng(`${p}/${i}`, layerKiB * 1024) });
      const raw = tar(entries);
      diffIds.push(`sha256:${sha256(raw)}`);
      layers.push({ mediaType: MT.layer, ...writeBlob(gzipSync(raw, { level: 6 })) });
    }
    const config = {
      created, architecture, os, ...(variant ? { variant } : {}),
      config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['/bin/hello'], Labels: { 'org.opencontainers.image.title': 'shipshape-test', ...(options.labels ?? {}) } },
      rootfs: { type: 'layers', diff_ids: diffIds }, history: layers.map((_, i) => ({ created, created_by: `test layer ${i}` })),
    };
    const cfg = writeBlob(Buffer.from(JSON.stringify(config)));
    const manifest = { schemaVersion: 2, mediaType: MT.manifest, config: { mediaType: MT.config, ...cfg }, layers, annotations: { 'org.opencontainers.image.created': created } };
    const m = writeBlob(Buffer.from(JSON.stringify(manifest)));
    const platform = { architecture, os, ...(variant ? { variant } : {}) };
    descs.push({ mediaType: MT.manifest, ...m, platform });
    refs.push({ mediaType: MT.manifest, ...m, platform, annotations: { 'org.opencontainers.image.ref.name': `${tag}-${pid}` } });
    summary.platforms.push({ platform: p, manifest: m.digest, manifestSize: m.size, config: cfg.digest, layers: layers.map((l) => ({ digest: l.digest, size: l.size })) });
  }
  const index = { schemaVersion: 2, mediaType: MT.index, manifests: descs, annotations: { 'org.opencontainers.image.created': created } };
  const ix = writeBlob(Buffer.from(JSON.stringify(index)));
  refs.unshift({ mediaType: MT.index, ...ix, annotations: { 'org.opencontainers.image.ref.name': tag } });
  summary.index = ix;
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: MT.index, manifests: refs }, null, 2));
  summary.refs = refs.map((r) => (r['annotations'] as Record<string, string>)['org.opencontainers.image.ref.name']!);
  return summary;
}
