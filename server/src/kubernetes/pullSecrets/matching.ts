// The kubelet's credential lookup (pkg/credentialprovider keyring): which dockerconfig key
// applies to which image.
import { DEFAULT_DOMAIN, type ImageReference } from '../../image/reference';

interface ParsedKey { hostParts: string[]; port: string; path: string; defaultRegistry: boolean }

/** Normalises a dockerconfig key as the keyring does: URL-parsed, `/v1/` `/v2/` dropped. */
export function parseAuthKey(key: string): ParsedKey | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(key) ? key : `https://${key}`;
  let url: URL;
  try { url = new URL(withScheme); } catch { return undefined; }
  let path = decodeURIComponent(url.pathname);
  if (path.startsWith('/v2/') || path.startsWith('/v1/')) path = path.slice(3);
  if (path === '/') path = '';
  const host = url.hostname.toLowerCase();
  return { hostParts: host.split('.'), port: url.port, path, defaultRegistry: host === 'index.docker.io' || host === 'docker.io' };
}

function splitImage(ref: ImageReference): { hostParts: string[]; port: string; path: string } {
  const registry = ref.registry.toLowerCase();
  const colon = registry.lastIndexOf(':');
  const isPort = colon > registry.lastIndexOf(']');
  const host = isPort ? registry.slice(0, colon) : registry;
  return { hostParts: host.split('.'), port: isPort ? registry.slice(colon + 1) : '', path: `/${ref.repository}` };
}

/** Go's filepath.Match for one host label: `*`, `?` and `[...]`. */
export function globMatch(pattern: string, text: string): boolean {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return false;
      let set = pattern.slice(i + 1, end);
      if (set.startsWith('^')) set = '!' + set.slice(1);
      source += set.startsWith('!') ? `[^${set.slice(1).replace(/\\/g, '\\\\')}]` : `[${set.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  try { return new RegExp(source + '$').test(text); } catch { return false; }
}

// Every image of a file is checked against every auth key of every Secret on each keystroke; the
// answer depends only on the key and the image's registry and repository, so it is remembered
// (URL parsing and glob compilation were a third of a 1,000-object file's lint).
const MATCH_CACHE_LIMIT = 50_000;
const matchCache = new Map<string, boolean>();

/** Does a dockerconfig key cover this image for the kubelet? */
export function authKeyMatches(key: string, ref: ImageReference): boolean {
  const cacheKey = `${key}\n${ref.registry}\n${ref.repository}`;
  let matches = matchCache.get(cacheKey);
  if (matches === undefined) {
    if (matchCache.size >= MATCH_CACHE_LIMIT) matchCache.clear();
    matches = computeAuthKeyMatches(key, ref);
    matchCache.set(cacheKey, matches);
  }
  return matches;
}

function computeAuthKeyMatches(key: string, ref: ImageReference): boolean {
  const parsed = parseAuthKey(key);
  if (!parsed) return false;
  const image = splitImage(ref);
  if (parsed.defaultRegistry && ref.registry === DEFAULT_DOMAIN) return image.path.startsWith(parsed.path);
  if (parsed.hostParts.length !== image.hostParts.length) return false;
  if (parsed.port !== image.port) return false;
  for (let i = 0; i < parsed.hostParts.length; i++) {
    if (!globMatch(parsed.hostParts[i]!, image.hostParts[i]!)) return false;
  }
  return image.path.startsWith(parsed.path);
}

/** The registry (host[:port]) a key names, normalised like image registries. */
export function authKeyRegistry(key: string): string | undefined {
  const parsed = parseAuthKey(key);
  if (!parsed) return undefined;
  if (parsed.defaultRegistry) return DEFAULT_DOMAIN;
  const host = parsed.hostParts.join('.');
  return parsed.port ? `${host}:${parsed.port}` : host;
}
