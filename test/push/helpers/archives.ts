// Image archives for push tests, produced in plain Node from an OCI layout: an OCI archive (the
// layout in a tar, optionally gzip'd) and a classic `docker save` docker-archive (manifest.json,
// <id>.json config, <id>/layer.tar uncompressed layers).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tarBuffer, writeTarFile, type TarFile } from '../../../server/src/oci/tarWriter';

function walk(dir: string, base = dir): TarFile[] {
  const out: TarFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const rel = relative(base, path);
    if (statSync(path).isDirectory()) out.push({ name: rel, type: 'dir' }, ...walk(path, base));
    else out.push({ name: rel, sourcePath: path, size: statSync(path).size });
  }
  return out;
}

/** The layout directory as a tar (what `skopeo copy … oci-archive:` and Docker 25+ `docker save` write). */
export async function writeOciArchive(layoutDir: string, file: string, options: { gzip?: boolean; dotSlash?: boolean } = {}): Promise<void> {
  const entries = walk(layoutDir).map((e) => (options.dotSlash ? { ...e, name: `./${e.name}` } : e));
  await writeTarFile(file, entries);
  if (options.gzip) writeFileSync(file, gzipSync(readFileSync(file)));
}

/** A classic docker-archive of one single-platform image of the layout (by manifest digest). */
export function writeDockerArchive(layoutDir: string, manifestDigest: string, repoTags: string[], file: string): { configDigest: string; diffIds: string[] } {
  const blob = (d: string): Buffer => readFileSync(join(layoutDir, 'blobs', 'sha256', d.split(':')[1]!));
  const manifest = JSON.parse(blob(manifestDigest).toString());
  const configBytes = blob(manifest.config.digest);
  const configHex = createHash('sha256').update(configBytes).digest('hex');
  const entries: TarFile[] = [{ name: `${configHex}.json`, data: configBytes }];
  const layers: string[] = [];
  const diffIds: string[] = [];
  manifest.layers.forEach((l: { digest: string }, i: number) => {
    const raw = gunzipSync(blob(l.digest));
    const id = createHash('sha256').update(`layer-${i}-${l.digest}`).digest('hex');
    diffIds.push(`sha256:${createHash('sha256').update(raw).digest('hex')}`);
    entries.push({ name: id, type: 'dir' }, { name: `${id}/VERSION`, data: Buffer.from('1.0') }, { name: `${id}/layer.tar`, data: raw });
    layers.push(`${id}/layer.tar`);
  });
  entries.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify([{ Config: `${configHex}.json`, RepoTags: repoTags, Layers: layers }])) });
  entries.push({ name: 'repositories', data: Buffer.from('{}') });
  writeFileSync(file, tarBuffer(entries));
  return { configDigest: `sha256:${configHex}`, diffIds };
}
