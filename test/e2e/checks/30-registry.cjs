'use strict';
// Registry explorer in real VS Code against a real registry: prepare() starts Debian's
// docker-registry on a free port with the project's test helper (images made in Node, pushed
// with skopeo) and adds it to `shipshape.registries`. The check opens the Shipshape Registries
// view and expands registry → repository → tag → platforms, then takes a screenshot.
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '../../..');
const state = {};

function startRegistry(log) {
  return new Promise((resolve, reject) => {
    const tsx = require.resolve('tsx', { paths: [ROOT] });
    const child = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'test/helpers/registry/start.ts'), 'plain',
      '--seed', 'team/web:1.0', '--seed', 'team/web:2.0', '--seed', 'team/api:latest', '--scale', '0:250'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`registry helper did not start: ${err}`)); }, 60000);
    child.stdout.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) { clearTimeout(timer); resolve({ child, info: JSON.parse(line) }); }
    });
    child.stderr.on('data', (c) => { err += c; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`registry helper exited with ${code}: ${err}`)); });
    log?.('starting docker-registry for the registry explorer');
  });
}

async function row(page, text, env) {
  const locator = page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  await locator.waitFor({ state: 'visible', timeout: env.stepTimeout });
  return locator;
}

async function expand(page, text, env) {
  const r = await row(page, text, env);
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  await page.waitForFunction((label) => [...document.querySelectorAll('.pane-body .monaco-list-row')]
    .some((el) => el.textContent.includes(label) && el.getAttribute('aria-expanded') === 'true'), text, { timeout: env.stepTimeout });
  return r;
}

/** Clicks the Shipshape Registries activity-bar entry (its own view container). */
async function openView(page, env) {
  const item = page.locator('.activitybar .action-item a[aria-label*="Shipshape Registries"], .activitybar .action-item[aria-label*="Shipshape Registries"]').first();
  try {
    await item.waitFor({ state: 'visible', timeout: env.stepTimeout / 2 });
  } catch (error) {
    const labels = await page.$$eval('.activitybar .action-item a, .activitybar .action-item', (els) => els.map((e) => e.getAttribute('aria-label')).filter(Boolean));
    throw new Error(`no Shipshape Registries activity-bar entry; entries: ${labels.join(' | ')}`);
  }
  await item.click();
}

module.exports = {
  async prepare(ctx) {
    const { child, info } = await startRegistry(ctx.log);
    state.child = child;
    state.info = info;
    ctx.cleanups.push(() => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(resolve, 10000);
    }));
    // A second entry where nothing listens: its error must be a node with a retry action.
    const down = await new Promise((resolve) => { const srv = require('net').createServer(); srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); }); });
    state.down = `127.0.0.1:${down}`;
    ctx.settings['shipshape.registries'] = [{ name: 'e2e-local', url: info.host, kind: 'generic' }, { name: 'e2e-down', url: state.down }];
    // Only the seeded registry: nothing from the machine's docker login.
    ctx.settings['shipshape.registryExplorer.showDockerLogins'] = false;
  },
  checks: [
    {
      name: 'registry view: expand registry → repository → tag → platforms',
      async run(ctx) {
        const { page, env, helpers } = ctx;
        await openView(page, env);
        await expand(page, 'e2e-local', env);
        await row(page, 'team/api', env);
        await expand(page, 'team/web', env);
        await row(page, '2.0', env);
        await expand(page, '1.0', env);
        const platform = await row(page, 'linux/arm64', env);
        await row(page, 'signatures & attachments', env);
        const tag = await row(page, '1.0', env);
        // After expanding, the tag's description shows its digest (details fetched on demand).
        const expected = state.info.images['team/web:1.0'].slice(0, 19);
        await page.waitForFunction((digest) => [...document.querySelectorAll('.pane-body .monaco-list-row')].some((el) => el.textContent.includes(digest)), expected, { timeout: env.stepTimeout });
        const shot = await helpers.screenshot('registry-explorer');
        return `${state.info.host}: ${(await tag.innerText()).replace(/\s+/g, ' ')} / ${(await platform.innerText()).replace(/\s+/g, ' ')} → ${path.basename(shot)}`;
      },
    },
    {
      name: 'inspect manifest opens read-only JSON; a 250-tag repository pages with "Load more…"',
      async run(ctx) {
        const { page, env, helpers } = ctx;
        await expand(page, 'scale/many-tags', env);
        const first = await row(page, 'v00000', env);
        // First page: 100 tags + "Load more…"
        await page.waitForFunction(() => [...document.querySelectorAll('.pane-body .monaco-list-row')].some((el) => el.textContent.includes('v00000') && el.getAttribute('aria-setsize') === '101'), null, { timeout: env.stepTimeout });
        await helpers.contextMenu(first, 'Inspect Manifest');
        await page.locator('.tab', { hasText: 'v00000.json' }).first().waitFor({ timeout: env.stepTimeout });
        await page.locator('.monaco-editor .view-lines', { hasText: 'schemaVersion' }).first().waitFor({ timeout: env.stepTimeout });
        // Scroll the tree to "Load more…" and click it: 200 tags + "Load more…"
        const list = page.locator('.pane-body .monaco-list').first();
        const more = page.locator('.pane-body .monaco-list-row', { hasText: 'Load more…' }).first();
        for (let i = 0; i < 40 && !(await more.isVisible()); i++) { await list.hover(); await page.mouse.wheel(0, 600); await page.waitForTimeout(100); }
        await more.click();
        await page.waitForFunction(() => [...document.querySelectorAll('.pane-body .monaco-list-row')].some((el) => /v00(0|1)\d\d/.test(el.textContent) && el.getAttribute('aria-setsize') === '201'), null, { timeout: env.stepTimeout });
        const shot = await helpers.screenshot('registry-load-more');
        return `first page 100 tags + "Load more…", then 200; v00000.json manifest tab shows schemaVersion → ${path.basename(shot)}`;
      },
    },
    {
      name: 'an unreachable registry shows its error as a node with a retry action',
      async run(ctx) {
        const { page, env, helpers } = ctx;
        // Collapse everything (the view's "Collapse All"), so both registries are in view again.
        await page.locator('.part.sidebar .action-label[aria-label^="Collapse All"]').first().click();
        await expand(page, 'e2e-down', env);
        const error = await row(page, 'cannot connect to', env);
        const text = (await error.innerText()).replace(/\s+/g, ' ');
        if (!text.includes(state.down)) throw new Error(`error node does not name ${state.down}: ${text}`);
        await error.hover();
        const retry = error.locator('.action-label[aria-label*="Retry"], .action-label[title*="Retry"]').first();
        await retry.waitFor({ state: 'visible', timeout: env.stepTimeout });
        await retry.click();
        await row(page, 'cannot connect to', env);
        await helpers.screenshot('registry-error-node');
        return text;
      },
    },
  ],
};
