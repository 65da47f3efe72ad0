'use strict';
// ShellCheck findings from the real language server (shellcheck on PATH, trusted workspace), and
// the "Ignore <ID> here" code action inserting a hadolint pragma that silences them.
const fs = require('node:fs');
const path = require('node:path');

const FILE = 'shellcheck.Dockerfile';

module.exports = {
  async prepare(ctx) {
    fs.mkdirSync(path.join(ctx.workspace, 'shellcheck'), { recursive: true });
    fs.writeFileSync(path.join(ctx.workspace, 'shellcheck', FILE), 'FROM debian:12\nRUN echo "$lower_var"\n');
  },
  checks: [
    {
      name: 'ShellCheck SC2154 for a RUN script is listed in the Problems panel',
      async run({ page, helpers, env }) {
        await helpers.openFile(FILE);
        await page.locator('.editor-instance .view-lines', { hasText: 'lower_var' }).first().waitFor();
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'SC2154' }).first();
        await row.waitFor({ timeout: env.stepTimeout });
        const text = (await row.innerText()).replace(/\s*\n\s*/g, ' | ');
        if (!/lower_var is referenced but not assigned/.test(text)) throw new Error(`unexpected Problems row: ${text}`);
        await helpers.screenshot('shellcheck-problems');
        return `Problems row: "${text}"`;
      },
    },
    {
      name: '"Ignore SC2154 here" inserts a hadolint pragma and the finding goes away',
      async run({ page, helpers, env }) {
        await page.locator('.editor-instance .view-lines', { hasText: 'lower_var' }).first().click();
        await helpers.goToPosition(2, 12);
        await page.keyboard.press('Control+.');
        const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Ignore SC2154 here' }).first();
        await item.waitFor({ timeout: env.stepTimeout });
        // The action list animates in; choose with the keyboard like a user would.
        for (let i = 0; i < 10; i++) {
          const focused = await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label').catch(() => null);
          if (focused === 'Ignore SC2154 here') break;
          await page.keyboard.press('ArrowDown');
        }
        await page.keyboard.press('Enter');
        await page.locator('.editor-instance .view-lines', { hasText: 'hadolint ignore=SC2154' }).first().waitFor({ timeout: env.stepTimeout });
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'SC2154' }).first().waitFor({ state: 'detached', timeout: env.stepTimeout });
        await helpers.screenshot('shellcheck-ignored');
        return 'pragma inserted, SC2154 gone from Problems';
      },
    },
  ],
};
