'use strict';
// The workbench loads and the packaged extension activates in the extension host.
module.exports = {
  checks: [
    {
      name: 'workbench loads',
      async run({ page, url, env }) {
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await page.locator('.monaco-workbench').waitFor({ timeout: env.stepTimeout });
        await page.locator('.part.statusbar').waitFor({ timeout: env.stepTimeout });
        return 'workbench DOM ready';
      },
    },
  ],
};
