// Build-time variable substitution the way BuildKit does it for FROM and other instructions:
// `$X`, `${X}`, `${X:-default}`, `${X-default}`, `${X:+alt}`, `${X+alt}`. A value that depends
// on the build (a build-arg without default, the platform) is "unknown" — never guessed.

/** What is known about one variable at a point of the file. */
export type VariableValue =
  /** Declared with a value (a default, or an ENV). */
  | { kind: 'value'; value: string }
  /** Declared without a default: empty unless a build-arg sets it. */
  | { kind: 'unset' }
  /** Always set by the builder, value depends on the build (TARGETPLATFORM…). */
  | { kind: 'unknown' };

export type VariableLookup = (name: string) => VariableValue | undefined;

export type Substitution =
  | { known: true; value: string; usedVariables: string[] }
  | { known: false; usedVariables: string[]; undefinedVariables: string[] };

/** Automatic platform ARGs (BuildKit): always defined, values depend on the build. */
export const PLATFORM_ARGS = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
] as const;

/** Predefined ARGs usable without declaration in RUN (not in FROM): the proxies. */
export const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'] as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Substitutes variables in `text`. Undeclared variables expand to the empty string (as BuildKit
 * does) and are listed in `undefinedVariables`; unknown values make the whole result unknown.
 */
export function substitute(text: string, lookup: VariableLookup, escape = '\\'): Substitution {
  const used: string[] = [];
  const undefinedVariables: string[] = [];
  let unknown = false;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === escape && text[i + 1] === '$') { out += '$'; i += 2; continue; }
    if (c !== '$') { out += c; i++; continue; }
    if (text[i + 1] === '{') {
      const close = findClose(text, i + 2);
      if (close < 0) { out += text.slice(i); break; }
      const inner = text.slice(i + 2, close);
      i = close + 1;
      const name = NAME.exec(inner)?.[0];
      if (!name) { out += '${' + inner + '}'; continue; }
      const op = inner.slice(name.length);
      const state = resolveState(name, lookup, used, undefinedVariables);
      const nested = (word: string): string | undefined => {
        const r = substitute(word, lookup, escape);
        used.push(...r.usedVariables);
        if (!r.known) { undefinedVariables.push(...r.undefinedVariables); return undefined; }
        return r.value;
      };
      const m = /^(:?)([-+?])([\s\S]*)$/.exec(op);
      if (op === '') {
        if (state === 'unknown' || state === 'unset') unknown = true; else out += state.value;
      } else if (m) {
        const [, colon, kind, word] = m as unknown as [string, string, string, string];
        // With a colon an empty value counts as unset.
        const isSet = (s: Exclude<typeof state, 'unknown' | 'unset'>): boolean => s.defined && (colon === '' || s.value !== '');
        if (kind === '-') {
          if (state === 'unknown') unknown = true;
          else if (state === 'unset' || !isSet(state)) { const w = nested(word); if (w === undefined) unknown = true; else out += w; }
          else out += state.value;
        } else if (kind === '+') {
          if (state === 'unknown') unknown = true;
          else if (state !== 'unset' && isSet(state)) { const w = nested(word); if (w === undefined) unknown = true; else out += w; }
          // unset or empty: expands to nothing.
        } else {
          if (state === 'unknown' || state === 'unset') unknown = true; else out += state.value;
        }
      } else {
        // Pattern operations (`${X%…}`, `${X#…}`, `${X/…}`): not evaluated.
        unknown = true;
      }
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) { out += c; i++; continue; }
    i += 1 + name.length;
    const state = resolveState(name, lookup, used, undefinedVariables);
    if (state === 'unknown' || state === 'unset') unknown = true; else out += state.value;
  }
  return unknown ? { known: false, usedVariables: used, undefinedVariables } : { known: true, value: out, usedVariables: used };
}

type State = 'unknown' | 'unset' | { defined: boolean; value: string };

function resolveState(name: string, lookup: VariableLookup, used: string[], undefinedVariables: string[]): State {
  used.push(name);
  const v = lookup(name);
  if (v === undefined) { undefinedVariables.push(name); return { defined: false, value: '' }; }
  if (v.kind === 'value') return { defined: true, value: v.value };
  return v.kind;
}

function findClose(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}
