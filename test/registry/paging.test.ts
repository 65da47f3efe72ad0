// Paging over 2,000 repositories (real registry catalog, relative Link) and a 3,000-tag repository
// (tags paged by the test proxy: relative and absolute Links, Link on the last page, n ignored).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryClient } from '../../server/src/registry/client';
import { startProxy, type TestProxy } from '../helpers/registry/proxy';
import { startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { seedScale, type ScaleSeed } from '../helpers/registry/seed';

describe('paging over a seeded registry', () => {
  let registry: TestRegistry;
  let proxy: TestProxy;
  let seed: ScaleSeed;
  before(async () => {
    registry = await startRegistry('plain');
    seed = seedScale(registry, { repos: 2000, tags: 3000 });
    proxy = await startProxy({ upstream: registry.url });
  });
  after(async () => { await proxy.close(); await registry.stop(); });

  test('catalog: 2,001 repositories in pages of 100 following relative Links, first page alone first', async () => {
    const c = new RegistryClient({ url: registry.url });
    const first = await c.catalogPage({ n: 100 });
    assert.equal(first.items.length, 100);
    assert.ok(first.next?.startsWith(registry.url + '/v2/_catalog?'), first.next);
    assert.equal(c.requestCount, 1, 'the first page needs one request');
    const all: string[] = [];
    let pages = 0;
    for await (const page of c.catalog(100)) { all.push(...page); pages++; }
    assert.equal(all.length, 2001);
    assert.equal(pages, 21);
    assert.deepEqual(all.filter((r) => r.startsWith('scale/repo-')), seed.repositories);
    assert.equal(new Set(all).size, all.length);
  });

  test('catalog: n above the registry maximum is a readable 400', async () => {
    const c = new RegistryClient({ url: registry.url });
    await assert.rejects(c.catalogPage({ n: 5000 }), (e: Error) => /400: .* refused listing repositories.*PAGINATION_NUMBER_INVALID/.test(e.message));
  });

  test('tags: 3,000 tags unpaged straight from distribution 2.8 (ignores n)', async () => {
    const c = new RegistryClient({ url: registry.url });
    const page = await c.tagsPage(seed.manyTagsRepository, { n: 100 });
    assert.equal(page.items.length, 3000);
    assert.equal(page.next, undefined);
  });

  test('tags: 30 pages of 100 with relative Links through the proxy', async () => {
    proxy.options.absoluteLinks = false;
    proxy.options.linkAlways = false;
    const c = new RegistryClient({ url: proxy.url });
    const first = await c.tagsPage(seed.manyTagsRepository, { n: 100 });
    assert.deepEqual(first.items, seed.tags.slice(0, 100));
    const all = await c.allTags(seed.manyTagsRepository, 100);
    assert.deepEqual(all, seed.tags);
    assert.equal(c.requestCount, 31);
  });

  test('tags: absolute Links and a Link on the last page (Gitea) end cleanly', async () => {
    proxy.options.absoluteLinks = true;
    proxy.options.linkAlways = true;
    try {
      const c = new RegistryClient({ url: proxy.url });
      const all = await c.allTags(seed.manyTagsRepository, 500);
      assert.deepEqual(all, seed.tags);
      assert.ok(c.requestCount <= 8, `requests: ${c.requestCount}`);
    } finally {
      proxy.options.absoluteLinks = false;
      proxy.options.linkAlways = false;
    }
  });

  test('tags: a registry that ignores n but keeps sending the same Link does not loop', async () => {
    proxy.options.ignoreN = true;
    proxy.options.faults = [{ match: /tags\/list/, status: 200, headers: { link: `</v2/${seed.manyTagsRepository}/tags/list?n=10&last=v00009>; rel="next"` }, body: JSON.stringify({ name: seed.manyTagsRepository, tags: seed.tags.slice(0, 10) }) }];
    try {
      const c = new RegistryClient({ url: proxy.url });
      const all = await c.allTags(seed.manyTagsRepository, 10);
      assert.deepEqual(all, seed.tags.slice(0, 10));
      assert.ok(c.requestCount <= 3, `requests: ${c.requestCount}`);
    } finally {
      proxy.options.ignoreN = false;
      proxy.options.faults = [];
    }
  });
});
