// Variable references in Dockerfile words, read the way BuildKit's shell lexer reads them for
// instructions it expands itself (FROM, ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME, ...):
// single quotes are literal, the escape character protects the next character, `${X:-d}` forms
// carry a nested word.

export interface VariableUse {
  name: string;
  /** Offsets of the whole `$X` / `${…}` in the word. */
  start: number;
  end: number;
  /** `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `%`…; undefined for a plain reference. */
  modifier?: string;
  /** Text after the modifier (the default, alternative, pattern or message). */
  operand?: string;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const MODIFIERS = [':-', ':+', ':?', ':=', '##', '%%', '-', '+', '?', '=', '#', '%', '/'];

/** Every variable reference in `word`, outermost first, including those nested in operands. */
export function scanVariables(word: string, escape = '\\'): VariableUse[] {
  const uses: VariableUse[] = [];
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote === "'") { if (ch === "'") quote = undefined; continue; }
    if (ch === escape) { i++; continue; }
    if (ch === '"' || ch === "'") { if (quote === ch) quote = undefined; else if (!quote) quote = ch; continue; }
    if (ch !== '$') continue;
    const use = readReference(word, i, escape);
    if (!use) continue;
    uses.push(use);
    if (use.operand) {
      const base = use.end - 1 - use.operand.length;
      for (const inner of scanVariables(use.operand, escape)) uses.push({ ...inner, start: inner.start + base, end: inner.end + base });
    }
    i = use.end - 1;
  }
  return uses;
}

function readReference(word: string, at: number, escape: string): VariableUse | undefined {
  const next = word[at + 1];
  if (next === undefined) return undefined;
  if (next !== '{') {
    if (!NAME_START.test(next)) return undefined;
    let end = at + 2;
    while (end < word.length && NAME_CHAR.test(word[end]!)) end++;
    return { name: word.slice(at + 1, end), start: at, end };
  }
  let nameEnd = at + 2;
  while (nameEnd < word.length && NAME_CHAR.test(word[nameEnd]!)) nameEnd++;
  const name = word.slice(at + 2, nameEnd);
  if (!name) return undefined;
  const close = matchingBrace(word, nameEnd, escape);
  if (close < 0) return undefined;
  const between = word.slice(nameEnd, close);
  if (between === '') return { name, start: at, end: close + 1 };
  const modifier = MODIFIERS.find((m) => between.startsWith(m));
  if (!modifier) return undefined;
  return { name, start: at, end: close + 1, modifier, operand: between.slice(modifier.length) };
}

function matchingBrace(word: string, from: number, escape: string): number {
  let depth = 1;
  for (let i = from; i < word.length; i++) {
    const ch = word[i]!;
    if (ch === escape) { i++; continue; }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

export interface Expansion {
  result: string;
  /** Names that had a value. */
  matched: Set<string>;
  /** Names referenced without a fallback that had no value. */
  unmatched: Set<string>;
  /** True when some reference could not be resolved (the result is then not trustworthy). */
  unresolved: boolean;
}

/**
 * Expands `word` against `env` (quotes and escapes removed, like BuildKit's ProcessWord).
 * `${X:-d}` / `${X-d}` / `${X:+a}` / `${X+a}` never count X as unmatched: they have a fallback.
 */
export function expandWord(word: string, env: ReadonlyMap<string, string>, escape = '\\'): Expansion {
  const out: Expansion = { result: '', matched: new Set(), unmatched: new Set(), unresolved: false };
  out.result = expandInto(word, env, escape, out);
  return out;
}

function expandInto(word: string, env: ReadonlyMap<string, string>, escape: string, out: Expansion): string {
  let result = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote === "'") { if (ch === "'") quote = undefined; else result += ch; continue; }
    if (ch === escape) { if (i + 1 < word.length) result += word[++i]; continue; }
    if (ch === '"' || ch === "'") {
      if (quote === ch) { quote = undefined; continue; }
      if (!quote) { quote = ch; continue; }
      result += ch;
      continue;
    }
    if (ch !== '$') { result += ch; continue; }
    const use = readReference(word, i, escape);
    if (!use) { result += ch; continue; }
    result += resolve(use, env, escape, out);
    i = use.end - 1;
  }
  return result;
}

function resolve(use: VariableUse, env: ReadonlyMap<string, string>, escape: string, out: Expansion): string {
  const value = env.get(use.name);
  const isSet = value !== undefined;
  if (isSet) out.matched.add(use.name);
  const operand = () => expandInto(use.operand ?? '', env, escape, out);
  switch (use.modifier) {
    case undefined:
      if (!isSet) { out.unmatched.add(use.name); out.unresolved = true; }
      return value ?? '';
    case ':-': return value ? value : operand();
    case '-': return isSet ? value : operand();
    case ':+': return value ? operand() : '';
    case '+': return isSet ? operand() : '';
    case ':?': case '?':
      if (!isSet || (use.modifier === ':?' && !value)) { out.unmatched.add(use.name); out.unresolved = true; }
      return value ?? '';
    default:
      // Pattern removal/replacement: the result depends on the value; keep it when unknown.
      if (!isSet) { out.unmatched.add(use.name); out.unresolved = true; return ''; }
      out.unresolved = true;
      return value;
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * The closest candidate, as BuildKit's suggest package picks it: plain Levenshtein distance below
 * 3 (whatever the name's length), the first of equally close candidates; none on an exact match.
 */
export function suggest(name: string, candidates: Iterable<string>, caseSensitive = true): string | undefined {
  const key = caseSensitive ? name : name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const option = caseSensitive ? candidate : candidate.toLowerCase();
    if (option === key) return undefined;
    const distance = editDistance(key, option);
    if (distance < bestDistance) { best = candidate; bestDistance = distance; }
  }
  return best;
}
