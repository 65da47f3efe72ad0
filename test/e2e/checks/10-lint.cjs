'use strict';
// The real language server's DL3007 diagnostic shows in the Problems panel for examples/Dockerfile.
module.exports = {
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
  ],
};
