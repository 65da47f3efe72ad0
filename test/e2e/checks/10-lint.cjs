'use strict';
// The real language server's DL3007 diagnostic shows in the Problems panel for examples/Dockerfile,
// and a rule's own quick fix (looked up by the server among the published findings) applies.
const fs = require('node:fs');
const path = require('node:path');

const FIX_FILE = 'quickfix.Dockerfile';
const FIX_TITLE = 'Replace with LABEL org.opencontainers.image.authors';

module.exports = {
  async prepare(ctx) {
    fs.mkdirSync(path.join(ctx.workspace, 'quickfix'), { recursive: true });
    fs.writeFileSync(path.join(ctx.workspace, 'quickfix', FIX_FILE), 'FROM debian:12\nMAINTAINER ops@example.com\n');
  },
  checks: [
    {
      name: 'Dockerfile opens and the extension activates',
      async run({ page, helpers }) {
        await helpers.openFile('Dockerfile');
        await page.locator('.editor-instance .view-lines', { hasText: 'FROM' }).first().waitFor();
        const line = await helpers.waitForActivation();
        return line.replace(/^\S+ \S+ \[\w+\] /, '');
      },
    },
    {
      name: 'DL3007 from the language server is listed in the Problems panel',
      async run({ page, helpers, env }) {
        await page.keyboard.press('Control+Shift+M');
        const panel = page.locator('.markers-panel');
        const row = panel.locator('.monaco-list-row', { hasText: 'DL3007' }).first();
        await row.waitFor({ timeout: env.stepTimeout });
        const text = (await row.innerText()).replace(/\s*\n\s*/g, ' | ');
        if (!/shipshape/.test(text) || !/latest/i.test(text)) throw new Error(`unexpected Problems row: ${text}`);
        await helpers.screenshot('lint-problems');
        return `Problems row: "${text}"`;
      },
    },
    {
      name: 'the quick fix of MaintainerDeprecated replaces the instruction and the finding goes away',
      async run({ page, helpers, env }) {
        await helpers.openFile(FIX_FILE);
        await page.locator('.editor-instance .view-lines', { hasText: 'MAINTAINER' }).first().click();
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'MaintainerDeprecated' }).first().waitFor({ timeout: env.stepTimeout });
        await helpers.goToPosition(2, 3);
        await page.keyboard.press('Control+.');
        await page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first().waitFor({ timeout: env.stepTimeout });
        // The action list animates in; choose with the keyboard like a user would.
        for (let i = 0; i < 10; i++) {
          const focused = await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label').catch(() => null);
          if (focused === FIX_TITLE) break;
          await page.keyboard.press('ArrowDown');
        }
        await page.keyboard.press('Enter');
        await page.locator('.editor-instance .view-lines', { hasText: 'LABEL org.opencontainers.image.authors' }).first().waitFor({ timeout: env.stepTimeout });
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'MaintainerDeprecated' }).first().waitFor({ state: 'detached', timeout: env.stepTimeout });
        return 'MAINTAINER replaced by the LABEL, MaintainerDeprecated gone from Problems';
      },
    },
  ],
};
