// Messages between the scan results webview and the extension. The webview renders scanner
// data, so everything it sends is treated as untrusted and checked here before it is acted on.
import { isObject } from './model';

export type PanelRequest =
  | { type: 'ready' }
  | { type: 'openExternal'; url: string }
  | { type: 'export'; format: 'sarif' | 'json' }
  | { type: 'revealFinding'; index: number }
  | { type: 'openSettings' }
  | { type: 'rescan' };

const MAX_URL = 2048;

/** A valid request, or undefined for anything else (wrong type, extra junk, bad URL). */
export function validatePanelRequest(message: unknown): PanelRequest | undefined {
  if (!isObject(message) || typeof message.type !== 'string') return undefined;
  switch (message.type) {
    case 'ready':
    case 'openSettings':
    case 'rescan':
      return { type: message.type };
    case 'openExternal':
      return typeof message.url === 'string' && isSafeExternalUrl(message.url) ? { type: 'openExternal', url: message.url } : undefined;
    case 'export':
      return message.format === 'sarif' || message.format === 'json' ? { type: 'export', format: message.format } : undefined;
    case 'revealFinding':
      return typeof message.index === 'number' && Number.isInteger(message.index) && message.index >= 0 ? { type: 'revealFinding', index: message.index } : undefined;
    default:
      return undefined;
  }
}

/** Only http(s) links leave the editor: no `command:`, `file:`, `javascript:` or `vscode:` URIs. */
export function isSafeExternalUrl(text: string): boolean {
  if (text.length > MAX_URL) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
