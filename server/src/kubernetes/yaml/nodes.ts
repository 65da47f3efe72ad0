// Reading the YAML tree the way Kubernetes' decoder does: aliases resolved, YAML 1.1 merge keys
// (`<<`) honoured, own keys winning over merged ones. Every value keeps its node for ranges.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export type Doc = Document.Parsed;

export function resolveNode(node: unknown, doc: Doc, depth = 0): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) {
    if (depth > 20) return undefined;
    return resolveNode(node.resolve(doc), doc, depth + 1);
  }
  return node as Node;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.source === '<<' || typeof key.value === 'symbol' || key.value === '<<');
}

/** The key of a pair as a string (scalar keys only). */
export function keyString(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key) && typeof key.value !== 'symbol' && key.value !== null && key.value !== undefined) return String(key.value);
  return undefined;
}

// Parsed documents are cached and never mutated, so what is read from a mapping can be kept
// with it: re-linting after a keystroke reuses the untouched documents' lookups.
const pairsCache = new WeakMap<object, Pair[]>();
const byKeyCache = new WeakMap<object, Map<string | undefined, Pair>>();

/** All effective pairs of a mapping: own ones first, then merged ones whose keys are not taken. */
export function mapPairs(node: unknown, doc: Doc): Pair[] {
  const map = resolveNode(node, doc);
  if (!isMap(map)) return [];
  let pairs = pairsCache.get(map);
  if (!pairs) {
    pairs = computePairs(map, doc);
    pairsCache.set(map, pairs);
  }
  return pairs;
}

function computePairs(map: YAMLMap, doc: Doc): Pair[] {
  const own: Pair[] = [];
  const merged: Pair[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isMergeKey(item.key)) {
      const source = resolveNode(item.value, doc);
      const sources = isSeq(source) ? source.items : [source];
      for (const s of sources) merged.push(...mapPairs(s, doc));
    } else {
      own.push(item as Pair);
    }
  }
  if (merged.length === 0) return own;
  const seen = new Set(own.map(keyString));
  const result = [...own];
  for (const pair of merged) {
    const key = keyString(pair);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(pair);
  }
  return result;
}

export function getPair(node: unknown, key: string, doc: Doc): Pair | undefined {
  const map = resolveNode(node, doc);
  if (!isMap(map)) return undefined;
  let byKey = byKeyCache.get(map);
  if (!byKey) {
    byKey = new Map();
    for (const pair of mapPairs(map, doc)) {
      const k = keyString(pair);
      if (!byKey.has(k)) byKey.set(k, pair);
    }
    byKeyCache.set(map, byKey);
  }
  return byKey.get(key);
}

export function getValue(node: unknown, key: string, doc: Doc): Node | undefined {
  const pair = getPair(node, key, doc);
  return pair ? resolveNode(pair.value, doc) : undefined;
}

export function getPath(node: unknown, path: string[], doc: Doc): Node | undefined {
  let current: Node | undefined = resolveNode(node, doc);
  for (const key of path) {
    current = getValue(current, key, doc);
    if (!current) return undefined;
  }
  return current;
}

/** A scalar's value as a string (numbers and booleans as written); undefined for collections. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.value === 'symbol') return undefined;
  return node.source ?? String(node.value);
}

export function getString(node: unknown, key: string, doc: Doc): string | undefined {
  return scalarString(getValue(node, key, doc));
}

export function seqItems(node: unknown, doc: Doc): Node[] {
  const seq = resolveNode(node, doc);
  if (!isSeq(seq)) return [];
  return (seq as YAMLSeq).items.map((item) => resolveNode(item, doc)).filter((n): n is Node => n !== undefined);
}

export function isMapping(node: unknown): node is YAMLMap { return isMap(node); }
export function isSequence(node: unknown): node is YAMLSeq { return isSeq(node); }
export function isNullScalar(node: unknown): boolean {
  return node === undefined || node === null || (isScalar(node) && (node.value === null || node.value === undefined));
}

/** [start, end) of a node's value, relative to its document. */
export function nodeSpan(node: Node | undefined): [number, number] | undefined {
  if (!node?.range) return undefined;
  return [node.range[0], node.range[1]];
}

/** From the key's start to the value's end: "the `image:` line". */
export function pairSpan(pair: Pair): [number, number] | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0] ?? value?.range?.[0];
  const end = value?.range?.[1] ?? key?.range?.[1];
  if (start === undefined || end === undefined) return undefined;
  return [start, Math.max(start, end)];
}
