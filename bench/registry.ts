// Registry numbers on the real local `docker-registry` (Debian's distribution 2.8), started and
// seeded with the project's test helpers: time to the first page and to the full listing for
// 2,000 repositories and a 3,000-tag repository, and native push of a ~200 MB multi-layer image
// next to `skopeo copy` of the same OCI layout. Run with `node --import tsx bench/registry.ts
// <runs>`; prints one JSON object on stdout. Rows that cannot run say why instead of a number.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { RegistryClient } from '../server/src/registry/client';
import { openImageSource, selectImage } from '../server/src/oci/imageSource';
import { pushFromSource } from '../server/src/oci/copy';
import { makeOciLayout } from '../test/helpers/registry/oci-layout';
import { registryAvailable, startRegistry, type TestRegistry } from '../test/helpers/registry/registry';
import { seedScale } from '../test/helpers/registry/seed';

const run = promisify(execFile);
const PAGE = 100;
const REPOS = 2000;
const TAGS = 3000;
const PUSH_LAYERS = 8;
const PUSH_LAYER_MIB = 25;

type Row = Record<string, number> | { unavailable: string };

async function timeListing(registry: TestRegistry, list: (client: RegistryClient) => AsyncGenerator<string[]>, expected: number): Promise<Record<string, number>> {
  // A fresh client per run: no warm token or connection caches carried between runs.
  const client = new RegistryClient({ url: registry.url });
  const started = performance.now();
  let firstPageMs = NaN;
  let count = 0;
  let pages = 0;
  for await (const page of list(client)) {
    if (pages === 0) firstPageMs = performance.now() - started;
    pages++;
    count += page.length;
  }
  const fullMs = performance.now() - started;
  if (count < expected) throw new Error(`listed ${count} items, expected ${expected}`);
  return { firstPageMs, fullMs, items: count, pages };
}

async function listings(runs: number): Promise<{ repositories: Row[]; tags: Row[] }> {
  const registry = await startRegistry('plain', { catalogMaxEntries: 1000 });
  try {
    const seed = seedScale(registry, { repos: REPOS, tags: TAGS, prefix: 'bench' });
    const repositories: Row[] = [];
    const tags: Row[] = [];
    for (let i = 0; i < runs; i++) {
      repositories.push(await timeListing(registry, (c) => c.catalog(PAGE), REPOS + 1));
      tags.push(await timeListing(registry, (c) => c.tags(seed.manyTagsRepository, PAGE), TAGS));
    }
    return { repositories, tags };
  } finally {
    await registry.stop();
  }
}

/**
 * The 200 MB layout is deterministic and slow to make (hashing and gzip of 200 MB): it is kept
 * between bench runs in a cache folder and re-made only when missing.
 */
function pushLayout(): { dir: string; imageBytes: number } {
  const dir = join(process.env['SHIPSHAPE_BENCH_CACHE'] ?? '/tmp/shipshape-bench-cache', `push-layout-${PUSH_LAYERS}x${PUSH_LAYER_MIB}MiB`);
  const summaryFile = join(dir, 'bench-summary.json');
  if (existsSync(summaryFile)) return JSON.parse(readFileSync(summaryFile, 'utf8')) as { dir: string; imageBytes: number };
  rmSync(dir, { recursive: true, force: true });
  const layout = makeOciLayout(dir, { platforms: ['linux/amd64'], layers: PUSH_LAYERS, layerKiB: PUSH_LAYER_MIB * 1024, seed: 'bench-push', tag: 'bench' });
  const summary = { dir, imageBytes: layout.platforms[0]!.layers.reduce((sum, l) => sum + l.size, 0) };
  writeFileSync(summaryFile, JSON.stringify(summary));
  return summary;
}

/** Bytes of the blobs a registry holds (`docker/registry/v2/blobs/…/data` of its filesystem storage). */
function storedBlobBytes(dataDir: string): number {
  let total = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'data') total += statSync(path).size;
    }
  };
  const blobs = join(dataDir, 'docker/registry/v2/blobs');
  if (existsSync(blobs)) walk(blobs);
  return total;
}

/**
 * Every push goes to a fresh, empty registry (not timed: start-up and stop): neither tool can
 * skip or cross-mount a blob that an earlier push left behind. skopeo also remembers where it
 * pushed blobs before (its blob-info cache: under $HOME when rootless, but
 * /var/lib/containers/cache when run as root, whatever HOME says) and tries those locations; in
 * a fresh registry there is nothing to reuse. It still runs with a HOME of its own per push. To
 * be sure both tools did the same work, each push is checked afterwards: the registry must hold
 * at least the image's bytes, or the run fails. (An earlier run reported skopeo at 168 ms for
 * 200 MiB; in re-runs with this check skopeo uploads every layer and takes 1.1–1.7 s on this
 * machine.)
 */
async function pushes(runs: number, work: string): Promise<{ native: Row[]; skopeo: Row[]; imageBytes: number; layers: number }> {
  const { dir: layoutDir, imageBytes } = pushLayout();
  const native: Row[] = [];
  const skopeo: Row[] = [];
  const source = await openImageSource(layoutDir);
  const image = selectImage(source, 'bench');
  for (let i = 0; i < runs; i++) {
    // Alternate which tool goes first so neither always gets the warmer page cache.
    const order = i % 2 === 0 ? ['native', 'skopeo'] : ['skopeo', 'native'];
    for (const tool of order) {
      const registry = await startRegistry('plain', { parentDir: work });
      try {
        const repository = `bench/push-${tool}`;
        if (tool === 'native') {
          const client = new RegistryClient({ url: registry.url });
          const started = performance.now();
          const result = await pushFromSource(client, repository, 'bench', source, image);
          const ms = performance.now() - started;
          if (result.blobs.uploaded < PUSH_LAYERS) throw new Error(`native push uploaded only ${result.blobs.uploaded} blobs`);
          const stored = storedBlobBytes(registry.dataDir);
          if (stored < imageBytes) throw new Error(`native push left only ${stored} of ${imageBytes} bytes in the registry`);
          native.push({ ms, bytes: result.bytesUploaded, storedBytes: stored });
        } else {
          const home = mkdtempSync(join(work, 'skopeo-home-'));
          const started = performance.now();
          await run('skopeo', ['copy', '--retry-times', '0', '--dest-tls-verify=false', `oci:${layoutDir}:bench`, `docker://${registry.host}/${repository}:bench`],
            { timeout: 600_000, env: { ...process.env, HOME: home } });
          const ms = performance.now() - started;
          const stored = storedBlobBytes(registry.dataDir);
          if (stored < imageBytes) throw new Error(`skopeo copy left only ${stored} of ${imageBytes} bytes in the registry`);
          skopeo.push({ ms, bytes: imageBytes, storedBytes: stored });
        }
      } finally {
        await registry.stop();
      }
    }
  }
  return { native, skopeo, imageBytes, layers: PUSH_LAYERS };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const out: Record<string, unknown> = { runs, page: PAGE, repositories: REPOS, tagsInRepository: TAGS };
  if (!registryAvailable()) {
    const reason = 'docker-registry is not installed (apt-get install -y docker-registry)';
    Object.assign(out, { catalog: { unavailable: reason }, tags: { unavailable: reason }, push: { unavailable: reason } });
  } else {
    try {
      const { repositories, tags } = await listings(runs);
      Object.assign(out, { catalog: repositories, tags });
    } catch (error) {
      const reason = (error as Error).message;
      Object.assign(out, { catalog: { unavailable: reason }, tags: { unavailable: reason } });
    }
    const skopeoPresent = ['/usr/bin/skopeo', '/usr/local/bin/skopeo'].some((p) => existsSync(p));
    if (!skopeoPresent) {
      out['push'] = { unavailable: 'skopeo is not installed (apt-get install -y skopeo)' };
    } else {
      const work = mkdtempSync(join(tmpdir(), 'shipshape-bench-push-'));
      mkdirSync(work, { recursive: true });
      try {
        out['push'] = await pushes(runs, work);
      } catch (error) {
        out['push'] = { unavailable: (error as Error).message };
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((error) => {
  process.stderr.write(`bench/registry: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
