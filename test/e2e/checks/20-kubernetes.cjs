'use strict';
// Kubernetes manifests in real VS Code: diagnostics on the exact line, a pull-secret hover that
// names the Secret in another file, and the file watcher re-publishing a Deployment's diagnostics
// when that Secret changes on disk.
const fs = require('fs');
const path = require('path');

const SECRET = path.join('k8s', 'secret-regcred.yaml');

/** Opens the Problems panel (without toggling it shut) and filters it to `glob`. */
async function showProblemsFor(page, glob) {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  const filter = page.getByPlaceholder(/^Filter/).first();
  await filter.waitFor({ state: 'visible' });
  await filter.fill(glob);
}

async function clearProblemsFilter(page) {
  const filter = page.getByPlaceholder(/^Filter/).first();
  if (await filter.isVisible()) await filter.fill('');
}

/** The Problems panel row that mentions `text`. */
async function problemRow(page, text, timeout) {
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout });
  return (await row.innerText()).replace(/\s*\n\s*/g, ' | ');
}

module.exports = {
  checks: [
    {
      name: 'k8s/deployment.yaml: image-tag-missing and k8s.gcr.io findings in the Problems panel',
      async run({ page, helpers, env }) {
        await helpers.openFile('k8s/deployment.yaml');
        await page.locator('.editor-instance .view-lines', { hasText: 'Deployment' }).first().waitFor();
        await showProblemsFor(page, '**/k8s/deployment.yaml');
        try {
          const missing = await problemRow(page, 'image-tag-missing', env.stepTimeout);
          const deprecated = await problemRow(page, 'image-registry-deprecated', env.stepTimeout);
          if (!/Ln 19, Col 11/.test(missing)) throw new Error(`image-tag-missing not on line 19: ${missing}`);
          await helpers.screenshot('k8s-problems');
          return `rows: "${missing}" / "${deprecated}"`;
        } finally {
          await clearProblemsFilter(page);
        }
      },
    },
    {
      name: 'hover on the pull-secret name shows the Secret from k8s/secret-regcred.yaml',
      async run({ page, helpers, env }) {
        await helpers.openFile('k8s/deployment.yaml');
        await helpers.goToPosition(16, 19);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover', { hasText: 'secret-regcred.yaml' }).first();
        await hover.waitFor({ timeout: env.stepTimeout });
        const text = (await hover.innerText()).replace(/\s*\n\s*/g, ' | ');
        if (!/registry\.example\.com/.test(text)) throw new Error(`hover without registries: ${text}`);
        if (/ZGVtbzpkZW1v|demo:demo/.test(text)) throw new Error('hover shows credentials');
        await helpers.screenshot('k8s-hover');
        await page.keyboard.press('Escape');
        return `hover: "${text}"`;
      },
    },
    {
      name: 'moving the Secret to another namespace on disk re-publishes the Deployment (file watcher)',
      async run({ page, helpers, env, workspace }) {
        await helpers.openFile('k8s/deployment.yaml');
        await showProblemsFor(page, '**/k8s/deployment.yaml');
        const file = path.join(workspace, SECRET);
        const original = fs.readFileSync(file, 'utf8');
        fs.writeFileSync(file, original.replace('namespace: shop', 'namespace: billing'));
        try {
          const row = await problemRow(page, 'pull-secret-wrong-namespace', env.stepTimeout);
          await helpers.screenshot('k8s-wrong-namespace');
          return `after the change: "${row}"`;
        } finally {
          fs.writeFileSync(file, original);
          await clearProblemsFilter(page);
          // Leave the explorer as found: later checks look for rows near the top of the tree.
          await helpers.runCommand('Collapse Folders in Explorer');
        }
      },
    },
  ],
};
