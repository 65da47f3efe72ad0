import assert from 'node:assert/strict';
import { test } from 'node:test';
import { panelHtml } from '../../client/src/scan/panelHtml';

test('panel HTML: strict CSP with a fresh nonce, no inline script or handlers, no data', () => {
  const html = panelHtml({ cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x.vscode-cdn.net/media/scan/panel.js', styleUri: 'https://x.vscode-cdn.net/media/scan/panel.css' });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp);
  assert.match(csp, /default-src 'none'/);
  const nonce = /script-src 'nonce-([A-Za-z0-9]+)'/.exec(csp)?.[1];
  assert.ok(nonce && nonce.length >= 16);
  assert.ok(!/unsafe-inline|unsafe-eval/.test(csp));
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.ok(scripts[0]![1]!.includes(`nonce="${nonce}"`));
  assert.equal(scripts[0]![2]!.trim(), '', 'no inline script body');
  assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
  const other = panelHtml({ cspSource: 'a', scriptUri: 'b', styleUri: 'c' });
  assert.notEqual(/nonce-([A-Za-z0-9]+)/.exec(other)?.[1], nonce, 'a new nonce each time');
});

test('panel HTML escapes the resource URIs it is given', () => {
  const html = panelHtml({ cspSource: 'x', scriptUri: 'https://a/"><script>alert(1)</script>', styleUri: 'c', nonce: 'n' });
  assert.ok(!html.includes('"><script>alert(1)'));
});
