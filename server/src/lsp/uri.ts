import { fileURLToPath } from 'node:url';

/** A file-system path for `file:` URIs; the URI's path for anything else (untitled, etc.). */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through */ }
  }
  const colon = uri.indexOf(':');
  return decodeURIComponent(colon >= 0 ? uri.slice(colon + 1) : uri);
}
