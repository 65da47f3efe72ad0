'use strict';
// Playwright helpers shared by the e2e check modules.
const fs = require('fs');
const path = require('path');

function createHelpers(ctx, userDataDir) {
  const { page, env } = ctx;

  /** Waits for "ExtensionService#_doActivateExtension <id>," in the extension host log. */
  async function waitForActivation(extensionId = env.extensionId, timeoutMs = env.stepTimeout) {
    const needle = `_doActivateExtension ${extensionId},`;
    const logsRoot = path.join(userDataDir, 'logs');
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        for (const session of fs.readdirSync(logsRoot)) {
          const sessionDir = path.join(logsRoot, session);
          for (const host of fs.readdirSync(sessionDir).filter((d) => d.startsWith('exthost'))) {
            const file = path.join(sessionDir, host, 'remoteexthost.log');
            if (!fs.existsSync(file)) continue;
            const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.includes(needle));
            if (line) return line.trim();
          }
        }
      } catch { /* logs not there yet */ }
      await page.waitForTimeout(200);
    }
    throw new Error(`no "${needle}" in ${logsRoot}/*/exthost*/remoteexthost.log`);
  }

  async function runCommand(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>' + title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  /** Opens a workspace file through Quick Open (name or relative path) and waits for its tab. */
  async function openFile(relativePath) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    const name = path.basename(relativePath);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor();
  }

  /**
   * Moves the cursor with Go to Line (`line:column`, 1-based) and waits until the status bar shows
   * it there. Enter pressed right after filling the input is sometimes taken before the input
   * has read the value (the cursor stays put): then it tries again.
   */
  async function goToPosition(line, column) {
    const status = page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`:${line}:${column}`);
      await page.waitForTimeout(100);
      await page.keyboard.press('Enter');
      try {
        await status.waitFor({ timeout: 3000 });
        return;
      } catch (error) {
        if (attempt >= 3) throw new Error(`the cursor did not reach Ln ${line}, Col ${column}: ${error.message}`);
        await page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Right-clicks `target` and chooses `label` in its context menu. VS Code's context menu ignores
   * a click that comes right after it opened (it guards against the right-button release): hover,
   * let it settle, click, and fall back to Enter on the focused item if the menu is still open.
   */
  async function contextMenu(target, label) {
    await target.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: label }).first();
    await item.hover({ timeout: env.stepTimeout });
    await page.waitForTimeout(400);
    await item.click({ timeout: env.stepTimeout });
    await page.waitForTimeout(500);
    if (await page.locator('.monaco-menu').first().isVisible().catch(() => false)) await page.keyboard.press('Enter');
  }

  async function findFrameWith(selector, timeoutMs = env.stepTimeout) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of page.frames()) {
        try { if (await frame.$(selector)) return frame; } catch { /* frame navigating */ }
      }
      await page.waitForTimeout(200);
    }
    throw new Error(`no frame contains ${selector}`);
  }

  async function screenshot(name) {
    const file = path.join(ctx.outDir, name.endsWith('.png') ? name : `${name}.png`);
    await page.screenshot({ path: file });
    return file;
  }

  return { waitForActivation, runCommand, openFile, goToPosition, contextMenu, findFrameWith, screenshot };
}

module.exports = { createHelpers };
