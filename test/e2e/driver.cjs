#!/usr/bin/env node
// End-to-end driver: the packaged .vsix in a real VS Code (code-server 4.100.3 = VS Code 1.100.3)
// driven headless through Debian's Chromium with playwright-core.
//
// Steps: fresh run folder -> install the .vsix into private dirs -> every check module's
// prepare() (workspace files, settings, background servers) -> code-server on 127.0.0.1 (own
// process group) -> workbench + activation gate -> every module's checks, in file-name order ->
// stop everything. Prints one line per check and "N passed, N failed, N skipped".
//
// Check modules: test/e2e/checks/*.cjs exporting { prepare?(ctx), checks: [{ name, run(ctx) }] }.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const { spawn, spawnSync } = require('child_process');
const { chromium } = require('playwright-core');
const { createHelpers } = require('./helpers.cjs');

const ROOT = path.resolve(__dirname, '../..');
const env = {
  csBin: process.env.CS_BIN,
  vsix: process.env.VSIX || path.join(ROOT, 'dist-vsix/shipshape.vsix'),
  workspaceTemplate: process.env.WORKSPACE_TEMPLATE || path.join(ROOT, 'examples'),
  outDir: process.env.OUT_DIR || path.join(ROOT, 'test-results/e2e'),
  chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  stepTimeout: Number(process.env.STEP_TIMEOUT_MS || 60000),
  extensionId: 'shipshape-dev.shipshape',
  only: process.env.E2E_ONLY || '',
};
if (!env.csBin) { console.error('CS_BIN (code-server binary) is required'); process.exit(2); }

const t0 = Date.now();
const since = (t) => ((Date.now() - t) / 1000).toFixed(2) + 's';
const log = (msg) => console.error(`[e2e ${new Date().toISOString().slice(11, 19)}] ${msg}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

function loadModules() {
  const dir = path.join(__dirname, 'checks');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.cjs')).sort()
    .filter((f) => !env.only || f.includes(env.only) || f.startsWith('00-'))
    .map((f) => ({ file: f, ...require(path.join(dir, f)) }));
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try { const res = await fetch(url); if (res.ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
}

// What the workbench showed when a check failed: toasts, the quick input, an open context menu,
// so a CI log explains the failure without the run folder.
async function describeUiState(page) {
  try {
    return await page.evaluate(() => {
      const text = (el) => (el.innerText || '').replace(/\s*\n\s*/g, ' | ').slice(0, 300);
      const toasts = [...document.querySelectorAll('.notifications-toasts .notification-toast')].map(text);
      const quick = document.querySelector('.quick-input-widget');
      const quickText = quick && quick.style.display !== 'none' ? text(quick) : 'hidden';
      const menu = document.querySelector('.monaco-menu');
      return `toasts: [${toasts.join(' || ') || 'none'}]; quick input: ${quickText}; context menu: ${menu ? text(menu) : 'none'}`;
    });
  } catch (e) {
    return `unavailable (${e.message})`;
  }
}

async function main() {
  fs.rmSync(env.outDir, { recursive: true, force: true });
  fs.mkdirSync(env.outDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-e2e-'));
  const dirs = {
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    workspace: path.join(runDir, 'workspace'),
  };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.cpSync(env.workspaceTemplate, dirs.workspace, { recursive: true });
  // code-server writes config and logs under XDG dirs even with --user-data-dir.
  const childEnv = { ...process.env, XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'), XDG_DATA_HOME: path.join(runDir, 'xdg-data') };

  const tInstall = Date.now();
  const install = spawnSync(env.csBin, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--install-extension', env.vsix, '--force'], { env: childEnv, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`--install-extension failed: ${install.stdout}\n${install.stderr}`);
  log(`installed ${path.basename(env.vsix)} in ${since(tInstall)}`);

  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'remote.autoForwardPorts': false,
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  const modules = loadModules();
  const cleanups = [];
  const ctx = { env, workspace: dirs.workspace, settings, cleanups, runDir, outDir: env.outDir, log };
  let passed = 0; let failed = 0; let skipped = 0;
  let child;
  let browser;
  try {
    for (const mod of modules) if (mod.prepare) await mod.prepare(ctx);
    fs.writeFileSync(path.join(dirs.userData, 'User/settings.json'), JSON.stringify(settings, null, 2));

    const port = await freePort();
    const config = path.join(runDir, 'config.yaml');
    fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const csLog = fs.openSync(path.join(runDir, 'code-server.log'), 'w');
    const tSpawn = Date.now();
    child = spawn(env.csBin, ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--ignore-last-opened'],
    { env: childEnv, detached: true, stdio: ['ignore', csLog, csLog] });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, child, 30000);
    log(`code-server on ${base} (http up in ${since(tSpawn)})`);

    browser = await chromium.launch({
      executablePath: env.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.setDefaultTimeout(env.stepTimeout);
    ctx.page = page;
    ctx.url = `${base}/?folder=${encodeURIComponent(dirs.workspace)}`;
    ctx.helpers = createHelpers(ctx, dirs.userData);
    ctx.spawnedAt = tSpawn;

    for (const mod of modules) {
      for (const check of mod.checks || []) {
        const name = `${mod.file.replace(/\.cjs$/, '')}: ${check.name}`;
        if (failed) { skipped++; console.log(`SKIP ${name}`); continue; }
        const ts = Date.now();
        try {
          const detail = await check.run(ctx);
          passed++;
          console.log(`PASS ${name} (${since(ts)}) ${detail || ''}`);
        } catch (e) {
          failed++;
          console.log(`FAIL ${name} (${since(ts)}) ${String((e && e.message) || e).split('\n').slice(0, 6).join(' ')}`);
          await page.screenshot({ path: path.join(env.outDir, 'failure.png') }).catch(() => {});
          console.log(`  state at failure: ${await describeUiState(page)}`);
        }
      }
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (child && child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      await new Promise((r) => setTimeout(r, 500));
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch((e) => log(`cleanup: ${e}`));
    if (failed || process.env.KEEP_RUN_DIR === '1') log(`run folder kept: ${runDir} (code-server.log, user-data/logs)`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  }
  const total = since(t0);
  fs.writeFileSync(path.join(env.outDir, 'result.json'), JSON.stringify({ passed, failed, skipped, wallTime: total }, null, 2));
  console.log(`e2e wall time ${total}; screenshots in ${path.relative(ROOT, env.outDir)}/`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed || passed === 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error(e); console.log('0 passed, 1 failed'); process.exit(1); });
