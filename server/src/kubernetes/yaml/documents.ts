// Splits a YAML stream into its documents and parses each one on its own, with a cache keyed
// by the document's text: an edit re-parses only the document it touched (a 1,000-object file
// costs ~0.8 s to parse whole, far too much per keystroke).
import { parseDocument, type Document } from 'yaml';
import { lastIndexAtMost } from '../../core/sortedSearch';

export interface SourceDocument {
  /** Offset of the document's first character in the whole text. */
  start: number;
  text: string;
  /** The parsed document; offsets in its nodes are relative to `start`. */
  document: Document.Parsed;
  /** True when the parser reported errors: the tree is partial and must not be trusted. */
  broken: boolean;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/;
const DOCUMENT_END = /^\.\.\.(?=[ \t\r\n]|$)/;

/** Cut at column-0 `---` (which always starts a document) and after `...` lines. */
export function splitDocuments(text: string): { start: number; text: string }[] {
  const chunks: { start: number; text: string }[] = [];
  let chunkStart = 0;
  let lineStart = 0;
  const cut = (at: number) => {
    if (at > chunkStart) chunks.push({ start: chunkStart, text: text.slice(chunkStart, at) });
    chunkStart = at;
  };
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const first = text.charCodeAt(lineStart);
    if (first === 45 /* - */ && DOCUMENT_START.test(text.slice(lineStart, lineStart + 4))) {
      cut(lineStart);
    } else if (first === 46 /* . */ && DOCUMENT_END.test(text.slice(lineStart, lineStart + 4))) {
      cut(lineEnd);
    }
    lineStart = lineEnd;
  }
  cut(text.length);
  return chunks;
}

/** Bounded by total characters; insertion order approximates least recently used. */
class ParseCache {
  private readonly entries = new Map<string, { document: Document.Parsed; broken: boolean }>();
  private size = 0;
  constructor(private readonly maxChars: number) {}

  get(text: string): { document: Document.Parsed; broken: boolean } {
    const hit = this.entries.get(text);
    if (hit) {
      this.entries.delete(text);
      this.entries.set(text, hit);
      return hit;
    }
    const document = parseDocument(text, { merge: true, prettyErrors: false, uniqueKeys: false, strict: false });
    const entry = { document, broken: document.errors.length > 0 };
    this.entries.set(text, entry);
    this.size += text.length;
    return entry;
  }

  delete(text: string): void {
    if (this.entries.delete(text)) this.size -= text.length;
  }

  /** Evicts the least recently used entries beyond the budget, never those in `keep`. */
  trim(keep: ReadonlySet<string>): void {
    for (const [key] of this.entries) {
      if (this.size <= this.maxChars) break;
      if (keep.has(key)) continue;
      this.entries.delete(key);
      this.size -= key.length;
    }
  }
}

// Parsed trees cost ~10 bytes of heap per character of YAML. Only the file being typed in needs
// its tree kept (it always is, whole, even when larger than the budget); 1 Mi characters keep it
// plus a few recent small ones at ~10 MB. 4 Mi held ~40 MB, 16 Mi ~150 MB once every file of a
// large workspace had been opened — for trees of files nobody was editing.
const cache = new ParseCache(1024 * 1024);

/** Drops the cached trees of `text`'s documents (a file nobody is editing: see lint.ts). */
export function releaseDocumentParses(text: string): void {
  for (const chunk of splitDocuments(text)) cache.delete(chunk.text);
}

export function parseDocuments(text: string): SourceDocument[] {
  const chunks = splitDocuments(text);
  const documents = chunks.map((chunk) => ({ ...chunk, ...cache.get(chunk.text) }));
  // Trim only after the whole file: evicting its own early documents would re-parse them all.
  cache.trim(new Set(chunks.map((chunk) => chunk.text)));
  return documents;
}

/** Maps offsets to 0-based line/character positions. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number { return this.starts.length; }

  lineStart(line: number): number { return this.starts[line] ?? this.text.length; }

  position(offset: number): { line: number; character: number } {
    const line = Math.max(lastIndexAtMost(this.starts, offset), 0);
    return { line, character: offset - this.starts[line]! };
  }

  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$/, '');
  }
}
