// The kubelet's credential lookup (pkg/credentialprovider keyring.go): which dockerconfig key
// applies to which image. The kubelet normalises the image (ParseNormalizedNamed, then Name():
// `docker.io/library/nginx`), turns every dockerconfig key into a keyring key (Go URL parse, `/v1/`
// `/v2/` dropped) and matches keyring key against image name as schemeless URLs: equal port, equal
// number of host labels, each label glob-matched (Go filepath.Match, case-sensitive), key path a
// string prefix of the image path. When no key matches, the key `index.docker.io` (e.g. from
// `https://index.docker.io/v1/`) serves any image whose first component has no `.` or `:` or is
// `docker.io` / `index.docker.io`. URLs are parsed the way Go's net/url does (not WHATWG: no
// lowercasing, no default-port removal, no IDNA), since that decides which keys match.
import { DEFAULT_DOMAIN, normalisedName, type ImageReference } from '../../image/reference';

const DEFAULT_REGISTRY_HOST = 'index.docker.io';

// ---------------------------------------------------------------------------------------------
// Go's net/url.Parse, reduced to what the keyring reads: Host (with port, without user info) and
// the decoded Path. undefined where Go returns an error.

interface GoUrl { host: string; path: string }

const HEX = /^[0-9a-fA-F]{2}$/;

/** Go's shouldEscape(c, encodeHost) for an ASCII byte: true means "not allowed in a host". */
function hostByteNeedsEscape(c: string): boolean {
  if (/[a-zA-Z0-9]/.test(c)) return false;
  return !"!$&'()*+,;=:[]<>\"-_.~".includes(c);
}

/** Go's unescape(s, mode) for encodeHost and encodePath; bytes kept as latin1 code units. */
function goUnescape(s: string, mode: 'host' | 'path' | 'other'): string | undefined {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x25 /* % */) {
      const pair = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0);
      if (i + 2 >= raw.length || !HEX.test(pair)) return undefined;
      // In a host only %25 and escapes of non-ASCII bytes are accepted.
      if (mode === 'host' && parseInt(pair[0]!, 16) < 8 && pair !== '25') return undefined;
      bytes.push(parseInt(pair, 16));
      i += 2;
      continue;
    }
    if (mode === 'host' && b < 0x80 && hostByteNeedsEscape(String.fromCharCode(b))) return undefined;
    bytes.push(b);
  }
  const decoded = Buffer.from(bytes);
  // Hosts are glob-matched rune by rune: UTF-8. Paths are compared byte-wise: latin1 keeps bytes.
  return mode === 'host' ? decoded.toString('utf8') : decoded.toString('latin1');
}

const validOptionalPort = (port: string) => port === '' || /^:[0-9]*$/.test(port);

function goParseHost(host: string): string | undefined {
  if (host.startsWith('[')) {
    const end = host.lastIndexOf(']');
    if (end < 0 || !validOptionalPort(host.slice(end + 1))) return undefined;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return undefined;
  }
  return goUnescape(host, 'host');
}

const USERINFO_RE = /^[a-zA-Z0-9\-._:~!$&'()*+,;=%@]*$/;

/** Go's url.Parse for `http://` / `https://` URLs (the only kind the keyring builds). */
export function goParseUrl(raw: string): GoUrl | undefined {
  if (/[\x00-\x1f\x7f]/.test(raw)) return undefined;
  const hash = raw.indexOf('#');
  if (hash >= 0 && goUnescape(raw.slice(hash + 1), 'other') === undefined) return undefined;
  const withoutFragment = hash >= 0 ? raw.slice(0, hash) : raw;
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(withoutFragment);
  if (!scheme) return undefined;
  let rest = withoutFragment.slice(scheme[0].length);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  let authority = '';
  if (rest.startsWith('//')) {
    authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
  }
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!USERINFO_RE.test(userinfo) || goUnescape(userinfo, 'other') === undefined) return undefined;
  }
  const host = goParseHost(authority.slice(at + 1));
  if (host === undefined) return undefined;
  const path = goUnescape(rest, 'path');
  if (path === undefined) return undefined;
  return { host, path };
}

/** Go's net.SplitHostPort; undefined where it fails (the keyring then keeps the whole host). */
function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const colon = hostport.lastIndexOf(':');
  if (colon < 0) return undefined;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 !== colon) return undefined;
    host = hostport.slice(1, end);
    [j, k] = [1, end + 1];
  } else {
    host = hostport.slice(0, colon);
    if (host.includes(':')) return undefined;
  }
  if (hostport.slice(j).includes('[') || hostport.slice(k).includes(']')) return undefined;
  return { host, port: hostport.slice(colon + 1) };
}

// ---------------------------------------------------------------------------------------------
// Go's path/filepath.Match (Unix): `*`, `?`, `[...]` with `^` negation and ranges, `\` escapes.
// A malformed pattern is an error, which the keyring treats as "no match".

const globCache = new Map<string, RegExp | null>();

function compileGlob(pattern: string): RegExp | null {
  const chars = [...pattern];
  const lit = (c: string) => `\\u{${c.codePointAt(0)!.toString(16)}}`;
  let source = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\') {
      if (++i >= chars.length) return null;
      source += lit(chars[i]!);
    } else if (c === '[') {
      i++;
      const negated = chars[i] === '^';
      if (negated) i++;
      const ranges: string[] = [];
      let count = 0;
      // getEsc: a class character, `\`-escaped or not; never a bare `-` or `]`, never the end.
      const getEsc = (): string | null => {
        let ch = chars[i];
        if (ch === undefined || ch === '-' || ch === ']') return null;
        if (ch === '\\') {
          ch = chars[++i];
          if (ch === undefined) return null;
        }
        i++;
        return i < chars.length ? ch : null;
      };
      for (;;) {
        if (chars[i] === ']' && count > 0) break;
        const lo = getEsc();
        if (lo === null) return null;
        let hi = lo;
        if (chars[i] === '-') {
          i++;
          const h = getEsc();
          if (h === null) return null;
          hi = h;
        }
        if (lo.codePointAt(0)! <= hi.codePointAt(0)!) ranges.push(`${lit(lo)}-${lit(hi)}`);
        count++;
      }
      source += `[${negated ? '^' : ''}${ranges.join('')}]`;
    } else source += lit(c);
  }
  try {
    return new RegExp(`^${source}$`, 'u');
  } catch {
    return null;
  }
}

/** Go's filepath.Match for one host label. */
export function globMatch(pattern: string, text: string): boolean {
  let re = globCache.get(pattern);
  if (re === undefined) {
    re = compileGlob(pattern);
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re !== null && re.test(text);
}

// ---------------------------------------------------------------------------------------------
// The keyring

/** BasicDockerKeyring.Add: the keyring key for a dockerconfig key, or undefined when ignored. */
export function keyringKey(dockerConfigKey: string): string | undefined {
  const value = dockerConfigKey.startsWith('https://') || dockerConfigKey.startsWith('http://') ? dockerConfigKey : `https://${dockerConfigKey}`;
  const parsed = goParseUrl(value);
  if (!parsed) return undefined;
  let path = parsed.path;
  if (path.startsWith('/v2/') || path.startsWith('/v1/')) path = path.slice(3);
  return path.length > 0 && path !== '/' ? parsed.host + path : parsed.host;
}

interface SchemelessUrl { parts: string[]; port: string; path: string }

function parseSchemeless(text: string): SchemelessUrl | undefined {
  const parsed = goParseUrl(`https://${text}`);
  if (!parsed) return undefined;
  const split = splitHostPort(parsed.host);
  return { parts: (split?.host ?? parsed.host).split('.'), port: split?.port ?? '', path: parsed.path };
}

/** The keyring's urlsMatchStr: does the (glob) keyring key match the target? */
export function urlsMatch(glob: string, target: string): boolean {
  const g = parseSchemeless(glob);
  const t = parseSchemeless(target);
  if (!g || !t) return false;
  if (g.port !== t.port) return false;
  if (g.parts.length !== t.parts.length) return false;
  if (!t.path.startsWith(g.path)) return false;
  return g.parts.every((part, i) => globMatch(part, t.parts[i]!));
}

/** The keyring's isDefaultRegistryMatch: does Docker Hub's fallback key serve this image name? */
export function isDefaultRegistryMatch(image: string): boolean {
  const slash = image.indexOf('/');
  const first = slash < 0 ? image : image.slice(0, slash);
  if (first.length === 0) return false;
  if (slash < 0) return true;
  if (first === 'docker.io' || first === DEFAULT_REGISTRY_HOST) return true;
  return !/[.:]/.test(first);
}

/**
 * Does the dockerconfig key give the kubelet credentials for this image name (as the kubelet
 * looks it up)? Either by matching it, or as Docker Hub's fallback key `index.docker.io` (used
 * when no key of the pod's keyring matches; the answer "some credentials are sent" is the same).
 */
export function authKeyCoversName(dockerConfigKey: string, imageName: string): boolean {
  const key = keyringKey(dockerConfigKey);
  if (key === undefined) return false;
  if (urlsMatch(key, imageName)) return true;
  return key === DEFAULT_REGISTRY_HOST && isDefaultRegistryMatch(imageName);
}

// Every image of a file is checked against every auth key of every Secret on each keystroke; the
// answer depends only on the key and the image's registry and repository, so it is remembered
// (URL parsing and glob compilation were a third of a 1,000-object file's lint).
const MATCH_CACHE_LIMIT = 50_000;
const matchCache = new Map<string, boolean>();

/** Does a dockerconfig key cover this image for the kubelet? */
export function authKeyMatches(key: string, ref: ImageReference): boolean {
  const name = normalisedName(ref);
  const cacheKey = `${key}\n${name}`;
  let matches = matchCache.get(cacheKey);
  if (matches === undefined) {
    if (matchCache.size >= MATCH_CACHE_LIMIT) matchCache.clear();
    matches = authKeyCoversName(key, name);
    matchCache.set(cacheKey, matches);
  }
  return matches;
}

interface ParsedKey { hostParts: string[]; port: string; path: string; defaultRegistry: boolean }

/** A dockerconfig key as the keyring sees it (undefined when the kubelet ignores the entry). */
export function parseAuthKey(key: string): ParsedKey | undefined {
  const k = keyringKey(key);
  const parsed = k === undefined ? undefined : parseSchemeless(k);
  if (!parsed) return undefined;
  const host = parsed.parts.join('.');
  return { hostParts: parsed.parts, port: parsed.port, path: parsed.path, defaultRegistry: host === DEFAULT_REGISTRY_HOST || host === DEFAULT_DOMAIN };
}

/** The registry (host[:port]) a key names, normalised like image registries. */
export function authKeyRegistry(key: string): string | undefined {
  const parsed = parseAuthKey(key);
  if (!parsed) return undefined;
  if (parsed.defaultRegistry) return DEFAULT_DOMAIN;
  const host = parsed.hostParts.join('.');
  return parsed.port ? `${host}:${parsed.port}` : host;
}
