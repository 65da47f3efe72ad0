// A YAML file seen as Kubernetes objects: each document (and each item of a `List`) with its
// kind, name, namespace and node, plus the line index for exact ranges.
import type { Node } from 'yaml';
import type { Range } from '../core/finding';
import { isHelmTemplate, isTemplated, neutraliseTemplates } from './yaml/helm';
import { LineIndex, parseDocuments, releaseDocumentParses, type SourceDocument } from './yaml/documents';
import { getString, getValue, isMapping, scalarString, seqItems, type Doc } from './yaml/nodes';

export interface ManifestObject {
  source: SourceDocument;
  doc: Doc;
  node: Node;
  apiVersion: string;
  kind: string;
  name?: string;
  nameNode?: Node;
  /** Explicit `metadata.namespace`; undefined when absent or templated. */
  namespace?: string;
  /** Rule ids from the `shipshape.dev/ignore` annotation. */
  ignored: Set<string>;
  /** Absolute [start, end) of the object in the file. */
  span: [number, number];
}

export interface ManifestFile {
  path: string;
  /** The text as parsed (Helm actions blanked, same offsets as the original). */
  text: string;
  lines: LineIndex;
  /** The file's line ending, for inserted lines. */
  eol: '\n' | '\r\n';
  documents: SourceDocument[];
  objects: ManifestObject[];
  helmTemplate: boolean;
}

export const IGNORE_ANNOTATION = 'shipshape.dev/ignore';

// The index and the linter both read the file being typed in: share the last parse per path. A
// handful is enough for that; each entry holds a whole file's trees and line index, so 64 kept
// tens of MB alive once every file of a workspace had been opened or crawled.
const lastParse = new Map<string, { text: string; file: ManifestFile }>();
const LAST_PARSE_LIMIT = 8;

export function parseManifestFile(path: string, originalText: string): ManifestFile {
  const last = lastParse.get(path);
  if (last && last.text === originalText) return last.file;
  const file = parseManifestText(path, originalText);
  lastParse.delete(path);
  lastParse.set(path, { text: originalText, file });
  if (lastParse.size > LAST_PARSE_LIMIT) lastParse.delete(lastParse.keys().next().value!);
  return file;
}

/** Forgets the parse of this version of `path` (a file nobody is editing: see lint.ts). */
export function releaseManifestParse(path: string, text: string): void {
  const last = lastParse.get(path);
  if (last?.text !== text) return;
  lastParse.delete(path);
  releaseDocumentParses(last.file.text);
}

function parseManifestText(path: string, originalText: string): ManifestFile {
  const helmTemplate = isHelmTemplate(path, originalText);
  const text = helmTemplate ? neutraliseTemplates(originalText) : originalText;
  const documents = parseDocuments(text);
  const objects: ManifestObject[] = [];
  for (const source of documents) {
    if (source.broken && !helmTemplate) continue;
    const root = source.document.contents;
    if (!isMapping(root)) continue;
    collectObjects(source, root, objects);
  }
  return { path, text, lines: new LineIndex(text), eol: text.includes('\r\n') ? '\r\n' : '\n', documents, objects, helmTemplate };
}

function collectObjects(source: SourceDocument, node: Node, out: ManifestObject[], depth = 0): void {
  const doc = source.document;
  const kind = getString(node, 'kind', doc);
  const apiVersion = getString(node, 'apiVersion', doc);
  if (!kind || !apiVersion || isTemplated(kind)) return;
  if (kind === 'List' || (kind.endsWith('List') && getValue(node, 'items', doc))) {
    if (depth > 3) return;
    for (const item of seqItems(getValue(node, 'items', doc), doc)) collectObjects(source, item, out, depth + 1);
    return;
  }
  const metadata = getValue(node, 'metadata', doc);
  const nameNode = getValue(metadata, 'name', doc);
  const name = scalarString(nameNode);
  const namespaceValue = getString(metadata, 'namespace', doc);
  // The annotation may sit on the object or on its Pod template.
  const ignoredText = [metadata, getValue(getValue(getValue(node, 'spec', doc), 'template', doc), 'metadata', doc)]
    .map((meta) => getString(getValue(meta, 'annotations', doc), IGNORE_ANNOTATION, doc))
    .filter((text): text is string => text !== undefined)
    .join(',');
  const range: [number, number, number?] = node.range ?? [0, source.text.length, source.text.length];
  out.push({
    source, doc, node, apiVersion, kind,
    name: name !== undefined && !isTemplated(name) ? name : undefined,
    nameNode,
    namespace: namespaceValue && !isTemplated(namespaceValue) ? namespaceValue : undefined,
    ignored: new Set((ignoredText ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
    span: [source.start + range[0], source.start + (range[2] ?? range[1]!)],
  });
}

/** The LSP range of a document-relative span. */
export function toRange(file: ManifestFile, source: SourceDocument, span: [number, number]): Range {
  return { start: file.lines.position(source.start + span[0]), end: file.lines.position(source.start + span[1]) };
}

/** The range of a node's value, or of a key alone (for "reported on the key line"). */
export function nodeRange(file: ManifestFile, source: SourceDocument, node: Node | null | undefined): Range | undefined {
  if (!node?.range) return undefined;
  return toRange(file, source, [node.range[0], node.range[1]]);
}

