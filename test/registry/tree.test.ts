// The explorer's TreeDataProvider (client/src/registry/tree.ts) in Node against a real registry:
// registry → repository → tag → platforms/attachments, first page + "Load more…", a registry
// that ignores `n`, filter, sort by date from on-demand details, error nodes with retry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { installVscodeStub, stub } from './vscode-stub';
import { startProxy, type TestProxy } from '../helpers/registry/proxy';
import { startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { pushImage, seedScale } from '../helpers/registry/seed';
import type { LayoutSummary } from '../helpers/registry/oci-layout';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RegistryTreeProvider } = require('../../client/src/registry/tree') as typeof import('../../client/src/registry/tree');
type Node = import('../../client/src/registry/nodes').ExplorerNode;

const output = { appendLine: () => undefined } as never;
const label = (tree: InstanceType<typeof RegistryTreeProvider>, n: Node) => String(tree.getTreeItem(n).label);

describe('registry tree provider', () => {
  let registry: TestRegistry;
  let proxy: TestProxy;
  let image: LayoutSummary;
  before(async () => {
    registry = await startRegistry('plain');
    seedScale(registry, { repos: 130, tags: 250, prefix: 'tree' });
    image = await pushImage(registry, 'zz/app', '1.0');
    proxy = await startProxy({ upstream: registry.url });
  });
  after(async () => { await proxy.close(); await registry.stop(); });

  const badgeRequests: string[] = [];
  const makeTree = (url: string, extra: { url: string }[] = []) => new RegistryTreeProvider({
    credentials: { get: async () => undefined }, output, dockerHosts: () => [], settings: () => [{ name: 'local', url }, ...extra],
    signatureBadge: async (_client, repository, digest) => { badgeRequests.push(`${repository}@${digest}`); return { label: 'unsigned', detail: 'no signature found' }; },
  });

  test('repositories: first page of 100 then "Load more…"; the tag tree down to platforms and attachments', async () => {
    const tree = makeTree(registry.url);
    const [root] = await tree.getChildren();
    assert.equal(label(tree, root!), 'local');
    let repos = await tree.getChildren(root);
    assert.equal(repos.length, 101);
    assert.equal(repos[100]!.kind, 'loadMore');
    await tree.loadMore(root as never);
    repos = await tree.getChildren(root);
    assert.equal(repos.filter((n) => n.kind === 'repository').length, 132);
    assert.equal(repos.at(-1)!.kind, 'repository', 'no "Load more…" after the last page');
    const app = repos.find((n) => n.kind === 'repository' && n.name === 'zz/app')!;
    const [tag] = await tree.getChildren(app);
    assert.equal(label(tree, tag!), '1.0');
    assert.equal(tree.getTreeItem(tag!).description, '', 'no request per tag just for the description');
    const children = await tree.getChildren(tag);
    assert.deepEqual(children.map((n) => label(tree, n)), ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'signatures & attachments']);
    assert.match(String(tree.getTreeItem(tag!).description), new RegExp(`^${image.index.digest.slice(0, 19)} · \\d`));
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(badgeRequests, [`zz/app@${image.index.digest}`], 'signature badge asked once the digest is known');
    assert.match(String(tree.getTreeItem(tag!).description), / · unsigned$/);
    const attachments = await tree.getChildren(children[3]);
    assert.equal(label(tree, attachments[0]!), 'no signatures or attachments');
  });

  test('a registry that sends all 250 tags at once is shown 100 at a time, in name order', async () => {
    const tree = makeTree(registry.url);
    const [root] = await tree.getChildren();
    const repos = await tree.getChildren(root);
    const many = repos.find((n) => n.kind === 'repository' && n.name === 'tree/many-tags')!;
    let tags = await tree.getChildren(many);
    assert.equal(tags.length, 101);
    assert.deepEqual(tags.slice(0, 3).map((n) => label(tree, n)), ['v00000', 'v00001', 'v00002']);
    await tree.loadMore(many as never);
    await tree.loadMore(many as never);
    tags = await tree.getChildren(many);
    assert.equal(tags.length, 250);
  });

  test('paged tags through the proxy, filter that fetches until something matches, sort by date', async () => {
    const tree = makeTree(proxy.url);
    const [root] = await tree.getChildren();
    const repos = await tree.getChildren(root);
    const many = repos.find((n) => n.kind === 'repository' && n.name === 'tree/many-tags')!;
    const before = proxy.requests.length;
    const first = await tree.getChildren(many);
    assert.equal(first.length, 101);
    assert.equal(proxy.requests.length - before, 1, 'first page: one request');
    tree.filter = 'v0024*';
    tree.refresh(many);
    const filtered = await tree.getChildren(many);
    assert.deepEqual(filtered.filter((n) => n.kind === 'tag').map((n) => label(tree, n)), ['v00240', 'v00241', 'v00242', 'v00243', 'v00244', 'v00245', 'v00246', 'v00247', 'v00248', 'v00249']);
    tree.filter = undefined;
    tree.tagSort = 'date';
    await tree.loadTagDates(many);
    const byDate = (await tree.getChildren(many)).filter((n) => n.kind === 'tag');
    assert.equal(label(tree, byDate[0]!), 'v00249', 'newest first (created dates from the manifests)');
    assert.match(String(tree.getTreeItem(byDate[0]!).description), /sha256:[0-9a-f]{12} · .* ago$/);
    assert.equal(badgeRequests.filter((r) => r.startsWith('tree/many-tags@')).length, 0, 'no signature lookups for a bulk date load');
  });

  test('an unreachable registry is an error node; retry asks again', async () => {
    const tree = makeTree(registry.url, [{ url: '127.0.0.1:9' }]);
    const roots = await tree.getChildren();
    const down = roots[1]!;
    const children = await tree.getChildren(down);
    assert.equal(children.length, 1);
    const error = children[0]!;
    assert.equal(error.kind, 'message');
    assert.match(label(tree, error), /cannot connect to 127\.0\.0\.1:9 \(connection refused\) while listing repositories/);
    const item = tree.getTreeItem(error);
    assert.equal(item.contextValue, 'error');
    assert.deepEqual((item.command as { command: string }).command, 'shipshape.registry.retry');
    tree.refresh(error.kind === 'message' ? error.retry : undefined);
    assert.notEqual((await tree.getChildren(down))[0], error, 'fetched again');
  });

  test('untrusted workspace: no registry is contacted', async () => {
    stub.workspace.isTrusted = false;
    try {
      assert.deepEqual(await makeTree(registry.url).getChildren(), []);
    } finally {
      stub.workspace.isTrusted = true;
    }
  });
});
