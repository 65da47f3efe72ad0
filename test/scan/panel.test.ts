// The webview's own script (media/scan/panel.js) in real Chromium, served with the panel's real
// HTML and CSP; `acquireVsCodeApi` is the only stand-in (it records what the panel posts).
// Reports are real Trivy output (one with an HTML payload injected); the 20,000-finding report
// is built by repeating real findings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { existsSync } from 'node:fs';
import { panelHtml } from '../../client/src/scan/panelHtml';
import { parseScanText } from '../../server/src/scan/parse';
import type { ScanFinding } from '../../server/src/scan/model';
import { sharedPath } from '../helpers/sharedDir.cjs';

// Page-side code runs in Chromium; the project compiles without the DOM library.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any, requestAnimationFrame: (callback: () => void) => number;
type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

const ROOT = resolve(__dirname, '../..');
const FIXTURES = process.env.SHIPSHAPE_FIXTURES ?? sharedPath('fixtures');
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const PAYLOAD = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"><b>bold</b>';

let server: Server;
let origin: string;
let browser: Browser | undefined;

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      res.setHeader('content-type', 'text/html');
      res.end(panelHtml({ cspSource: origin, scriptUri: `${origin}/media/scan/panel.js`, styleUri: `${origin}/media/scan/panel.css` }));
    } else if (url.pathname === '/media/scan/panel.js' || url.pathname === '/media/scan/panel.css') {
      res.setHeader('content-type', url.pathname.endsWith('.js') ? 'text/javascript' : 'text/css');
      res.end(readFileSync(join(ROOT, url.pathname)));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (CHROMIUM) {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
});

async function openPanel(state?: unknown): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1400, height: 800 } });
  // A string, not a function: the test runner's transpiler adds helpers the page does not have.
  await page.addInitScript(`
    window.__posted = [];
    window.__state = ${JSON.stringify(state ?? null)};
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(m),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });`);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as unknown as { errors: string[] }).errors = errors;
  await page.goto(origin + '/');
  await page.waitForFunction(() => ((window as unknown as { __posted: { type: string }[] }).__posted).some((m) => m.type === 'ready'));
  return page;
}

/** Delivers a report as the extension would and returns how long the panel took (ms). */
async function sendReport(page: Page, findings: ScanFinding[], key = 'sha256:test'): Promise<number> {
  return page.evaluate(({ findings, key }) => {
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'report', meta: { key, title: 'alpine:3.10 <i>x</i>', scanner: 'Trivy dev', scannedAt: '2026-01-01T10:00:00Z' }, findings } }));
    return performance.now() - t0;
  }, { findings, key });
}

// The panel renders in requestAnimationFrame: reads wait two frames after the last interaction.
const frames = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
const rowIds = async (page: Page) => { await frames(page); return page.$$eval('#rows .row:not(.group) .cell.id', (cells) => cells.map((c) => c.textContent)); };
const shown = async (page: Page) => { await frames(page); return page.textContent('#shown'); };
const count = async (page: Page, severity: string) => { await frames(page); return page.textContent(`#counts button[data-severity="${severity}"] .n`); };

function realFindings(): ScanFinding[] {
  const names = ['alpine-310.json', 'centos-7.json', 'debian-buster.json', 'spring4shell-jre11.json', 'ubi-7-comprehensive.json', 'npm.json', 'secrets.json', 'dockerfile.json'];
  return names.flatMap((n) => parseScanText(readFileSync(join(FIXTURES, 'trivy', n), 'utf8')).findings);
}

function withPayload(): ScanFinding[] {
  const findings = realFindings();
  const spring = findings.find((f) => f.id === 'CVE-2022-22965')!;
  spring.description = `${PAYLOAD} ${spring.description}`;
  spring.title = `<em>${spring.title}</em>`;
  spring.references = ['javascript:alert(1)', ...spring.references];
  return findings;
}

const skip = () => (CHROMIUM ? false : 'chromium is not installed (apt-get install chromium)');

test('real findings: counts per severity, filter to CRITICAL, HTML payload stays text', { skip: skip() }, async () => {
  const page = await openPanel();
  const findings = withPayload();
  await sendReport(page, findings);
  const expected = (s: string) => String(findings.filter((f) => f.severity === s).length);
  for (const s of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN']) assert.equal(await count(page, s), expected(s), s);
  assert.equal(await shown(page), `showing all ${findings.length}`);
  assert.equal(await page.textContent('#title'), 'alpine:3.10 <i>x</i>');

  await page.click('#counts button[data-severity="CRITICAL"]');
  const critical = findings.filter((f) => f.severity === 'CRITICAL').map((f) => f.id).sort();
  assert.deepEqual((await rowIds(page)).sort(), critical);
  assert.equal(await shown(page), `showing ${critical.length} of ${findings.length}`);

  await page.click('#rows .row:has-text("CVE-2022-22965")');
  await frames(page);
  const description = await page.textContent('#details .description');
  assert.ok(description?.startsWith(PAYLOAD), `description shown verbatim as text, got ${description?.slice(0, 120)}`);
  assert.equal(await page.textContent('#details .title'), '<em>Spring-framework: RCE via Data Binding on JDK 9+</em>'.replace('Spring', 'spring'));
  assert.equal(await page.$$eval('script', (s) => s.length), 1, 'no script element was created');
  assert.equal(await page.$$eval('#details img, #details b, #details em, #rows em', (n) => n.length), 0, 'no element from scanner text');
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  // A non-http reference is text, not a link.
  assert.equal(await page.$$eval('#details a.ref', (as) => as.filter((a) => a.getAttribute('href')?.startsWith('javascript')).length), 0);
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.close();
});

test('has-fix, search, sort and group', { skip: skip() }, async () => {
  const page = await openPanel();
  const findings = realFindings();
  await sendReport(page, findings);
  await page.check('#hasFix');
  const fixable = findings.filter((f) => f.fixedVersion);
  await page.waitForFunction((n) => document.querySelector('#shown')?.textContent?.startsWith(`showing ${n} of`), fixable.length);
  assert.equal(await shown(page), `showing ${fixable.length} of ${findings.length}`);
  await page.uncheck('#hasFix');
  await page.fill('#search', 'openssl');
  await page.waitForFunction(() => !document.querySelector('#shown')?.textContent?.startsWith('showing all'));
  const matching = findings.filter((f) => [f.id, f.pkgName, f.title, f.installedVersion, f.fixedVersion, f.target, f.kind, f.description].join('\n').toLowerCase().includes('openssl'));
  assert.equal(await shown(page), `showing ${matching.length} of ${findings.length}`);
  assert.ok(matching.length > 0 && matching.length < findings.length);
  await page.fill('#search', '');
  await page.waitForFunction(() => document.querySelector('#shown')?.textContent?.startsWith('showing all'));
  // Sort by ID ascending.
  await page.click('#head button[data-key="id"]');
  const sorted = [...findings].map((f) => f.id).sort((a, b) => new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare(a, b));
  // The panel re-renders asynchronously: wait for the first row to change, then compare all rows.
  await page.waitForFunction((firstId) => document.querySelector('#rows .row:not(.group) .cell.id')?.textContent === firstId, sorted[0], { timeout: 5000 }).catch(() => undefined);
  const ids = await rowIds(page);
  assert.deepEqual(ids, sorted.slice(0, ids.length));
  assert.equal(await page.getAttribute('#head .cell:has(button[data-key="id"])', 'aria-sort'), 'ascending');
  // Default sort is by severity, worst first.
  await page.click('#head button[data-key="severity"]');
  await frames(page);
  assert.equal(await page.textContent('#rows .row .cell.sev'), 'CRITICAL');
  // Group by package: headers with counts.
  await page.selectOption('#group', 'severity');
  await frames(page);
  const groups = await page.$$eval('#rows .row.group', (g) => g.map((x) => x.textContent));
  assert.equal(groups[0], `CRITICAL (${findings.filter((f) => f.severity === 'CRITICAL').length})`);
  await page.close();
});

test('keyboard: arrows select rows, details follow; / focuses search; buttons post validated requests', { skip: skip() }, async () => {
  const page = await openPanel();
  const findings = realFindings();
  await sendReport(page, findings);
  await page.focus('#viewport');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await frames(page);
  const selected = await page.textContent('#rows .row.selected .cell.id');
  assert.ok(selected);
  assert.equal(await page.textContent('#details h2 .id'), selected);
  await page.keyboard.press('End');
  await frames(page);
  const last = await page.textContent('#rows .row.selected .cell.id');
  assert.equal(await page.textContent('#details h2 .id'), last);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
  // Open a reference: goes to the extension as openExternal.
  await page.click('#rows .row:has-text("CVE-2019-1549") >> nth=0');
  await page.click('#details a.ref >> nth=0');
  await page.click('#exportSarif');
  await page.click('#exportJson');
  const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
  const open = posted.find((m) => m.type === 'openExternal') as { url: string } | undefined;
  assert.match(open?.url ?? '', /^https:\/\//);
  assert.deepEqual(posted.filter((m) => m.type === 'export'), [{ type: 'export', format: 'sarif' }, { type: 'export', format: 'json' }]);
  await page.close();
});

test('state survives a reload: filters, sort, selection and the report key', { skip: skip() }, async () => {
  const page = await openPanel();
  const findings = realFindings();
  await sendReport(page, findings, 'sha256:keep');
  await page.click('#counts button[data-severity="LOW"]');
  await page.click('#head button[data-key="pkgName"]');
  await page.click('#rows .row >> nth=0');
  const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state) as Record<string, unknown>;
  assert.equal(state.key, 'sha256:keep');
  assert.deepEqual(state.severities, ['LOW']);
  assert.equal(state.sort, 'pkgName');
  await page.close();
  const again = await openPanel(state);
  await sendReport(again, findings, 'sha256:keep');
  assert.equal(await again.getAttribute('#counts button[data-severity="LOW"]', 'aria-pressed'), 'true');
  assert.equal(await shown(again), `showing ${findings.filter((f) => f.severity === 'LOW').length} of ${findings.length}`);
  assert.equal(await again.textContent('#details h2 .id'), findings[state.selected as number]!.id);
  await again.close();
});

test('20,000 findings: virtualised rows, and timings for load, filter, search, sort', { skip: skip() }, async (t) => {
  const page = await openPanel();
  const base = realFindings();
  const severities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
  const many: ScanFinding[] = Array.from({ length: 20_000 }, (_, i) => {
    const f = base[i % base.length]!;
    return { ...f, id: `${f.id}-${i}`, pkgName: `${f.pkgName}-${i % 997}`, severity: severities[i % 5]!, fixedVersion: i % 3 === 0 ? '' : f.fixedVersion || '1.0.1' };
  });
  // The same 20,000 findings are built inside the page (sending them over the DevTools protocol
  // would dominate the test's run time); only the panel's own work is timed.
  const load = await page.evaluate(({ base, severities }) => {
    const findings = Array.from({ length: 20000 }, (_, i) => {
      const f = base[i % base.length];
      return { ...f, id: `${f.id}-${i}`, pkgName: `${f.pkgName}-${i % 997}`, severity: severities[i % 5], fixedVersion: i % 3 === 0 ? '' : f.fixedVersion || '1.0.1' };
    });
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'report', meta: { key: 'sha256:many', title: 'many' }, findings } }));
    return performance.now() - t0;
  }, { base, severities });
  assert.equal(await shown(page), 'showing all 20000');
  const rows = await page.$$eval('#rows .row', (r) => r.length);
  assert.ok(rows > 0 && rows < 100, `only the rows in view are in the DOM (${rows})`);
  assert.equal(await count(page, 'CRITICAL'), '4000');

  const timed = async (action: () => Promise<unknown>, done: string) => {
    const t0 = Date.now();
    await action();
    await page.waitForFunction((text) => document.querySelector('#shown')?.textContent === text, done);
    return Date.now() - t0;
  };
  const filter = await timed(() => page.click('#counts button[data-severity="CRITICAL"]'), 'showing 4000 of 20000');
  const fix = await timed(() => page.check('#hasFix'), `showing ${many.filter((f) => f.severity === 'CRITICAL' && f.fixedVersion).length} of 20000`);
  await page.uncheck('#hasFix');
  await page.click('#counts button[data-severity="CRITICAL"]');
  const search = await timed(() => page.fill('#search', 'CVE-2022-22965-1'), `showing ${many.filter((f) => f.id.includes('CVE-2022-22965-1')).length} of 20000`);
  await page.fill('#search', '');
  await page.waitForFunction(() => document.querySelector('#shown')?.textContent === 'showing all 20000');
  const t0 = Date.now();
  await page.click('#head button[data-key="pkgName"]');
  const sort = Date.now() - t0;
  // Scroll to the end: the last row is rendered.
  await page.focus('#viewport');
  await page.keyboard.press('End');
  await frames(page);
  const lastId = await page.textContent('#rows .row.selected .cell.id');
  assert.ok(lastId);
  assert.ok(await page.$$eval('#rows .row', (r) => r.length) < 100);
  t.diagnostic(`20,000 findings: load+first render ${load.toFixed(0)} ms, filter to CRITICAL ${filter} ms, has-fix ${fix} ms, search ${search} ms (incl. 120 ms debounce), sort by package ${sort} ms`);
  console.log(`[timing] 20,000 findings: load+first render ${load.toFixed(0)} ms, filter ${filter} ms, has-fix ${fix} ms, search ${search} ms (incl. 120 ms debounce), sort ${sort} ms`);
  await page.close();
});
