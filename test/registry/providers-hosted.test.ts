// Quay (API v1), GHCR (GitHub Packages REST API) and GitLab (API v4) providers against
// recorded-shape responses served from test/registry/fixtures/{quay,ghcr,gitlab} by a local server
// that checks requests like the real services would (auth header, paging parameters, URL-encoded
// names). The same server answers the OCI `/v2/` API for the fallbacks. A fake transport checks
// which hosts the credentials go to for the real host names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveRecordedApi, type RecordedAnswer, type RecordedApi } from '../helpers/registry/recordedApi';
import type { IncomingMessage } from 'node:http';
import type { ResolvedCredential } from '../../server/src/credentials/types';
import { runRegistry } from '../../server/src/cli/registryCommand';
import { RegistryError } from '../../server/src/registry/errors';
import { createProvider, type ProviderOptions } from '../../server/src/registry/providers';
import { gitlabApiBase } from '../../server/src/registry/providers/gitlab';
import type { Transport } from '../../server/src/registry/transport';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const digest = (c: string) => 'sha256:' + c.repeat(64);
const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');


function credentialsFor(host: string, username: string | undefined, secret: string | undefined) {
  return { get: async (h: string): Promise<ResolvedCredential | undefined> => (h === host && (username || secret) ? { ...(username ? { username } : {}), ...(secret ? { secret } : {}), origin: { source: 'test config', updateHint: 'docker login' } } : undefined) };
}

/** OCI side of the local server: Basic challenge, then catalog / tags list. */
function oci(req: IncomingMessage, url: URL, accepted: string[], catalog: string[], tags: Record<string, string[]>): RecordedAnswer | undefined {
  if (!url.pathname.startsWith('/v2/')) return undefined;
  if (!accepted.includes(req.headers.authorization ?? '')) return { status: 401, headers: { 'www-authenticate': 'Basic realm="registry"' }, body: '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}' };
  if (url.pathname === '/v2/_catalog') return { status: 200, body: JSON.stringify({ repositories: catalog }) };
  const m = url.pathname.match(/^\/v2\/(.+)\/tags\/list$/);
  if (m && tags[m[1]!]) return { status: 200, body: JSON.stringify({ name: m[1], tags: tags[m[1]!] }) };
  return { status: 404, body: '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}' };
}

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
  return error;
}

// ------------------------------------------------------------------------------------ Quay

describe('Quay provider (API v1)', () => {
  const TOKEN = 'quay-oauth-token';
  let quay: RecordedApi;
  before(async () => {
    quay = await serveRecordedApi((req, url) => {
      const auth = req.headers.authorization;
      const fromOci = oci(req, url, [basic('acme+ci', 'robot-secret'), basic('$oauthtoken', 'revoked')], ['acme/api', 'acme/web', 'other/thing'], { 'acme/web': ['1.0', 'latest'] });
      if (fromOci) return fromOci;
      if (auth && auth !== `Bearer ${TOKEN}`) return { status: 401, body: fixture('quay/error-unauthorized.json') };
      const p = url.pathname;
      if (p === '/api/v1/user/') return auth ? { status: 200, body: fixture('quay/user.json') } : { status: 401, body: fixture('quay/error-unauthorized.json') };
      if (p === '/api/v1/repository' && url.searchParams.get('namespace') === 'acme') {
        if (!auth && url.searchParams.get('public') !== 'true') return { status: 400, body: '{"detail":"namespace, starred or public required"}' };
        const second = url.searchParams.get('next_page') === 'gAAAAABmXrecordedNextPageToken_1==';
        return { status: 200, body: fixture(`quay/repositories-acme-page${second ? 2 : 1}.json`) };
      }
      if (p === '/api/v1/repository/acme/web/tag/' && url.searchParams.get('onlyActiveTags') === 'true' && url.searchParams.get('limit')) {
        return { status: 200, body: fixture(`quay/tags-acme-web-page${url.searchParams.get('page') ?? '1'}.json`) };
      }
      return { status: 404, body: '{"detail":"Not Found","error_message":"Not Found","status":404}' };
    });
  });
  after(() => quay.server.close());
  const provider = (path: string, username?: string, secret?: string, warnings: string[] = []) =>
    createProvider({ url: `${quay.url}${path}`, kind: 'quay' }, { credentials: credentialsFor(quay.host, username, secret), onWarning: (m) => warnings.push(m), retries: 0 });

  test('OAuth token: the user\'s namespaces, then a namespace\'s repositories in two pages (next_page token), Bearer sent', async () => {
    const p = provider('', '$oauthtoken', TOKEN);
    assert.equal(p.hasProjects, true, 'no namespace in the URL: namespaces first');
    assert.equal(provider('/acme').hasProjects, false);
    const projects = await p.listProjects!();
    assert.deepEqual(projects.items.map((x) => x.name), ['alice', 'acme']);
    const first = await p.listRepositories({ project: 'acme', pageSize: 100 });
    assert.deepEqual(first.items.map((r) => [r.name, r.updated]), [['acme/api', '2024-06-01T12:00:00.000Z'], ['acme/web', '2024-06-02T12:00:00.000Z']]);
    assert.equal(first.items[0]!.description, 'REST API server');
    assert.equal(first.next, 'api:gAAAAABmXrecordedNextPageToken_1==');
    const second = await p.listRepositories({ project: 'acme', cursor: first.next! });
    assert.deepEqual(second.items.map((r) => r.name), ['acme/worker']);
    assert.equal(second.next, undefined);
    const apiRequests = quay.requests.filter((r) => r.url.startsWith('/api/'));
    assert.ok(apiRequests.length >= 3 && apiRequests.every((r) => r.authorization === `Bearer ${TOKEN}`));
  });

  test('tags with digest, size and date; has_additional → next page', async () => {
    const p = provider('/acme', '$oauthtoken', TOKEN);
    const first = await p.listTags('acme/web');
    assert.deepEqual(first.items, [
      { name: 'latest', digest: digest('a'), date: '2024-06-02T12:00:00.000Z' },
      { name: '1.1', digest: digest('a'), date: '2024-06-02T12:00:00.000Z' },
    ]);
    assert.equal(first.next, 'api:2');
    const second = await p.listTags('acme/web', { cursor: first.next! });
    assert.deepEqual(second.items, [{ name: '1.0', digest: digest('b'), size: 31457280, date: '2024-05-02T12:00:00.000Z' }]);
    assert.equal(second.next, undefined);
  });

  test('no credentials: public repositories of the URL\'s namespace, no Authorization header at all', async () => {
    const before = quay.requests.length;
    const p = provider('/acme');
    const page = await p.listRepositories();
    assert.equal(page.items.length, 2);
    assert.equal((await p.listTags('acme/web')).items.length, 2);
    const sent = quay.requests.slice(before);
    assert.ok(sent.some((r) => r.url.includes('public=true')));
    assert.ok(sent.every((r) => r.authorization === undefined));
  });

  test('CLI: `registry ls HOST/NAMESPACE --kind quay` lists the namespace\'s repositories, not tags', async () => {
    const saved = process.env['DOCKER_CONFIG'];
    process.env['DOCKER_CONFIG'] = mkdtempSync(join(tmpdir(), 'shipshape-no-docker-config-'));
    try {
      let out = '';
      const code = await runRegistry(['ls', `${quay.url}/acme`, '--kind', 'quay', '--format', 'json', '--all'], { stdout: (t) => { out += t; }, stderr: () => undefined, cwd: process.cwd(), isTty: false, version: 'test', readStdin: () => '' });
      assert.equal(code, 0);
      const result = JSON.parse(out) as { list: string; items: { name: string }[] };
      assert.equal(result.list, 'repositories');
      assert.deepEqual(result.items.map((i) => i.name), ['acme/api', 'acme/web', 'acme/worker'], 'both pages with --all');
    } finally {
      if (saved === undefined) delete process.env['DOCKER_CONFIG']; else process.env['DOCKER_CONFIG'] = saved;
    }
  });

  test('no namespace in the URL and no OAuth token: a clear "namespace needed" error', async () => {
    const error = await rejection(provider('').listProjects!());
    assert.equal(error.kind, 'bad-request');
    assert.match(error.message, /add the registry as 127\.0\.0\.1:\d+\/NAMESPACE/);
    await assert.rejects(provider('').listRepositories(), /NAMESPACE/);
  });

  test('robot account (Basic): never sent to the API; OCI catalog filtered to the namespace, tags/list, one warning', async () => {
    const warnings: string[] = [];
    const before = quay.requests.length;
    const p = provider('', 'acme+ci', 'robot-secret', warnings);
    assert.deepEqual((await p.listProjects!()).items, [{ name: 'acme' }]);
    const repos = await p.listRepositories({ project: 'acme' });
    assert.deepEqual(repos.items.map((r) => r.name), ['acme/api', 'acme/web']);
    assert.deepEqual((await p.listTags('acme/web')).items, [{ name: '1.0' }, { name: 'latest' }]);
    const sent = quay.requests.slice(before);
    assert.ok(!sent.some((r) => r.url.startsWith('/api/')), 'no API request with robot credentials');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /OAuth tokens only .* registry catalog/);
  });

  test('OAuth token refused (401): falls back to the registry catalog with a warning, tree does not fail', async () => {
    const warnings: string[] = [];
    const p = provider('/acme', '$oauthtoken', 'revoked', warnings);
    const repos = await p.listRepositories();
    assert.deepEqual(repos.items.map((r) => r.name), ['acme/api', 'acme/web']);
    assert.deepEqual((await p.listTags('acme/web')).items.map((t) => t.name), ['1.0', 'latest']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /refused the OAuth token \(401\)/);
    assert.ok(!warnings[0]!.includes('revoked'));
  });
});

// ------------------------------------------------------------------------------------ GHCR

describe('GHCR provider (GitHub Packages API)', () => {
  const PAT = 'ghp_recordedPersonalAccessToken';
  let gh: RecordedApi;
  before(async () => {
    gh = await serveRecordedApi((req, url) => {
      const fromOci = oci(req, url, ['', basic('alice', PAT), basic('alice', 'ghp_noscope'), basic('alice', 'ghp_bad')], [], { 'acme/web': ['1.0', '1.1', 'latest'] });
      if (fromOci) return fromOci;
      const auth = req.headers.authorization;
      if (auth === 'Bearer ghp_bad' || !auth) return { status: 401, body: fixture('ghcr/error-bad-credentials.json') };
      if (auth === 'Bearer ghp_noscope') return { status: 403, body: fixture('ghcr/error-forbidden.json') };
      if (auth !== `Bearer ${PAT}`) return { status: 401, body: fixture('ghcr/error-bad-credentials.json') };
      const p = url.pathname;
      const q = url.searchParams;
      if (p === '/orgs/acme/packages' && q.get('package_type') === 'container') {
        if (q.get('page') === '2') return { status: 200, body: fixture('ghcr/packages-acme-page2.json'), headers: { link: `<${gh.url}/orgs/acme/packages?package_type=container&per_page=2&page=1>; rel="prev", <${gh.url}/orgs/acme/packages?package_type=container&per_page=2&page=1>; rel="first"` } };
        // A next link naming another host: only its path may be used, on the API host.
        return { status: 200, body: fixture('ghcr/packages-acme-page1.json'), headers: { link: '<https://evil.invalid/orgs/acme/packages?package_type=container&per_page=2&page=2>; rel="next", <https://evil.invalid/orgs/acme/packages?package_type=container&per_page=2&page=2>; rel="last"' } };
      }
      if (p === '/orgs/bob/packages') return { status: 404, body: '{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}' };
      if (p === '/users/bob/packages') return { status: 200, body: '[]' };
      if (p === '/orgs/acme/packages/container/web/versions' && q.get('per_page')) return { status: 200, body: fixture('ghcr/versions-acme-web.json') };
      if (p === '/orgs/acme/packages/container/tools%2Fjq/versions') return { status: 200, body: fixture('ghcr/versions-acme-tools-jq.json') };
      return { status: 404, body: '{"message":"Not Found"}' };
    });
  });
  after(() => gh.server.close());
  const provider = (path: string, secret: string | null = PAT, warnings: string[] = []) =>
    createProvider({ url: `${gh.url}${path}`, kind: 'ghcr' }, { apiUrl: gh.url, credentials: credentialsFor(gh.host, secret ? 'alice' : undefined, secret ?? undefined), onWarning: (m) => warnings.push(m), retries: 0 });

  test('an organization\'s container packages in two pages (Link), Bearer PAT sent, cursor stays on the API host', async () => {
    const before = gh.requests.length;
    const p = provider('/acme');
    const first = await p.listRepositories({ pageSize: 2 });
    assert.deepEqual(first.items.map((r) => [r.name, r.artifactCount, r.updated]), [['acme/api', 4, '2024-06-01T08:00:00Z'], ['acme/tools/jq', 2, '2024-05-20T08:00:00Z']]);
    assert.equal(first.items[0]!.description, 'API service');
    assert.equal(first.next, 'api:/orgs/acme/packages?package_type=container&per_page=2&page=2');
    const second = await p.listRepositories({ cursor: first.next! });
    assert.deepEqual(second.items.map((r) => r.name), ['acme/web']);
    assert.equal(second.next, undefined);
    const sent = gh.requests.slice(before);
    assert.deepEqual(sent.map((r) => r.url), ['/orgs/acme/packages?package_type=container&per_page=2', '/orgs/acme/packages?package_type=container&per_page=2&page=2']);
    assert.ok(sent.every((r) => r.authorization === `Bearer ${PAT}`));
  });

  test('owner that is not an organization: /orgs 404, then /users', async () => {
    const page = await provider('/bob').listRepositories();
    assert.deepEqual(page.items, []);
    assert.ok(gh.requests.some((r) => r.url.startsWith('/users/bob/packages')));
  });

  test('versions → tags with digest and date; untagged versions skipped; "/" in a package name URL-encoded', async () => {
    const p = provider('/acme');
    const tags = await p.listTags('acme/web');
    assert.deepEqual(tags.items, [
      { name: 'latest', digest: digest('c'), date: '2024-06-02T12:00:00Z' },
      { name: '1.1', digest: digest('c'), date: '2024-06-02T12:00:00Z' },
      { name: '1.0', digest: digest('d'), date: '2024-05-02T12:00:00Z' },
    ]);
    assert.deepEqual((await p.listTags('acme/tools/jq')).items.map((t) => t.name), ['1.7']);
  });

  test('token without read:packages (403): tags fall back to the registry API with a readable warning', async () => {
    const warnings: string[] = [];
    const p = provider('/acme', 'ghp_noscope', warnings);
    assert.deepEqual((await p.listTags('acme/web')).items, [{ name: '1.0' }, { name: '1.1' }, { name: 'latest' }]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /GitHub packages API refused .* \(403\).*read:packages/);
    const error = await rejection(p.listRepositories());
    assert.equal(error.kind, 'forbidden');
    assert.match(error.message, /read:packages/);
    assert.match(error.message, /add the registry as 127\.0\.0\.1:\d+\/acme\/IMAGE/);
    assert.ok(!error.message.includes('ghp_'), 'no token in the message');
  });

  test('rejected token (401): readable error for the listing, no token in it', async () => {
    const error = await rejection(provider('/acme', 'ghp_bad').listRepositories());
    assert.equal(error.kind, 'unauthorized');
    assert.match(error.message, /^401: credentials for 127\.0\.0\.1:\d+ were rejected .*GitHub API.*Bad credentials.*read:packages/);
    assert.ok(!error.message.includes('ghp_bad'));
  });

  test('no credentials: no API request; tags through the registry, listing asks for a token', async () => {
    const warnings: string[] = [];
    const before = gh.requests.length;
    const p = provider('/acme', null, warnings);
    assert.deepEqual((await p.listTags('acme/web')).items.map((t) => t.name), ['1.0', '1.1', 'latest']);
    assert.match(warnings[0]!, /no GitHub token/);
    await assert.rejects(p.listRepositories(), /needs a GitHub token.*read:packages/);
    const sent = gh.requests.slice(before);
    assert.ok(sent.every((r) => r.url.startsWith('/v2/') && r.authorization === undefined));
  });

  test('"Add Registry" check of ghcr.io/OWNER: listTags(owner) checks the package listing, no tags', async () => {
    const before = gh.requests.length;
    assert.deepEqual(await provider('/acme').listTags('acme'), { items: [] });
    assert.ok(gh.requests.slice(before).some((r) => r.url.startsWith('/orgs/acme/packages?')));
    await assert.rejects(provider('/acme', 'ghp_bad').listTags('acme'), /401: credentials/);
  });

  test('owner missing in the URL: a clear error; ghcr.io/OWNER/IMAGE opens one package', async () => {
    const error = await rejection(provider('').listRepositories());
    assert.equal(error.kind, 'bad-request');
    assert.match(error.message, /add the registry as 127\.0\.0\.1:\d+\/OWNER/);
    assert.deepEqual((await provider('/acme/web').listRepositories()).items, [{ name: 'acme/web' }]);
  });
});

// ------------------------------------------------------------------------------------ GitLab

describe('GitLab provider (API v4)', () => {
  const TOKEN = 'glpat-recordedAccessToken';
  let gl: RecordedApi;
  before(async () => {
    gl = await serveRecordedApi((req, url) => {
      const fromOci = oci(req, url, [basic('gitlab+deploy-token-1', 'deploy-secret'), basic('alice', 'glpat-bad')], [], { 'acme/web': ['1.0', 'latest', 'main'] });
      if (fromOci) return fromOci;
      const auth = req.headers.authorization;
      if (auth && auth !== `Bearer ${TOKEN}`) return { status: 401, body: fixture('gitlab/error-unauthorized.json') };
      const p = url.pathname;
      const q = url.searchParams;
      if (p === '/api/v4/groups' && q.get('min_access_level') === '10') return auth ? { status: 200, body: fixture('gitlab/groups.json'), headers: { 'x-next-page': '' } } : { status: 401, body: fixture('gitlab/error-unauthorized.json') };
      if (p === '/api/v4/groups/acme/registry/repositories' && q.get('tags_count') === 'true') {
        const page = q.get('page') ?? '1';
        return { status: 200, body: fixture(`gitlab/group-acme-repositories-page${page}.json`), headers: { 'x-page': page, 'x-total-pages': '2', 'x-next-page': page === '1' ? '2' : '' } };
      }
      if (p === '/api/v4/projects/acme%2Fweb/registry/repositories') return { status: 200, body: fixture('gitlab/project-acme-web-repositories.json'), headers: { 'x-next-page': '' } };
      if (p === '/api/v4/projects/7/registry/repositories/11/tags') {
        if (q.get('page') === '2') return { status: 200, body: fixture('gitlab/tags-acme-web-page2.json') };
        return { status: 200, body: fixture('gitlab/tags-acme-web-page1.json'), headers: { link: `<https://gitlab.example.invalid/api/v4/projects/7/registry/repositories/11/tags?page=2&per_page=${q.get('per_page')}>; rel="next"`, 'x-next-page': '2' } };
      }
      const tag = p.match(/^\/api\/v4\/projects\/7\/registry\/repositories\/11\/tags\/([^/]+)$/);
      if (tag) return { status: 200, body: fixture(`gitlab/tag-acme-web-${decodeURIComponent(tag[1]!)}.json`) };
      if (p.startsWith('/api/v4/groups/')) return { status: 404, body: fixture('gitlab/error-group-not-found.json') };
      return { status: 404, body: '{"message":"404 Project Not Found"}' };
    });
  });
  after(() => gl.server.close());
  const provider = (path: string, username?: string, secret?: string, warnings: string[] = []) =>
    createProvider({ url: `${gl.url}${path}`, kind: 'gitlab' }, { apiUrl: `${gl.url}/api/v4`, credentials: credentialsFor(gl.host, username, secret), onWarning: (m) => warnings.push(m), retries: 0 });

  test('a group\'s registry repositories in two pages (X-Next-Page), Bearer token sent', async () => {
    const before = gl.requests.length;
    const p = provider('/acme', 'alice', TOKEN);
    const first = await p.listRepositories({ pageSize: 2 });
    assert.deepEqual(first.items.map((r) => [r.name, r.artifactCount]), [['acme/web', 3], ['acme/web/cache', 1]]);
    assert.equal(first.next, 'api:/api/v4/groups/acme/registry/repositories?per_page=2&tags_count=true&page=2');
    const second = await p.listRepositories({ cursor: first.next! });
    assert.deepEqual(second.items.map((r) => r.name), ['acme/api']);
    assert.equal(second.next, undefined);
    const sent = gl.requests.slice(before);
    assert.ok(sent.length === 2 && sent.every((r) => r.authorization === `Bearer ${TOKEN}`));
  });

  test('tags with digest, size and date from the tag details; Link paging kept on the API host', async () => {
    const p = provider('/acme', 'alice', TOKEN);
    await p.listRepositories();
    const first = await p.listTags('acme/web', { pageSize: 2 });
    assert.deepEqual(first.items, [
      { name: '1.0', digest: digest('1'), size: 50331648, date: '2024-05-02T12:00:00.000+00:00' },
      { name: 'latest', digest: digest('2'), size: 52428800, date: '2024-06-02T12:00:00.000+00:00' },
    ]);
    assert.equal(first.next, 'api:/api/v4/projects/7/registry/repositories/11/tags?page=2&per_page=2');
    const second = await p.listTags('acme/web', { cursor: first.next! });
    assert.deepEqual(second.items.map((t) => [t.name, t.size]), [['main', 52428801]]);
    assert.equal(second.next, undefined);
  });

  test('a project URL: project listing first; tags of a repository not listed yet are found through its project', async () => {
    const p = provider('/acme/web', 'alice', TOKEN);
    // acme/web/cache: project "acme/web/cache" (404) is tried before "acme/web", whose list has it
    // (repository 12, whose tags are not recorded: a readable 404).
    const error = await rejection(p.listTags('acme/web/cache'));
    assert.equal(error.kind, 'not-found');
    assert.ok(gl.requests.some((r) => r.url.startsWith('/api/v4/projects/7/registry/repositories/12/tags')));
    const page = await provider('/acme/web', 'alice', TOKEN).listRepositories();
    assert.deepEqual(page.items.map((r) => r.name), ['acme/web', 'acme/web/cache']);
    assert.ok(gl.requests.some((r) => r.url.startsWith('/api/v4/projects/acme%2Fweb%2Fcache/registry/repositories')), 'longest project prefix tried first');
    assert.ok(!gl.requests.some((r) => r.url.startsWith('/api/v4/groups/acme%2Fweb')), 'a two-segment path is a project first');
    const fresh = await provider('/acme/web', 'alice', TOKEN).listTags('acme/web', { pageSize: 2 });
    assert.equal(fresh.items[1]!.digest, digest('2'));
  });

  test('"Add Registry" check of a group/project URL: listTags(path) checks the listing when the path is no repository', async () => {
    assert.equal(provider('/acme', 'alice', TOKEN).hasProjects, false);
    assert.deepEqual(await provider('/acme', 'alice', TOKEN).listTags('acme'), { items: [] });
    const error = await rejection(provider('/nope/missing', 'alice', TOKEN).listTags('nope/missing'));
    assert.equal(error.kind, 'not-found');
    assert.match(error.message, /no GitLab group or project "nope\/missing" is visible to this token/);
  });

  test('no path in the URL: groups with a token, a clear "group needed" error without', async () => {
    const p = provider('', 'alice', TOKEN);
    assert.deepEqual((await p.listProjects!()).items.map((g) => g.name), ['acme', 'acme/platform']);
    const error = await rejection(provider('').listProjects!());
    assert.equal(error.kind, 'bad-request');
    assert.match(error.message, /add the registry as 127\.0\.0\.1:\d+\/GROUP or .*\/GROUP\/PROJECT/);
  });

  test('anonymous: public group listed without an Authorization header', async () => {
    const before = gl.requests.length;
    const page = await provider('/acme').listRepositories({ pageSize: 2 });
    assert.equal(page.items.length, 2);
    assert.ok(gl.requests.slice(before).every((r) => r.authorization === undefined));
  });

  test('rejected token (401): the path opens as one repository, tags from the registry API, with warnings', async () => {
    const warnings: string[] = [];
    const p = provider('/acme/web', 'alice', 'glpat-bad', warnings);
    assert.deepEqual((await p.listRepositories()).items, [{ name: 'acme/web' }]);
    assert.deepEqual((await p.listTags('acme/web')).items.map((t) => t.name), ['1.0', 'latest', 'main']);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /^401: credentials for .* were rejected .*GitLab API.*read_api.*as one repository/);
    assert.ok(warnings.every((w) => !w.includes('glpat-bad')));
  });

  test('deploy token: never sent to the API; registry API only', async () => {
    const warnings: string[] = [];
    const before = gl.requests.length;
    const p = provider('/acme/web', 'gitlab+deploy-token-1', 'deploy-secret', warnings);
    assert.deepEqual((await p.listRepositories()).items, [{ name: 'acme/web' }]);
    assert.equal((await p.listTags('acme/web')).items.length, 3);
    assert.ok(gl.requests.slice(before).every((r) => r.url.startsWith('/v2/')));
    assert.match(warnings[0]!, /deploy token cannot list through the GitLab API/);
  });

  test('API host from the registry host', () => {
    assert.equal(gitlabApiBase(new URL('https://registry.gitlab.com')), 'https://gitlab.com/api/v4');
    assert.equal(gitlabApiBase(new URL('https://registry.example.org')), 'https://example.org/api/v4');
    assert.equal(gitlabApiBase(new URL('https://gitlab.example.org:5050')), 'https://gitlab.example.org/api/v4');
  });
});

// ------------------------------------------------------------------------- where credentials go

describe('credentials go to the vendor API host only', () => {
  /** Records every request; answers 200 with `body` and an optional foreign next link. */
  function recorder(body: string, link?: string) {
    const seen: { host: string; path: string; authorization?: string }[] = [];
    const transport: Transport = async (req) => {
      seen.push({ host: req.url.host, path: req.url.pathname + req.url.search, ...(req.headers['authorization'] ? { authorization: req.headers['authorization'] } : {}) });
      return { status: 200, headers: { 'content-type': 'application/json', ...(link ? { link } : {}) }, body: Buffer.from(body), url: req.url };
    };
    return { seen, transport };
  }
  const options = (host: string, username: string, secret: string, transport: Transport): ProviderOptions => ({ credentials: credentialsFor(host, username, secret), transport, retries: 0 });

  test('ghcr.io → api.github.com, also for a next link naming another host', async () => {
    const { seen, transport } = recorder('[]', '<https://evil.example/orgs/acme/packages?page=2>; rel="next"');
    const p = createProvider({ url: 'ghcr.io/acme' }, options('ghcr.io', 'alice', 'ghp_x', transport));
    assert.equal(p.kind, 'ghcr');
    const first = await p.listRepositories();
    await p.listRepositories({ cursor: first.next! });
    assert.deepEqual(seen.map((s) => [s.host, s.authorization]), [['api.github.com', 'Bearer ghp_x'], ['api.github.com', 'Bearer ghp_x']]);
    assert.equal(seen[1]!.path, '/orgs/acme/packages?page=2');
  });

  test('registry.gitlab.com → gitlab.com; registry.example.org → example.org', async () => {
    for (const [url, host] of [['registry.gitlab.com/acme', 'gitlab.com'], ['registry.example.org/acme', 'example.org']] as const) {
      const { seen, transport } = recorder('[]');
      const p = createProvider({ url, kind: 'gitlab' }, options(url.split('/')[0]!, 'alice', 'glpat-x', transport));
      await p.listRepositories();
      assert.deepEqual(seen.map((s) => [s.host, s.path.split('?')[0], s.authorization]), [[host, '/api/v4/groups/acme/registry/repositories', 'Bearer glpat-x']]);
    }
  });

  test('quay.io → quay.io (the API is on the registry host)', async () => {
    const { seen, transport } = recorder('{"repositories":[]}');
    const p = createProvider({ url: 'quay.io/acme' }, options('quay.io', '$oauthtoken', 'tok', transport));
    assert.equal(p.kind, 'quay');
    await p.listRepositories();
    assert.deepEqual(seen.map((s) => [s.host, s.path, s.authorization]), [['quay.io', '/api/v1/repository?namespace=acme&last_modified=true', 'Bearer tok']]);
  });
});
