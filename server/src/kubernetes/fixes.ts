// Text edits for the Kubernetes quick fixes. Block-style YAML only: flow collections are left
// alone rather than risk producing invalid YAML.
import type { Node, Pair } from 'yaml';
import type { Fix, Range, TextEdit } from '../core/finding';
import type { KubernetesContext } from './context';
import type { PodSpecView } from './podSpecs';
import type { SourceDocument } from './yaml/documents';
import { getPair, mapPairs, resolveNode, seqItems } from './yaml/nodes';

const at = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });

export function leadingWhitespace(text: string): string { return /^[ \t]*/.exec(text)![0]; }

const EXISTING_IGNORE = /^(\s*#\s*shipshape-ignore\s+)([\w.,-]+(?:\s*,\s*[\w.-]+)*)(.*)$/;

/** Inserts `# shipshape-ignore <id>` above the line, or adds the id to the comment already there. */
export function ignoreCommentFix(context: KubernetesContext, code: string, range: Range): Fix {
  const title = `Ignore ${code} on this line`;
  const line = range.start.line;
  const indent = leadingWhitespace(context.file.lines.lineText(line));
  const above = line > 0 ? context.file.lines.lineText(line - 1) : '';
  const existing = EXISTING_IGNORE.exec(above);
  if (existing && leadingWhitespace(above) === indent) {
    const ids = existing[2]!;
    const start = existing[1]!.length;
    return { title, edits: [{ range: { start: { line: line - 1, character: start }, end: { line: line - 1, character: start + ids.length } }, newText: `${ids},${code}` }] };
  }
  return { title, edits: [{ range: at(line, 0), newText: `${indent}# shipshape-ignore ${code}${eol(context)}` }] };
}

function eol(context: KubernetesContext): string { return context.file.eol; }

function isFlow(node: unknown): boolean { return !!(node as { flow?: boolean } | undefined)?.flow; }

/** Replace a scalar value (keeps the line, drops quotes). */
export function replaceValue(context: KubernetesContext, source: SourceDocument, pair: Pair, newText: string): TextEdit | undefined {
  const value = resolveNode(pair.value, source.document);
  if (!value?.range) return undefined;
  return { range: context.nodeRange(source, value), newText };
}

/** A new `key: value` line right after a pair of a block mapping, at the pair's indentation. */
export function insertAfterPair(context: KubernetesContext, source: SourceDocument, container: Node, pair: Pair, line: string): TextEdit | undefined {
  if (isFlow(container)) return undefined;
  const keyRange = context.keyRange(source, pair);
  const valueEnd = context.pairRange(source, pair).end.line;
  return { range: at(valueEnd + 1, 0), newText: `${' '.repeat(keyRange.start.character)}${line}${eol(context)}` };
}

/** Adds `imagePullSecrets: [{name}]` to a Pod spec, or an entry to its existing list. */
export function addPullSecretFix(context: KubernetesContext, pod: PodSpecView, secretName: string): Fix | undefined {
  const source = pod.object.source;
  if (isFlow(pod.spec)) return undefined;
  const title = `Add imagePullSecrets: ${secretName}`;
  const existing = getPair(pod.spec, 'imagePullSecrets', pod.doc);
  if (existing) {
    const first = seqItems(existing.value, pod.doc)[0];
    if (!first || isFlow(resolveNode(existing.value, pod.doc))) return undefined;
    const line = context.nodeRange(source, first).start.line;
    const indent = leadingWhitespace(context.file.lines.lineText(line));
    return { title, edits: [{ range: at(line, 0), newText: `${indent}- name: ${secretName}${eol(context)}` }] };
  }
  const firstPair = mapPairs(pod.spec, pod.doc)[0];
  if (!firstPair) return undefined;
  const keyRange = context.keyRange(source, firstPair);
  const indent = ' '.repeat(keyRange.start.character);
  const nl = eol(context);
  const text = `imagePullSecrets:${nl}${indent}- name: ${secretName}${nl}${indent}`;
  return { title, edits: [{ range: at(keyRange.start.line, keyRange.start.character), newText: text }] };
}
