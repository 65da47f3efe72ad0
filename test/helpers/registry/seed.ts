// Seeding test registries: real images pushed with skopeo, and large data sets (thousands of
// repositories or tags) written straight into distribution's filesystem storage layout, which the
// real registry then serves (pushing 5,000 manifests over HTTP takes ~45 s on this machine).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { makeOciLayout, type LayoutOptions, type LayoutSummary } from './oci-layout';
import { ADMIN, type TestRegistry } from './registry';

const run = promisify(execFile);

/** Makes a multi-platform OCI layout and copies it (all platforms) into the registry with skopeo. */
export async function pushImage(registry: TestRegistry, repository: string, tag: string, layout: LayoutOptions = {}): Promise<LayoutSummary> {
  const dir = mkdtempSync(join(registry.dir, 'layout-'));
  const summary = makeOciLayout(dir, { ...layout, tag });
  await skopeoCopy(registry, `oci:${dir}:${tag}`, `${repository}:${tag}`);
  return summary;
}

export async function skopeoCopy(registry: TestRegistry, source: string, destination: string): Promise<void> {
  const authFile = join(registry.dir, 'skopeo-auth.json');
  writeFileSync(authFile, '{}');
  const args = ['copy', '--all', '--retry-times', '0', '--dest-authfile', authFile];
  if (registry.mode === 'tls') {
    const certDir = join(registry.dir, 'client-certs');
    mkdirSync(certDir, { recursive: true });
    writeFileSync(join(certDir, 'ca.crt'), readFileSync(registry.caFile!));
    args.push('--dest-cert-dir', certDir);
  } else {
    args.push('--dest-tls-verify=false');
  }
  if (registry.mode !== 'plain') args.push('--dest-creds', `${ADMIN.username}:${ADMIN.password}`);
  args.push(source, `docker://${registry.host}/${destination}`);
  await run('skopeo', args, { timeout: 60_000 });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function writeLink(path: string, digest: string): void {
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'link'), digest);
}

export interface ScaleSeed {
  /** Repository names written. */
  repositories: string[];
  /** Tags of the many-tags repository, in the order of their created dates (oldest first). */
  tags: string[];
  manyTagsRepository: string;
  /** created date per tag of the many-tags repository. */
  created: Map<string, string>;
}

/**
 * Writes `repos` repositories (`<prefix>/repo-00000`…, tag `latest`) and one repository
 * `<prefix>/many-tags` with `tags` tags into a (stopped or running) registry's storage. Every
 * manifest differs and carries its own `org.opencontainers.image.created` (minute steps).
 */
export function seedScale(registry: TestRegistry, options: { repos: number; tags: number; prefix?: string }): ScaleSeed {
  const prefix = options.prefix ?? 'scale';
  const root = join(registry.dataDir, 'docker', 'registry', 'v2');
  const putBlob = (data: Buffer) => {
    const hex = sha(data);
    const dir = join(root, 'blobs', 'sha256', hex.slice(0, 2), hex);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'data'), data);
    return { digest: `sha256:${hex}`, size: data.length };
  };
  const rawLayer = Buffer.alloc(1024);
  const layer = putBlob(gzipSync(rawLayer));
  const config = putBlob(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', created: '2024-01-01T00:00:00Z', config: {}, rootfs: { type: 'layers', diff_ids: [`sha256:${sha(rawLayer)}`] } })));
  const created = new Map<string, string>();
  const manifest = (label: string, minute: number) => {
    const date = new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString();
    return { date, blob: putBlob(Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
      annotations: { 'org.opencontainers.image.created': date, 'org.example.seed': label },
    }))) };
  };
  const addTag = (repo: string, tag: string, minute: number) => {
    const repoDir = join(root, 'repositories', repo);
    const { date, blob } = manifest(`${repo}:${tag}`, minute);
    const hex = blob.digest.slice(7);
    writeLink(join(repoDir, '_manifests', 'revisions', 'sha256', hex), blob.digest);
    writeLink(join(repoDir, '_manifests', 'tags', tag, 'current'), blob.digest);
    writeLink(join(repoDir, '_manifests', 'tags', tag, 'index', 'sha256', hex), blob.digest);
    return date;
  };
  const addRepo = (repo: string) => {
    const repoDir = join(root, 'repositories', repo);
    for (const b of [layer, config]) writeLink(join(repoDir, '_layers', 'sha256', b.digest.slice(7)), b.digest);
  };
  const manyTagsRepository = `${prefix}/many-tags`;
  const tags: string[] = [];
  if (options.tags > 0) {
    addRepo(manyTagsRepository);
    for (let i = 0; i < options.tags; i++) {
      const tag = `v${String(i).padStart(5, '0')}`;
      created.set(tag, addTag(manyTagsRepository, tag, i));
      tags.push(tag);
    }
  }
  const repositories: string[] = [];
  for (let i = 0; i < options.repos; i++) {
    const repo = `${prefix}/repo-${String(i).padStart(5, '0')}`;
    addRepo(repo);
    addTag(repo, 'latest', i);
    repositories.push(repo);
  }
  return { repositories, tags, manyTagsRepository, created };
}
