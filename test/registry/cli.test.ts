// `shipshape registry ls` end to end (the CLI process, run from source) against real registries:
// settings from .shipshape.yaml (caFile), credentials from a Docker config, first page vs --all.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { pushImage, seedScale } from '../helpers/registry/seed';

const run = promisify(execFile);
const CLI = resolve(__dirname, '../../server/src/cli.ts');
const TSX = require.resolve('tsx');

async function shipshape(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('shipshape registry ls', () => {
  let plain: TestRegistry;
  let tls: TestRegistry;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    [plain, tls] = await Promise.all([startRegistry('plain'), startRegistry('tls')]);
    seedScale(plain, { repos: 250, tags: 120, prefix: 'cli' });
    await pushImage(tls, 'secure/app', '2.0');
    dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
    mkdirSync(join(dir, 'docker'));
    writeFileSync(join(dir, 'docker', 'config.json'), JSON.stringify({ auths: { [tls.host]: { auth: Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64') } } }));
    writeFileSync(join(dir, '.shipshape.yaml'), `registries:\n  - name: secure\n    url: ${tls.url}\n    caFile: ${tls.caFile}\n`);
    env = { DOCKER_CONFIG: join(dir, 'docker'), HOME: dir };
  });
  after(async () => { await Promise.all([plain.stop(), tls.stop()]); rmSync(dir, { recursive: true, force: true }); });

  test('first page of repositories, then --all as JSON', async () => {
    const first = await shipshape(['registry', 'ls', plain.host], dir, env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout.trim().split('\n').length, 100);
    assert.match(first.stderr, /use --all/);
    const all = await shipshape(['registry', 'ls', plain.host, '--all', '--format', 'json'], dir, env);
    assert.equal(all.code, 0, all.stderr);
    const data = JSON.parse(all.stdout) as { list: string; items: { name: string }[]; next?: string };
    assert.equal(data.list, 'repositories');
    assert.equal(data.items.length, 251);
    assert.equal(data.next, undefined);
  });

  test('tags of a repository', async () => {
    const res = await shipshape(['registry', 'ls', `${plain.host}/cli/many-tags`, '--format', 'json'], dir, env);
    assert.equal(res.code, 0, res.stderr);
    const data = JSON.parse(res.stdout) as { list: string; items: { name: string }[] };
    assert.equal(data.list, 'tags');
    assert.equal(data.items.length, 120);
    assert.deepEqual(data.items.map((t) => t.name).sort(), Array.from({ length: 120 }, (_, i) => `v${String(i).padStart(5, '0')}`));
  });

  test('TLS registry with caFile from .shipshape.yaml and credentials from the Docker config', async () => {
    const res = await shipshape(['registry', 'ls', `${tls.host}/secure/app`], dir, env);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout.trim(), '2.0');
  });

  test('failures: exit 1 with the readable message; usage errors exit 2', async () => {
    const wrongScheme = await shipshape(['registry', 'ls', tls.host, '--config', 'none.yaml'], dir, env).catch(() => undefined);
    assert.equal(wrongScheme?.code, 2, 'a missing --config file is a usage error');
    const http = await shipshape(['registry', 'ls', tls.host], join(dir, 'docker'), env);
    assert.equal(http.code, 1);
    assert.match(http.stderr, /speaks https, not http: write the address as https:\/\/127\.0\.0\.1/);
    const noCreds = await shipshape(['registry', 'ls', tls.host], dir, { DOCKER_CONFIG: join(dir, 'none'), HOME: dir });
    assert.equal(noCreds.code, 1);
    assert.match(noCreds.stderr, /^shipshape: 401: credentials for 127\.0\.0\.1:\d+ were rejected or are missing/);
    const missing = await shipshape(['registry', 'ls', `${plain.host}/no/such`], dir, env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /404: not found .* listing tags of no\/such/);
    assert.equal((await shipshape(['registry', 'ls'], dir, env)).code, 2);
    assert.equal((await shipshape(['registry', 'ls', plain.host, '--format', 'xml'], dir, env)).code, 2);
    writeFileSync(join(dir, 'bad.yaml'), 'registries:\n  - url: x.example\n    password: hunter2\n');
    const bad = await shipshape(['registry', 'ls', plain.host, '--config', 'bad.yaml'], dir, env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"password" is not allowed here/);
    assert.doesNotMatch(bad.stderr, /hunter2/);
  });
});
