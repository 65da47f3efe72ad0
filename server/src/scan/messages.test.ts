import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSafeExternalUrl, validatePanelRequest } from './messages';

test('valid panel requests pass, normalised to their known fields', () => {
  assert.deepEqual(validatePanelRequest({ type: 'ready', extra: '<script>' }), { type: 'ready' });
  assert.deepEqual(validatePanelRequest({ type: 'export', format: 'sarif' }), { type: 'export', format: 'sarif' });
  assert.deepEqual(validatePanelRequest({ type: 'openExternal', url: 'https://avd.aquasec.com/nvd/cve-2019-1549' }), { type: 'openExternal', url: 'https://avd.aquasec.com/nvd/cve-2019-1549' });
  assert.deepEqual(validatePanelRequest({ type: 'revealFinding', index: 3 }), { type: 'revealFinding', index: 3 });
});

test('anything else is dropped', () => {
  for (const bad of [null, 'ready', 42, {}, { type: 'eval', code: 'x' }, { type: 'export', format: 'html' },
    { type: 'openExternal', url: 'command:workbench.action.terminal.new' }, { type: 'openExternal', url: 'javascript:alert(1)' },
    { type: 'openExternal', url: 'file:///etc/passwd' }, { type: 'openExternal', url: 'vscode://x' }, { type: 'openExternal', url: 42 },
    { type: 'revealFinding', index: -1 }, { type: 'revealFinding', index: 1.5 }, { type: 'revealFinding', index: '1' }]) {
    assert.equal(validatePanelRequest(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(isSafeExternalUrl('https://user:pw@example.com/'), false);
  assert.equal(isSafeExternalUrl('https://example.com/' + 'a'.repeat(3000)), false);
});
