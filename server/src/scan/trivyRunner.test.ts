// The runner against stand-in `trivy` executables written by the test: one replays a real Trivy
// report (and records the argv and credential env it got), one fails like Trivy does, one hangs.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { TRIVY_FIXTURES } from './fixtures.testutil';
import { configScanArgs, findTrivy, fsScanArgs, imageScanArgs, runTrivy, scanWithTrivy, TrivyError, trivyCredentialEnv } from './trivyRunner';

let dir: string;
let replay: string;
let failing: string;
let hanging: string;

async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!${process.execPath}\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-trivy-'));
  replay = await script('trivy', `
const fs = require('node:fs');
fs.writeFileSync(require('node:path').join(__dirname, 'call.json'), JSON.stringify({ argv: process.argv.slice(2), user: process.env.TRIVY_USERNAME, pass: process.env.TRIVY_PASSWORD, token: process.env.TRIVY_REGISTRY_TOKEN }));
process.stderr.write('2026-01-01T00:00:00Z\\tINFO\\tVulnerability scanning is enabled\\n');
process.stderr.write('2026-01-01T00:00:01Z\\tINFO\\tDetected OS\\tfamily="alpine" version="3.10.2"\\n');
process.stdout.write(fs.readFileSync(${JSON.stringify(join(TRIVY_FIXTURES, 'alpine-310.json'))}));`);
  failing = await script('trivy-failing', `
process.stderr.write('2026-01-01T00:00:00Z\\tINFO\\tVulnerability scanning is enabled\\n');
process.stderr.write('2026-01-01T00:00:02Z\\tFATAL\\tFatal error\\timage scan error: scan error: unable to initialize a scan service: unable to find the specified image "nosuch:1.0" in ["docker" "remote"]: remote error: GET https://index.docker.io/v2/library/nosuch/manifests/1.0: UNAUTHORIZED: password=' + process.env.TRIVY_PASSWORD + '\\n');
process.exit(1);`);
  hanging = await script('trivy-hanging', `process.stderr.write('downloading DB\\n'); setInterval(() => {}, 1000);`);
});

after(async () => { await rm(dir, { recursive: true, force: true }); });

test('image scan: argument array reaches Trivy verbatim, credentials travel in TRIVY_* env, the report is parsed', async () => {
  const progress: string[] = [];
  const report = await scanWithTrivy({
    trivyPath: replay,
    args: imageScanArgs('alpine:3.10'),
    env: { PATH: process.env.PATH },
    credentials: { username: 'robot$ci', secret: 's3cr3t-pass' },
    onProgress: (line) => progress.push(line),
  });
  assert.equal(report.findings.length, 4);
  assert.equal(report.source, 'trivy-json');
  const call = JSON.parse(await readFile(join(dir, 'call.json'), 'utf8'));
  assert.deepEqual(call.argv, ['image', '--format', 'json', '--no-progress', 'alpine:3.10']);
  assert.equal(call.user, 'robot$ci');
  assert.equal(call.pass, 's3cr3t-pass');
  assert.equal(call.token, undefined);
  assert.ok(!call.argv.join(' ').includes('s3cr3t'), 'the secret is never an argument');
  assert.equal(progress.length, 2);
  assert.match(progress[1]!, /Detected OS/);
});

test('shell metacharacters are plain argument text (no shell)', async () => {
  const marker = join(dir, 'pwned');
  await runTrivy({ trivyPath: replay, args: fsScanArgs(`$(touch ${marker}); touch ${marker}`) });
  const call = JSON.parse(await readFile(join(dir, 'call.json'), 'utf8'));
  assert.equal(call.argv.at(-1), `$(touch ${marker}); touch ${marker}`);
  await assert.rejects(stat(marker), /ENOENT/);
});

test('a registry token goes to TRIVY_REGISTRY_TOKEN', async () => {
  assert.deepEqual(trivyCredentialEnv({ registryToken: 'tok' }), { TRIVY_REGISTRY_TOKEN: 'tok' });
  assert.deepEqual(trivyCredentialEnv({ username: 'u' }), {});
  await runTrivy({ trivyPath: replay, args: configScanArgs('.'), credentials: { registryToken: 'tok-123' } });
  const call = JSON.parse(await readFile(join(dir, 'call.json'), 'utf8'));
  assert.equal(call.token, 'tok-123');
  assert.equal(call.user, undefined);
});

test('non-zero exit: TrivyError with the exit code and the stderr tail, credentials redacted', async () => {
  await assert.rejects(
    runTrivy({ trivyPath: failing, args: imageScanArgs('nosuch:1.0'), credentials: { username: 'me', secret: 'hunter22' } }),
    (error: unknown) => {
      assert.ok(error instanceof TrivyError);
      assert.equal(error.kind, 'failed');
      assert.equal(error.exitCode, 1);
      assert.match(error.message, /^Trivy exited with code 1:/);
      assert.match(error.message, /unable to find the specified image "nosuch:1\.0"/);
      assert.ok(!error.message.includes('hunter22'), 'password redacted');
      assert.match(error.message, /password=\*\*\*/);
      return true;
    },
  );
});

test('cancel through AbortSignal kills the process and rejects as cancelled', async () => {
  const controller = new AbortController();
  const started = Date.now();
  const run = runTrivy({ trivyPath: hanging, args: ['image', 'x'], signal: controller.signal, onProgress: () => controller.abort() });
  await assert.rejects(run, (e: unknown) => e instanceof TrivyError && e.kind === 'cancelled');
  assert.ok(Date.now() - started < 5000);
});

test('missing executable: TrivyError kind "missing" with install advice', async () => {
  await assert.rejects(runTrivy({ trivyPath: join(dir, 'no-such-trivy'), args: ['--version'] }),
    (e: unknown) => e instanceof TrivyError && e.kind === 'missing' && /shipshape\.trivy\.path/.test(e.message));
});

test('output that is not a report is a readable error', async () => {
  const junk = await script('trivy-junk', `process.stdout.write('Version: 0.50.0\\n');`);
  await assert.rejects(scanWithTrivy({ trivyPath: junk, args: ['image', 'x'] }), (e: unknown) => e instanceof TrivyError && e.kind === 'output' && /not valid JSON/.test(e.message));
});

test('findTrivy: configured path, PATH lookup, nothing', async () => {
  assert.equal(await findTrivy(replay), replay);
  assert.equal(await findTrivy(join(dir, 'absent')), undefined);
  assert.equal(await findTrivy(undefined, { PATH: dir }), join(dir, 'trivy'));
  assert.equal(await findTrivy('', { PATH: dir }), join(dir, 'trivy'));
  assert.equal(await findTrivy(undefined, { PATH: join(dir, 'nothing-here') }), undefined);
});
