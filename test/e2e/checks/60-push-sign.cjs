'use strict';
// Push and sign in real VS Code against a real registry (Debian's docker-registry on a free
// port). prepare(): a small OCI image made here, pushed and signed with the packaged CLI
// (dist/cli.js push / generate-key-pair / sign). Checks: "Verify Signatures" reports it signed
// with the key from the settings; "Push OCI Layout/Archive…" (explorer context menu) pushes a
// `tar`-made OCI archive through the quick inputs and the registry then serves the manifest.
const fs = require('fs');
const path = require('path');
const net = require('net');
const zlib = require('zlib');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const REGISTRY_BIN = ['/usr/bin/docker-registry', '/usr/bin/registry'].find((p) => fs.existsSync(p));
const PASSWORD = 'e2e-password';
const state = {};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

async function waitFor(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}`);
    try { const res = await fetch(url); if (res.status < 500) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`registry ${url} did not come up`);
}

function tarEntry(name, data) {
  const h = Buffer.alloc(512);
  h.write(name, 0); h.write('0000644\0', 100); h.write('0000000\0', 108); h.write('0000000\0', 116);
  h.write(data.length.toString(8).padStart(11, '0') + '\0', 124); h.write('14524770000\0', 136);
  h.write('        ', 148); h.write('0', 156); h.write('ustar\0', 257); h.write('00', 263);
  let sum = 0; for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return Buffer.concat([h, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** A one-layer, single-platform OCI image layout; returns the manifest digest. */
function makeLayout(dir, label) {
  const blobs = path.join(dir, 'blobs', 'sha256');
  fs.mkdirSync(blobs, { recursive: true });
  const put = (buf) => { const hex = crypto.createHash('sha256').update(buf).digest('hex'); fs.writeFileSync(path.join(blobs, hex), buf); return { digest: `sha256:${hex}`, size: buf.length }; };
  const raw = Buffer.concat([tarEntry('hello.txt', Buffer.from(`hello from ${label}\n`)), Buffer.alloc(1024)]);
  const layer = put(zlib.gzipSync(raw));
  const config = put(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${crypto.createHash('sha256').update(raw).digest('hex')}`] }, config: {} })));
  const manifest = put(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }] })));
  fs.writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'latest' } }] }));
  return manifest.digest;
}

function cli(args, cwd) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, COSIGN_PASSWORD: PASSWORD, DOCKER_CONFIG: path.join(cwd, '.no-docker-config') }, timeout: 60000 });
  if (result.status !== 0) throw new Error(`shipshape ${args[0]} failed (${result.status}): ${result.stderr}`);
  return result.stdout.trim();
}

async function quickInput(page, text, env) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: env.stepTimeout });
  await input.fill(text);
}

async function notification(page, pattern, env) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: pattern }).first();
  await toast.waitFor({ timeout: env.stepTimeout });
  const message = toast.locator('.notification-list-item-message').first();
  return ((await message.count()) ? await message.innerText() : await toast.innerText()).replace(/\s*\n\s*/g, ' | ');
}

module.exports = {
  async prepare(ctx) {
    if (!REGISTRY_BIN) throw new Error('docker-registry is not installed (apt-get install -y docker-registry)');
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build`);
    const dir = path.join(ctx.runDir, 'push-sign');
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    const port = await freePort();
    fs.writeFileSync(path.join(dir, 'config.yml'), `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`);
    const child = spawn(REGISTRY_BIN, ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    ctx.cleanups.push(() => { child.kill('SIGTERM'); });
    await waitFor(`http://127.0.0.1:${port}/v2/`, child, 15000);
    state.host = `127.0.0.1:${port}`;

    const signedDigest = makeLayout(path.join(dir, 'signed-layout'), 'signed');
    const pushed = cli(['push', path.join(dir, 'signed-layout'), `${state.host}/e2e/signed:v1`, '--quiet'], dir);
    if (!pushed.endsWith(signedDigest)) throw new Error(`CLI push printed ${pushed}, expected …@${signedDigest}`);
    cli(['generate-key-pair', '--output-key-prefix', path.join(ctx.workspace, 'e2e-cosign')], dir);
    cli(['sign', `${state.host}/e2e/signed:v1`, '--key', path.join(ctx.workspace, 'e2e-cosign.key')], dir);
    ctx.settings['shipshape.signing.publicKey'] = path.join(ctx.workspace, 'e2e-cosign.pub');
    // A registry the user added: image references to it get the signature hover.
    ctx.settings['shipshape.registries'] = [...(ctx.settings['shipshape.registries'] || []), { name: 'e2e-push', url: state.host, kind: 'generic' }];
    fs.writeFileSync(path.join(ctx.workspace, 'signed.Dockerfile'), `FROM ${state.host}/e2e/signed:v1\nUSER app\n`);

    state.archiveDigest = makeLayout(path.join(dir, 'archive-layout'), 'archive');
    state.archive = path.join(ctx.workspace, 'e2e-image.tar');
    const tar = spawnSync('tar', ['-cf', state.archive, '-C', path.join(dir, 'archive-layout'), '.'], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  },
  checks: [
    {
      name: 'Verify Signatures: the CLI-signed image verifies with the configured cosign.pub',
      async run({ page, helpers, env }) {
        await helpers.waitForActivation();
        await helpers.runCommand('Shipshape: Verify Signatures');
        await quickInput(page, `${state.host}/e2e/signed:v1`, env);
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'e2e-cosign.pub' }).first().waitFor({ timeout: env.stepTimeout });
        await page.keyboard.press('Enter');
        const text = await notification(page, /is signed|not signed|none verifies/, env);
        if (!/is signed — 1 of 1 signature/.test(text)) throw new Error(`unexpected result: ${text}`);
        await helpers.screenshot('verify-signed');
        return text;
      },
    },
    {
      name: 'hover on a FROM reference to a signed image shows the signature badge (verified with cosign.pub)',
      async run({ page, helpers, env }) {
        await helpers.openFile('signed.Dockerfile');
        await helpers.goToPosition(1, 12);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover', { hasText: 'Signatures' }).first();
        await hover.waitFor({ timeout: env.stepTimeout });
        const text = (await hover.innerText()).replace(/\s*\n\s*/g, ' | ');
        if (!/Signatures \(Shipshape\): signed/.test(text) || /unsigned|invalid/.test(text)) throw new Error(`unexpected hover: ${text}`);
        await helpers.screenshot('signature-hover');
        await page.keyboard.press('Escape');
        return `hover: "${text}"`;
      },
    },
    {
      name: 'Push OCI Layout/Archive… from the explorer context menu: a tar-made OCI archive is pushed through the quick inputs',
      async run({ page, helpers, env }) {
        // From the explorer's context menu on the archive (the command receives its Uri).
        const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'e2e-image.tar' }).first();
        await row.waitFor({ timeout: env.stepTimeout });
        await helpers.contextMenu(row, 'Push OCI Layout/Archive…');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Other registry' }).first().waitFor({ timeout: env.stepTimeout });
        await quickInput(page, 'Other registry', env);
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-message', { hasText: 'Registry host' }).first().waitFor({ timeout: env.stepTimeout }).catch(() => undefined);
        await quickInput(page, state.host, env);
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-message', { hasText: 'Repository and tag' }).first().waitFor({ timeout: env.stepTimeout }).catch(() => undefined);
        await quickInput(page, 'e2e/pushed:ui', env);
        await page.keyboard.press('Enter');
        const text = await notification(page, /Shipshape: pushed/, env);
        if (!text.includes(`${state.host}/e2e/pushed:ui`) || !text.includes(state.archiveDigest.slice(0, 19))) throw new Error(`unexpected notification: ${text}`);
        const res = await fetch(`http://${state.host}/v2/e2e/pushed/manifests/ui`, { method: 'HEAD', headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
        if (res.headers.get('docker-content-digest') !== state.archiveDigest) throw new Error(`registry serves ${res.status} ${res.headers.get('docker-content-digest')}`);
        await helpers.screenshot('push-archive');
        return text;
      },
    },
  ],
};
