'use strict';
// Scan results panel in real VS Code: a real Trivy report (debian buster image, one CRITICAL and
// one LOW) with an HTML payload injected into the CRITICAL description is imported; the panel
// shows the counts, filters to CRITICAL, and renders the payload as text. Then a Dockerfile
// naming the scanned image gets the scan diagnostic.
const fs = require('fs');
const path = require('path');

const FIXTURES = process.env.SHIPSHAPE_FIXTURES || require('../../helpers/sharedDir.cjs').sharedPath('fixtures');
const REPORT = 'scan-report.json';
const CRITICAL_ID = 'CVE-2019-18224';
const PAYLOAD = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
const SCANNED_IMAGE = 'ghcr.io/aquasecurity/trivy-test-images:debian-buster';

async function panelFrame(helpers) {
  return helpers.findFrameWith('#counts button[data-severity="CRITICAL"]');
}

module.exports = {
  async prepare(ctx) {
    const report = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'trivy', 'debian-buster.json'), 'utf8'));
    const vuln = report.Results.flatMap((r) => r.Vulnerabilities || []).find((v) => v.VulnerabilityID === CRITICAL_ID);
    if (!vuln) throw new Error(`${CRITICAL_ID} not in the fixture`);
    vuln.Description = `${PAYLOAD} ${vuln.Description}`;
    fs.writeFileSync(path.join(ctx.workspace, REPORT), JSON.stringify(report, null, 2));
    // Trivy cannot be installed here: a stand-in replays Trivy's real report for the alpine 3.10
    // image and records its argv; a later check deletes it to see the "Trivy missing" state.
    const dir = path.join(ctx.runDir, 'fake-trivy');
    fs.mkdirSync(dir, { recursive: true });
    const trivy = path.join(dir, 'trivy');
    fs.writeFileSync(trivy, `#!${process.execPath}
const fs = require('fs');
fs.writeFileSync(${JSON.stringify(path.join(dir, 'argv.json'))}, JSON.stringify(process.argv.slice(2)));
process.stderr.write('2026-01-01T00:00:00Z\\tINFO\\tVulnerability scanning is enabled\\n');
const report = process.argv[2] === 'fs' ? 'secrets.json' : process.argv[2] === 'config' ? 'dockerfile.json' : 'alpine-310.json';
process.stdout.write(fs.readFileSync(require('path').join(${JSON.stringify(path.join(FIXTURES, 'trivy'))}, report)));
`, { mode: 0o755 });
    ctx.settings['shipshape.trivy.path'] = trivy;
    // The setting is machine-overridable: code-server is a remote window, where machine-scoped
    // values belong in the remote machine's settings (user-data/Machine), not the user's.
    const machine = path.join(ctx.runDir, 'user-data', 'Machine', 'settings.json');
    fs.mkdirSync(path.dirname(machine), { recursive: true });
    const existing = fs.existsSync(machine) ? JSON.parse(fs.readFileSync(machine, 'utf8')) : {};
    fs.writeFileSync(machine, JSON.stringify({ ...existing, 'shipshape.trivy.path': trivy }, null, 2));
    ctx.fakeTrivy = { path: trivy, argv: path.join(dir, 'argv.json') };
  },
  checks: [
    {
      name: 'Import Scan Results opens the panel with counts per severity',
      async run({ page, helpers, env }) {
        await helpers.openFile(REPORT);
        await helpers.runCommand('Shipshape: Import Scan Results');
        const frame = await panelFrame(helpers);
        await frame.waitForFunction(() => document.querySelector('#shown') && /showing all 2/.test(document.querySelector('#shown').textContent), null, { timeout: env.stepTimeout });
        const counts = await frame.$$eval('#counts button', (bs) => bs.map((b) => `${b.dataset.severity}=${b.querySelector('.n').textContent}`));
        const expected = ['CRITICAL=1', 'HIGH=0', 'MEDIUM=0', 'LOW=1', 'UNKNOWN=0'];
        if (counts.join(' ') !== expected.join(' ')) throw new Error(`counts ${counts.join(' ')}, expected ${expected.join(' ')}`);
        await page.locator('.tab', { hasText: 'Scan:' }).first().waitFor();
        return counts.join(' ');
      },
    },
    {
      name: 'filter to CRITICAL; the HTML payload in the description stays text',
      async run({ helpers }) {
        const frame = await panelFrame(helpers);
        await frame.click('#counts button[data-severity="CRITICAL"]');
        await frame.waitForFunction(() => /showing 1 of 2/.test(document.querySelector('#shown').textContent));
        // The counter updates at once, the rows in the next animation frame: wait for them.
        await frame.waitForFunction(() => document.querySelectorAll('#rows .row .cell.id').length === 1, null, { timeout: 5000 }).catch(() => undefined);
        const ids = await frame.$$eval('#rows .row .cell.id', (cells) => cells.map((c) => c.textContent));
        if (ids.join() !== CRITICAL_ID) throw new Error(`rows after the CRITICAL filter: ${ids.join(', ')}`);
        await frame.click(`#rows .row:has-text("${CRITICAL_ID}")`);
        await frame.waitForSelector('#details .description');
        await frame.waitForFunction((id) => document.querySelector('#details h2 .id')?.textContent === id, CRITICAL_ID, { timeout: 5000 }).catch(() => undefined);
        const description = await frame.textContent('#details .description');
        if (!description.startsWith(PAYLOAD)) throw new Error(`description not shown as text: ${description.slice(0, 100)}`);
        const injected = await frame.$$eval('#details img, #details script', (n) => n.length);
        const xss = await frame.evaluate(() => window.__xss);
        if (injected !== 0 || xss !== undefined) throw new Error(`payload became markup (elements ${injected}, __xss ${xss})`);
        const shot = await helpers.screenshot('scan-panel-critical');
        return `1 row (${CRITICAL_ID}), payload rendered as text; ${path.basename(shot)}`;
      },
    },
    {
      name: 'after a window reload the panel is restored with its CRITICAL filter (serializer + state)',
      async run({ page, helpers, env }) {
        await helpers.runCommand('Developer: Reload Window');
        await page.waitForTimeout(1000);
        await page.locator('.monaco-workbench').waitFor({ timeout: env.stepTimeout });
        const frame = await helpers.findFrameWith('#counts button[data-severity="CRITICAL"][aria-pressed="true"]');
        await frame.waitForFunction(() => /showing 1 of 2/.test(document.querySelector('#shown').textContent));
        await frame.waitForFunction((id) => document.querySelector('#details h2 .id')?.textContent === id, CRITICAL_ID, { timeout: 5000 }).catch(() => undefined);
        const selected = await frame.textContent('#details h2 .id');
        if (selected !== CRITICAL_ID) throw new Error(`restored selection ${selected}`);
        return `restored: showing 1 of 2, ${selected} selected`;
      },
    },
    {
      name: 'a Dockerfile FROM naming the scanned image gets the scan diagnostic',
      async run({ page, helpers, workspace, env }) {
        fs.writeFileSync(path.join(workspace, 'scanned.Dockerfile'), `FROM ${SCANNED_IMAGE}\nRUN echo hi\n`);
        await helpers.openFile('scanned.Dockerfile');
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'shipshape-scan' }).first();
        await row.waitFor({ timeout: env.stepTimeout });
        const text = (await row.innerText()).replace(/\s*\n\s*/g, ' | ');
        if (!/1 critical, 1 low/.test(text)) throw new Error(`unexpected scan diagnostic: ${text}`);
        return text;
      },
    },
    {
      name: 'hovering the FROM reference shows the counts and "Open scan results" opens the panel',
      async run({ page, helpers, env }) {
        await page.locator('.tab.active', { hasText: 'scanned.Dockerfile' }).waitFor();
        const token = page.locator('.editor-instance .view-lines span', { hasText: 'trivy-test-images' }).first();
        const hover = page.locator('.monaco-hover:visible', { hasText: 'Scan results' }).first();
        for (let attempt = 0; attempt < 5; attempt++) {
          await page.mouse.move(0, 0);
          await token.hover();
          try { await hover.waitFor({ timeout: 3000 }); break; } catch { /* hover not up yet: move again */ }
        }
        await hover.waitFor({ timeout: env.stepTimeout });
        const text = (await hover.innerText()).replace(/\s*\n\s*/g, ' | ');
        if (!/critical:\s1\b/.test(text) || !/low:\s1\b/.test(text) || !/high:\s0\b/.test(text)) throw new Error(`unexpected hover: ${text}`);
        await hover.locator('a', { hasText: 'Open scan results' }).click();
        await page.locator('.tab.active', { hasText: 'Scan:' }).waitFor();
        await helpers.findFrameWith('#counts button[data-severity="CRITICAL"]');
        return text.slice(0, 160);
      },
    },
    {
      name: 'Scan Image runs Trivy (a stand-in replaying a real report) with an argument array',
      async run({ page, helpers, fakeTrivy }) {
        await helpers.runCommand('View: Close All Editors');
        await helpers.runCommand('Shipshape: Scan Image');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible' });
        await input.fill('alpine:3.10');
        await page.keyboard.press('Enter');
        const frame = await helpers.findFrameWith('#counts button[data-severity="MEDIUM"]');
        await frame.waitForFunction(() => /showing all 4/.test(document.querySelector('#shown').textContent));
        const medium = await frame.textContent('#counts button[data-severity="MEDIUM"] .n');
        if (medium !== '4') throw new Error(`MEDIUM count ${medium}`);
        const argv = JSON.parse(fs.readFileSync(fakeTrivy.argv, 'utf8'));
        if (argv.join(' ') !== 'image --format json --no-progress alpine:3.10') throw new Error(`trivy argv ${JSON.stringify(argv)}`);
        await helpers.screenshot('scan-image-trivy');
        return `4 MEDIUM; trivy ${argv.join(' ')}`;
      },
    },
    {
      name: 'Scan Workspace runs trivy fs on the folder; a secret finding opens its file at the line',
      async run({ page, helpers, workspace, fakeTrivy }) {
        fs.writeFileSync(path.join(workspace, 'deploy.sh'), '#!/bin/sh\n\nexport AWS_ACCESS_KEY_ID=AKIA0000000000000000\n');
        await helpers.runCommand('View: Close All Editors');
        await helpers.runCommand('Shipshape: Scan Workspace');
        const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Vulnerabilities, secrets and misconfigurations' }).first();
        await pick.waitFor();
        await pick.click();
        const frame = await helpers.findFrameWith('#rows .row .cell.id');
        await frame.waitForFunction(() => /showing all 2/.test(document.querySelector('#shown').textContent));
        const argv = JSON.parse(fs.readFileSync(fakeTrivy.argv, 'utf8'));
        if (argv.slice(0, 5).join(' ') !== 'fs --format json --no-progress --scanners' || argv.at(-1) !== workspace) throw new Error(`trivy argv ${JSON.stringify(argv)}`);
        await frame.click('#rows .row:has-text("aws-access-key-id")');
        await frame.click('#details button:has-text("Open deploy.sh:3")');
        await page.locator('.tab', { hasText: 'deploy.sh' }).waitFor();
        const position = page.locator('.statusbar-item', { hasText: /^Ln \d+, Col/ }).first();
        await position.waitFor();
        const where = await position.innerText();
        if (!/^Ln 3,/.test(where)) throw new Error(`deploy.sh opened at ${where}, expected line 3`);
        return `2 secrets; trivy ${argv.slice(0, -1).join(' ')} <workspace>; deploy.sh opened at ${where}`;
      },
    },
    {
      name: 'Scan Image without Trivy shows the "Trivy missing" state with install instructions',
      async run({ page, helpers, fakeTrivy }) {
        fs.rmSync(fakeTrivy.path);
        await helpers.runCommand('View: Close All Editors');
        await helpers.runCommand('Shipshape: Scan Image');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible' });
        await input.fill('alpine:3.10');
        await page.keyboard.press('Enter');
        const frame = await helpers.findFrameWith('#message.warning .install');
        const title = await frame.textContent('#message h2');
        const install = await frame.textContent('#message .install');
        if (title !== 'Trivy is not installed' || !/trivy/.test(install)) throw new Error(`unexpected state: ${title} / ${install}`);
        await helpers.screenshot('scan-trivy-missing');
        await helpers.runCommand('View: Close All Editors');
        // Leave the workbench as later checks expect it: the file explorer in the side bar.
        await helpers.runCommand('View: Show Explorer');
        await page.locator('.explorer-folders-view').waitFor();
        return `${title}; install: ${install.split('\n').find((l) => !l.startsWith('#'))}`;
      },
    },
  ],
};
