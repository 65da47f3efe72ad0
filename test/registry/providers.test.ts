// Harbor (REST API v2.0) and Docker Hub (Hub API) providers against recorded-shape responses
// served from test/registry/fixtures by a local server that checks the requests like the real
// services would (auth, paging parameters, double-encoded Harbor repository names).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveRecordedApi, type RecordedApi } from '../helpers/registry/recordedApi';
import { createProvider, detectKind, parseRegistrySettings } from '../../server/src/registry/providers';
import { RegistryError } from '../../server/src/registry/errors';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const BASIC = 'Basic ' + Buffer.from('harbor-user:harbor-pass').toString('base64');


describe('Harbor provider', () => {
  let harbor: RecordedApi;
  before(async () => {
    harbor = await serveRecordedApi((req, url) => {
      if (req.headers.authorization !== BASIC) return { status: 401, body: '{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized"}]}' };
      const page = url.searchParams.get('page');
      const size = url.searchParams.get('page_size');
      const p = url.pathname;
      if (p === '/api/v2.0/projects') return { status: 200, body: fixture('harbor/projects-page1.json'), headers: { 'x-total-count': '2' } };
      if (p === '/api/v2.0/projects/library/repositories' && size === '2') return { status: 200, body: fixture(`harbor/repositories-library-page${page}.json`), headers: { 'x-total-count': '3' } };
      // Harbor wants "/" inside a repository name encoded twice: tools/jq → tools%252Fjq
      if (p === '/api/v2.0/projects/library/repositories/nginx/artifacts' && url.searchParams.get('with_tag') === 'true' && url.searchParams.get('with_accessory') === 'true') {
        return { status: 200, body: fixture('harbor/artifacts-library-nginx.json'), headers: { 'x-total-count': '3' } };
      }
      if (p === '/api/v2.0/projects/library/repositories/tools%252Fjq/artifacts') return { status: 200, body: '[]', headers: { 'x-total-count': '0' } };
      if (req.method === 'DELETE' && /^\/api\/v2\.0\/projects\/library\/repositories\/nginx\/artifacts\/sha256:a{64}\/tags\/1\.25$/.test(p)) return { status: 200 };
      return { status: 404, body: '{"errors":[{"code":"NOT_FOUND","message":"not found"}]}' };
    });
  });
  after(() => harbor.server.close());
  const provider = (secret = 'harbor-pass') => createProvider({ url: harbor.url, kind: 'harbor' }, { credentials: { get: async () => ({ username: 'harbor-user', secret, origin: { source: 'test', updateHint: 'test' } }) } });

  test('projects, then repositories in pages with X-Total-Count', async () => {
    const p = provider();
    assert.equal(p.hasProjects, true);
    const projects = await p.listProjects!();
    assert.deepEqual(projects.items.map((x) => [x.name, x.repositoryCount, x.public]), [['library', 3, true], ['team-a', 1, false]]);
    assert.equal(projects.next, undefined);
    const first = await p.listRepositories({ project: 'library', pageSize: 2 });
    assert.deepEqual(first.items.map((r) => r.name), ['library/nginx', 'library/tools/jq']);
    assert.equal(first.items[0]!.artifactCount, 3);
    assert.equal(first.next, '2');
    const second = await p.listRepositories({ project: 'library', pageSize: 2, cursor: first.next! });
    assert.deepEqual(second.items.map((r) => r.name), ['library/redis']);
    assert.equal(second.next, undefined);
  });

  test('tags from artifacts: digest, size, date, platforms, signature accessory, scan overview; untagged skipped', async () => {
    const tags = await provider().listTags('library/nginx');
    assert.deepEqual(tags.items.map((t) => t.name), ['latest', '1.25', '1.24']);
    const latest = tags.items[0]!;
    assert.equal(latest.digest, 'sha256:' + 'a'.repeat(64));
    assert.deepEqual(latest.platforms, ['linux/amd64', 'linux/arm64/v8']);
    assert.deepEqual(latest.accessories, [{ type: 'signature.cosign', digest: 'sha256:' + 'd'.repeat(64) }]);
    assert.deepEqual(latest.scan, { severity: 'High', status: 'Success', total: 12, fixable: 9, counts: { High: 2, Medium: 6, Low: 4 } });
    assert.deepEqual(latest.labels, ['prod']);
    assert.equal(tags.items[2]!.size, 50331648);
    assert.equal(tags.items[2]!.date, '2024-04-01T09:00:00.000Z');
    assert.deepEqual(tags.items[2]!.platforms, ['linux/amd64']);
    assert.deepEqual((await provider().listTags('library/tools/jq')).items, []);
  });

  test('untag through the artifact tags endpoint; wrong password is a readable 401', async () => {
    await provider().untag!('library/nginx', '1.25', 'sha256:' + 'a'.repeat(64));
    assert.ok(harbor.requests.some((r) => r.method === 'DELETE' && r.url.endsWith('/tags/1.25') && r.authorization === BASIC));
    const error = await provider('nope').listProjects!().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof RegistryError);
    assert.equal(error.kind, 'unauthorized');
    assert.match(error.message, /^401: credentials for 127\.0\.0\.1:\d+ were rejected .* listing Harbor projects/);
  });
});

describe('Docker Hub provider', () => {
  let hub: RecordedApi;
  before(async () => {
    hub = await serveRecordedApi((req, url) => {
      const p = url.pathname;
      if (req.method === 'POST' && p === '/v2/users/login') {
        return { status: 200, body: fixture('dockerhub/login.json') };
      }
      const authed = req.headers.authorization === 'Bearer eyJhbGciOiJSUzI1NiJ9.recorded.jwt';
      if (p === '/v2/namespaces/acme/repositories') {
        if (!authed) return { status: 401, body: '{"message":"authentication required"}' };
        return { status: 200, body: fixture(`dockerhub/repositories-page${url.searchParams.get('page') ?? '1'}.json`) };
      }
      if (p === '/v2/namespaces/acme/repositories/web/tags') return { status: 200, body: fixture('dockerhub/tags-web.json') };
      if (req.method === 'DELETE' && p === '/v2/namespaces/acme/repositories/web/tags/1.0' && authed) return { status: 204 };
      return { status: 404, body: '{"message":"object not found"}' };
    });
  });
  after(() => hub.server.close());
  const provider = (url = 'docker.io/acme') => createProvider({ url, kind: 'dockerhub' }, {
    dockerHubApi: hub.url, credentials: { get: async (host) => (host === 'docker.io' ? { username: 'acme', secret: 'hub-pat', origin: { source: 'test', updateHint: 'test' } } : undefined) },
  });

  test('a namespace\'s repositories through the Hub API, following "next" on the Hub host only', async () => {
    const p = provider();
    assert.equal(p.client.baseUrl.href, 'https://registry-1.docker.io/');
    const first = await p.listRepositories({ pageSize: 2 });
    assert.deepEqual(first.items.map((r) => [r.name, r.pullCount]), [['acme/api', 1200], ['acme/web', 98000]]);
    assert.equal(first.next, '/v2/namespaces/acme/repositories?page=2&page_size=2');
    const second = await p.listRepositories({ cursor: first.next! });
    assert.deepEqual(second.items.map((r) => r.name), ['acme/worker']);
    assert.equal(second.next, undefined);
    assert.equal(hub.requests.filter((r) => r.url === '/v2/users/login').length, 1, 'one login, reused');
  });

  test('tags with digest, size, push date and platforms (attestations left out)', async () => {
    const tags = await provider().listTags('acme/web');
    assert.deepEqual(tags.items.map((t) => [t.name, t.digest?.slice(7, 9), t.size, t.date, t.platforms]), [
      ['latest', '99', 7000000, '2024-06-02T12:00:00Z', ['linux/amd64', 'linux/arm/v7']],
      ['1.0', '44', 6900000, '2024-05-02T12:00:00Z', ['linux/amd64']],
    ]);
  });

  test('untag via the Hub API; manifest delete is refused with a reason', async () => {
    await provider().untag!('acme/web', '1.0', '');
    assert.ok(hub.requests.some((r) => r.method === 'DELETE' && r.url.endsWith('/tags/1.0')));
    await assert.rejects(provider().deleteManifest('acme/web', 'sha256:' + '4'.repeat(64)), /Docker Hub does not allow deleting manifests/);
  });
});

describe('kinds and settings', () => {
  test('kind from the host name', () => {
    assert.deepEqual(['docker.io/library', 'ghcr.io/o/a', 'quay.io/x', 'registry.gitlab.com/g/p', '123.dkr.ecr.eu-west-1.amazonaws.com', 'me.azurecr.io', 'europe-docker.pkg.dev/p/r', 'gcr.io/p', 'harbor.example.com', 'localhost:5000'].map(detectKind),
      ['dockerhub', 'ghcr', 'quay', 'gitlab', 'ecr', 'acr', 'gcr', 'gcr', 'generic', 'generic']);
  });
  test('settings entries are validated and never carry secrets', () => {
    assert.deepEqual(parseRegistrySettings({ url: 'h.example', kind: 'harbor', insecure: true, caFile: '/ca.pem', name: 'H' }, 'x'), { url: 'h.example', kind: 'harbor', insecure: true, caFile: '/ca.pem', name: 'H' });
    assert.match(String(parseRegistrySettings({ url: 'h.example', kind: 'nexus' }, 'x')), /"kind" must be one of generic, dockerhub/);
    assert.match(String(parseRegistrySettings({ url: 'h.example', password: 'p' }, 'x')), /"password" is not allowed/);
    assert.match(String(parseRegistrySettings({}, 'x')), /"url" is required/);
  });
});
