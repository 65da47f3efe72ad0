// The CLI (`shipshape push|copy|sign|verify|generate-key-pair`) end to end: the bundled CLI as a
// child process, credentials from a Docker config.json, a real registry with Basic auth.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { makeOciLayout, type LayoutSummary } from '../helpers/registry/oci-layout';
import { ADMIN, startRegistry, type TestRegistry } from '../helpers/registry/registry';
import { writeDockerArchive } from './helpers/archives';
import { removeTempDirs, skopeoRaw, tempDir } from './helpers/env';
import { sharedPath } from '../helpers/sharedDir.cjs';

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
interface Run { code: number | null; stdout: string; stderr: string }

describe('shipshape push / copy / sign / verify (CLI)', () => {
  let registry: TestRegistry;
  let dir: string;
  let cli: string;
  let layout: LayoutSummary;
  let env: NodeJS.ProcessEnv;
  const PASSWORD = 'correct horse battery';

  const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}, input = ''): Promise<Run> => new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: dir, env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = ''; let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.stdin.end(input);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  before(async () => {
    dir = tempDir();
    cli = join(dir, 'cli.js');
    // Bundle the CLI from source so the test always exercises the current code.
    await esbuild.build({ entryPoints: [join(__dirname, '../../server/src/cli.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
    registry = await startRegistry('basic');
    layout = makeOciLayout(join(dir, 'layout'), { platforms: ['linux/amd64', 'linux/arm64'], layers: 1, layerKiB: 16, seed: 'h6-cli', tag: 'v1' });
    const dockerConfig = join(dir, 'docker');
    mkdirSync(dockerConfig);
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64') } } }));
    env = { PATH: process.env['PATH'], HOME: dir, DOCKER_CONFIG: dockerConfig, NO_COLOR: '1' };
  });
  after(async () => { await registry?.stop(); removeTempDirs(); });

  test('generate-key-pair writes cosign.key (encrypted) and cosign.pub', async () => {
    const r = await run(['generate-key-pair'], { COSIGN_PASSWORD: PASSWORD });
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'cosign.key'), 'utf8'), /^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----/);
    assert.match(readFileSync(join(dir, 'cosign.pub'), 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
    assert.ok(!readFileSync(join(dir, 'cosign.key'), 'utf8').includes(PASSWORD));
    const again = await run(['generate-key-pair'], { COSIGN_PASSWORD: PASSWORD });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists/);
  });

  test('push a layout with credentials from DOCKER_CONFIG; prints ref@digest', async () => {
    const r = await run(['push', 'layout', `${registry.host}/cli/app:v1`, '--image', 'v1']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), `${registry.host}/cli/app:v1@${layout.index.digest}`);
    assert.match(r.stderr, /uploaded/);
    assert.equal(sha(await skopeoRaw(registry, 'cli/app:v1')), layout.index.digest);
    const again = await run(['push', 'layout', `${registry.host}/cli/app:v1`, '--image', 'v1', '--format', 'json']);
    assert.equal(again.code, 0, again.stderr);
    const json = JSON.parse(again.stdout);
    assert.equal(json.digest, layout.index.digest);
    assert.equal(json.blobs.uploaded, 0);
    assert.equal(json.blobs.exists, 4);
  });

  test('push a docker-archive; copy it to another repository', async () => {
    writeDockerArchive(join(dir, 'layout'), layout.platforms[0]!.manifest, ['app:1'], join(dir, 'image.tar'));
    const pushed = await run(['push', 'image.tar', `${registry.host}/cli/archive:1`, '--format', 'json']);
    assert.equal(pushed.code, 0, pushed.stderr);
    const digest = JSON.parse(pushed.stdout).digest as string;
    assert.equal(sha(await skopeoRaw(registry, 'cli/archive:1')), digest);
    const copied = await run(['copy', `${registry.host}/cli/archive:1`, `${registry.host}/cli/copied:2`]);
    assert.equal(copied.code, 0, copied.stderr);
    assert.equal(copied.stdout.trim(), `${registry.host}/cli/copied:2@${digest}`);
    assert.match(copied.stderr, /mounted/);
  });

  test('verify before signing exits 1; sign (COSIGN_PASSWORD) then verify exits 0; wrong key exits 1', async () => {
    const before = await run(['verify', `${registry.host}/cli/app:v1`, '--key', 'cosign.pub']);
    assert.equal(before.code, 1);
    assert.match(before.stdout, /unsigned|no signatures/);
    const signed = await run(['sign', `${registry.host}/cli/app:v1`, '--key', 'cosign.key', '-a', 'team=platform'], { COSIGN_PASSWORD: PASSWORD });
    assert.equal(signed.code, 0, signed.stderr);
    assert.equal(signed.stdout.trim(), `${registry.host}/cli/app@${layout.index.digest}`);
    const verified = await run(['verify', `${registry.host}/cli/app:v1`, '--key', 'cosign.pub', '--format', 'json']);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    const json = JSON.parse(verified.stdout);
    assert.equal(json.verified, true);
    assert.equal(json.status, 'signed');
    assert.deepEqual(json.signatures[0].annotations, { team: 'platform' });
    writeFileSync(join(dir, 'other.pub'), readFileSync(sharedPath('fixtures/cosign/cosign-test.pub')));
    const wrong = await run(['verify', `${registry.host}/cli/app:v1`, '--key', 'other.pub']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /invalid/);
    assert.match(wrong.stdout, /does not match the public key/);
  });

  test('sign --recursive signs the index and every platform manifest', async () => {
    const r = await run(['sign', `${registry.host}/cli/app:v1`, '--key', 'cosign.key', '--recursive', '--referrer', 'never'], { COSIGN_PASSWORD: PASSWORD });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [layout.index.digest, ...layout.platforms.map((p) => p.manifest)].map((d) => `${registry.host}/cli/app@${d}`));
    for (const p of layout.platforms) {
      assert.equal((await run(['verify', `${registry.host}/cli/app@${p.manifest}`, '--key', 'cosign.pub'])).code, 0);
    }
  });

  test('password from standard input when not a terminal; a wrong password fails cleanly without echoing it', async () => {
    const viaStdin = await run(['sign', `${registry.host}/cli/archive:1`, '--key', 'cosign.key'], {}, `${PASSWORD}\n`);
    assert.equal(viaStdin.code, 0, viaStdin.stderr);
    const wrong = await run(['sign', `${registry.host}/cli/archive:1`, '--key', 'cosign.key'], { COSIGN_PASSWORD: 'not-the-password' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /wrong password/);
    assert.ok(!wrong.stderr.includes('not-the-password') && !wrong.stdout.includes('not-the-password'));
    const verified = await run(['verify', `${registry.host}/cli/archive:1`, '--key', 'cosign.pub']);
    assert.equal(verified.code, 0);
  });

  test('verifies a key from cosign\'s own test suite', async () => {
    writeFileSync(join(dir, 'fixture.key'), readFileSync(sharedPath('fixtures/cosign/keys_test-pemsigstorekey.key')));
    writeFileSync(join(dir, 'fixture.pub'), readFileSync(sharedPath('fixtures/testbed-generated/cosign-vector-1/public.pem')));
    const signed = await run(['sign', `${registry.host}/cli/copied:2`, '--key', 'fixture.key'], { COSIGN_PASSWORD: 'hello' });
    assert.equal(signed.code, 0, signed.stderr);
    assert.equal((await run(['verify', `${registry.host}/cli/copied:2`, '--key', 'fixture.pub'])).code, 0);
  });

  test('Ctrl-C (SIGINT) during a push: exit 130, the tag is not written', async () => {
    makeOciLayout(join(dir, 'big'), { platforms: ['linux/amd64'], layers: 1, layerKiB: 3072, seed: 'h6-cli-big', tag: 'big' });
    const child = spawn(process.execPath, [cli, 'push', 'big', `${registry.host}/cli/big:1`, '--image', 'big-linux-amd64', '--chunk-size', '16384'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (c) => {
      stderr += c;
      // The first finished blob (the small config) means the layer upload is under way.
      if (!interrupted && /sha256:\S+\s+uploaded/.test(stderr)) { interrupted = true; child.kill('SIGINT'); }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.ok(interrupted, stderr);
    assert.equal(code, 130, stderr);
    assert.match(stderr, /cancelled — nothing was tagged/);
    const check = await run(['verify', `${registry.host}/cli/big:1`, '--key', 'cosign.pub']);
    assert.match(check.stderr, /404|not found/, 'no tag was written');
  });

  test('errors: usage (2), missing layout, unknown image, missing credentials, unreachable registry (1)', async () => {
    assert.equal((await run(['push', 'layout'])).code, 2);
    assert.equal((await run(['push', 'layout', 'Bad Ref'])).code, 2);
    assert.equal((await run(['verify', `${registry.host}/cli/app:v1`])).code, 2);
    const missing = await run(['push', 'nope', `${registry.host}/cli/x:1`]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /does not exist/);
    const unknownTag = await run(['verify', `${registry.host}/cli/app:nope`, '--key', 'cosign.pub']);
    assert.equal(unknownTag.code, 1);
    assert.match(unknownTag.stderr, /404|not found/);
    const noCreds = await run(['push', 'layout', `${registry.host}/cli/x:1`, '--image', 'v1'], { DOCKER_CONFIG: join(dir, 'empty') });
    assert.equal(noCreds.code, 1);
    assert.match(noCreds.stderr, /401/);
    assert.ok(!existsSync(join(dir, 'empty')));
    const down = await run(['verify', '127.0.0.1:1/x:1', '--key', 'cosign.pub']);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /cannot connect|connection refused/);
  });
});

describe('CLI with .shipshape.yaml registry settings (TLS registry, private CA)', () => {
  let registry: TestRegistry;
  let dir: string;
  let cli: string;
  let env: NodeJS.ProcessEnv;
  const run = (args: string[], cwd: string): Promise<Run> => new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = ''; let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  before(async () => {
    dir = tempDir();
    cli = join(dir, 'cli.js');
    await esbuild.build({ entryPoints: [join(__dirname, '../../server/src/cli.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
    registry = await startRegistry('tls');
    makeOciLayout(join(dir, 'layout'), { platforms: ['linux/amd64'], layers: 1, layerKiB: 4, seed: 'h6-cli-tls', tag: 't' });
    mkdirSync(join(dir, 'docker'));
    writeFileSync(join(dir, 'docker', 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64') } } }));
    env = { PATH: process.env['PATH'], HOME: dir, DOCKER_CONFIG: join(dir, 'docker') };
    mkdirSync(join(dir, 'project'));
    writeFileSync(join(dir, 'project', 'ca.pem'), readFileSync(registry.caFile!));
    writeFileSync(join(dir, 'project', '.shipshape.yaml'), `registries:\n  - name: private\n    url: https://${registry.host}\n    caFile: ca.pem\n`);
  });
  after(async () => { await registry?.stop(); removeTempDirs(); });

  test('push uses the https URL and caFile from ./.shipshape.yaml (or --config); without them a readable failure', async () => {
    const ok = await run(['push', join(dir, 'layout'), `${registry.host}/tls/app:t`, '--image', 't-linux-amd64'], join(dir, 'project'));
    assert.equal(ok.code, 0, ok.stderr);
    const bare = await run(['push', join(dir, 'layout'), `${registry.host}/tls/app:t`, '--image', 't-linux-amd64'], dir);
    assert.equal(bare.code, 1);
    // Loopback without settings means plain http: a readable failure naming the registry.
    assert.match(bare.stderr, new RegExp(`shipshape push: .*${registry.host.replace('.', '\\.')}`));
    const explicit = await run(['push', join(dir, 'layout'), `${registry.host}/tls/app:t2`, '--image', 't-linux-amd64', '--config', join(dir, 'project', '.shipshape.yaml')], dir);
    assert.equal(explicit.code, 0, explicit.stderr);
    const broken = await run(['push', join(dir, 'layout'), `${registry.host}/tls/app:t`, '--config', join(dir, 'nope.yaml')], dir);
    assert.equal(broken.code, 2);
  });
});
