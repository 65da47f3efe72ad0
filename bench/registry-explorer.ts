// Registry explorer speed on the real local `docker-registry` (started and seeded with the
// project's test helpers): what a person waits for when opening the tree.
//   - first page vs full listing of 2,000 repositories (catalog, n=100)
//   - a 3,000-tag repository: first page of 100 tags through the paging proxy (OCI n/last + Link)
//     and straight from distribution 2.8 (which answers all 3,000 at once)
//   - the same first pages through a Bearer-token registry (token fetch included, then cached)
//   - details for 100 tags (manifest + config, 4 at a time) cold, then from the cache
// Run: node --import tsx bench/registry-explorer.ts [runs]   → JSON on stdout. Not a test.
import { performance } from 'node:perf_hooks';
import { RegistryClient } from '../server/src/registry/client';
import { DetailsCache } from '../server/src/registry/details';
import { createProvider } from '../server/src/registry/providers';
import { startProxy } from '../test/helpers/registry/proxy';
import { ADMIN, startRegistry } from '../test/helpers/registry/registry';
import { seedScale } from '../test/helpers/registry/seed';

const RUNS = Math.max(1, Number(process.argv[2] ?? 5));

function stats(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { median: r(sorted[Math.floor(sorted.length / 2)]!), min: r(sorted[0]!), max: r(sorted[sorted.length - 1]!) };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const result: Record<string, unknown> = { runs: RUNS, machine: `${process.platform} node ${process.version}` };
  const plain = await startRegistry('plain');
  const token = await startRegistry('token');
  try {
    const seedStart = performance.now();
    const seed = seedScale(plain, { repos: 2000, tags: 3000, prefix: 'bench' });
    seedScale(token, { repos: 200, tags: 3000, prefix: 'bench' });
    result['seedMs'] = Math.round(performance.now() - seedStart);
    const proxy = await startProxy({ upstream: plain.url });
    const rows: Record<string, number[]> = {
      reposFirstPage: [], reposAll: [], tagsFirstPageProxy: [], tagsAllProxy: [], tagsFirstPageDirect: [],
      tokenReposFirstPage: [], tokenTagsFirstPage: [], details100Cold: [], details100Cached: [],
    };
    let requests = 0;
    let tokenRequests = 0;
    for (let run = 0; run < RUNS; run++) {
      // A fresh client per run: no warm connections or tokens carried over.
      const provider = createProvider({ url: plain.url });
      rows['reposFirstPage']!.push(await time(() => provider.listRepositories({ pageSize: 100 })));
      const c = new RegistryClient({ url: plain.url });
      rows['reposAll']!.push(await time(async () => { let n = 0; for await (const p of c.catalog(100)) n += p.length; if (n !== 2001) throw new Error(`listed ${n}`); }));
      const viaProxy = createProvider({ url: proxy.url });
      rows['tagsFirstPageProxy']!.push(await time(() => viaProxy.listTags(seed.manyTagsRepository, { pageSize: 100 })));
      const proxyClient = new RegistryClient({ url: proxy.url });
      rows['tagsAllProxy']!.push(await time(async () => { const all = await proxyClient.allTags(seed.manyTagsRepository, 100); if (all.length !== 3000) throw new Error(`listed ${all.length}`); }));
      rows['tagsFirstPageDirect']!.push(await time(() => createProvider({ url: plain.url }).listTags(seed.manyTagsRepository, { pageSize: 100 })));
      const tokenProvider = createProvider({ url: token.url }, { credentials: { get: async () => ({ username: ADMIN.username, secret: ADMIN.password, origin: { source: 'bench', updateHint: '' } }) } });
      rows['tokenReposFirstPage']!.push(await time(() => tokenProvider.listRepositories({ pageSize: 100 })));
      rows['tokenTagsFirstPage']!.push(await time(() => tokenProvider.listTags(seed.manyTagsRepository, { pageSize: 100 })));
      tokenRequests = tokenProvider.client.auth.tokenRequests;
      const cache = new DetailsCache(5000, 4);
      const detailsClient = new RegistryClient({ url: plain.url });
      const tags = seed.tags.slice(0, 100);
      rows['details100Cold']!.push(await time(() => Promise.all(tags.map((t) => cache.get(detailsClient, seed.manyTagsRepository, t)))));
      requests = detailsClient.requestCount;
      rows['details100Cached']!.push(await time(() => Promise.all(tags.map((t) => cache.get(detailsClient, seed.manyTagsRepository, t)))));
      if (detailsClient.requestCount !== requests) throw new Error('cached details made requests');
    }
    for (const [name, values] of Object.entries(rows)) result[name] = stats(values);
    result['details100Requests'] = requests;
    result['tokenRequestsForTwoScopes'] = tokenRequests;
    await proxy.close();
  } finally {
    await Promise.all([plain.stop(), token.stop()]);
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main().catch((error) => { process.stderr.write(`${(error as Error).stack}\n`); process.exit(1); });
