// Parsing a Dockerfile with dockerfile-ast, incrementally.
//
// A parse of a 2,000-line file costs tens of milliseconds, and a keystroke changes one stage. So
// the file is cut into stage chunks (a chunk starts at a `FROM` line that no continuation runs
// into) and each chunk is parsed on its own, padded with empty lines so that every position
// the parse hands out is the position in the whole file. A chunk whose text and first line are
// unchanged since an earlier parse reuses that parse — its nodes too, and everything memoized on
// them (astMemo.ts, the RUN scripts of context.ts). Files where the cut could differ from the
// parser's own reading (heredocs, a non-default escape character) are parsed whole.
//
// Parses are never modified after they are made, so sharing them between lints is safe.
import { DockerfileParser, type Comment, type From, type Instruction, type ParserDirective } from 'dockerfile-ast';
import './astMemo';
import { HeredocTracker } from './heredocs';

/** The part of dockerfile-ast's `Dockerfile` the analysis reads. */
export interface ParsedDockerfile {
  getInstructions(): Instruction[];
  getFROMs(): From[];
  getComments(): Comment[];
  getDirectives(): ParserDirective[];
  getEscapeCharacter(): string;
}

const RECENT_LIMIT = 8;
const recent = new Map<string, ParsedDockerfile>();

/** Parses `text`, or returns the parse already made of exactly this text. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const hit = recent.get(text);
  if (hit) {
    recent.delete(text);
    recent.set(text, hit);
    return hit;
  }
  const dockerfile = parseChunked(text) ?? DockerfileParser.parse(text);
  recent.set(text, dockerfile);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  return dockerfile;
}

/** Forgets the parse of `text` and of its chunks (a file nobody is editing: see lint.ts). */
export function releaseDockerfileParse(text: string): void {
  recent.delete(text);
  lastChunks = [];
  for (const { line, text: chunk } of stageChunks(text) ?? []) chunks.delete(`${line}:${chunk}`);
}

/** For tests: is a parse of exactly this text kept? */
export function hasCachedParse(text: string): boolean {
  return recent.has(text);
}

/** Chunk parses by `<first line>:<text>`; least recently used first. */
const chunks = new Map<string, ParsedDockerfile>();
/**
 * Enough for the files being edited (a 2,000-line file has ~70 chunks). Chunks of files nobody
 * edits are cheap to parse again and costly to keep: every open file's trees and RUN scripts.
 */
const CHUNK_LIMIT = 256;

/** The chunks of the latest chunked parse, with their parses. */
let lastChunks: readonly { line: number; text: string; parsed: ParsedDockerfile }[] = [];

/** Files smaller than this are parsed whole: chunking would not pay. */
let minChunkedLength = 4096;

/** For tests: chunk files from this length on (0: every file that can be chunked). */
export function setMinChunkedLength(length: number): void {
  minChunkedLength = length;
  recent.clear();
  lastChunks = [];
}

const FROM_LINE = /^[ \t]*from(?:[ \t]|\r?$)/i;

/**
 * Exported for tests: the stage chunks of `text`, or undefined when it must be parsed whole.
 * Heredoc bodies are skipped the way dockerfile-ast reads them (heredocs.ts): a `FROM` line
 * inside a body is not a cut.
 */
export function stageChunks(text: string): { line: number; text: string }[] | undefined {
  // `# escape=` changes what continues a line.
  if (/^[ \t]*#[ \t]*escape[ \t]*=/im.test(text)) return undefined;
  const result: { line: number; text: string }[] = [];
  const heredocs = new HeredocTracker();
  let chunkStart = 0;
  let chunkLine = 0;
  let continues = false;
  let line = 0;
  for (let offset = 0; offset < text.length; line++) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const lineStart = offset;
    const content = text.slice(lineStart, end);
    offset = end + 1;
    if (heredocs.inBody(content)) continue;
    if (lineStart > chunkStart && !continues && FROM_LINE.test(content)) {
      result.push({ line: chunkLine, text: text.slice(chunkStart, lineStart) });
      chunkStart = lineStart;
      chunkLine = line;
    }
    // Empty and comment lines neither start nor end a continuation. (By character codes: this
    // runs for every line of the file on every keystroke.)
    const last = lastNonBlank(content);
    if (last < 0 || content.charCodeAt(firstNonBlank(content)) === HASH) continue;
    if (!heredocs.readLine(content.slice(0, last + 1))) return undefined;
    continues = content.charCodeAt(last) === BACKSLASH;
    // Where an instruction ends, the bodies of the heredocs it opened begin.
    if (!continues) heredocs.instructionEnded();
  }
  result.push({ line: chunkLine, text: text.slice(chunkStart) });
  return result;
}

const HASH = 0x23;
const BACKSLASH = 0x5c;

/** Index of the first character that is not a space or tab (the length for a blank line). */
function firstNonBlank(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** Index of the last character that is not a space, tab or carriage return. */
function lastNonBlank(line: string): number {
  let i = line.length - 1;
  while (i >= 0) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    i--;
  }
  return i;
}

function parseChunked(text: string): ParsedDockerfile | undefined {
  if (text.length < minChunkedLength) return undefined;
  const parts = stageChunks(text);
  if (!parts || parts.length < 2) return undefined;
  const previous = lastChunks;
  const typedOver: { line: number; text: string }[] = [];
  const parsed = parts.map(({ line, text: chunk }, i) => {
    // Typing: chunk i is most likely chunk i of the last parse (compared without building a key).
    const same = previous[i];
    if (same && same.line === line && same.text === chunk) return same.parsed;
    if (same) typedOver.push(same);
    const key = `${line}:${chunk}`;
    let hit = chunks.get(key);
    if (hit) {
      chunks.delete(key);
    } else {
      hit = DockerfileParser.parse('\n'.repeat(line) + chunk);
    }
    chunks.set(key, hit);
    return hit;
  });
  // The same document as the last parse (most chunks unchanged, by position): see forgetTypedOver.
  if (previous.length === parts.length && typedOver.length * 2 <= parts.length) forgetTypedOver(typedOver);
  while (chunks.size > CHUNK_LIMIT) chunks.delete(chunks.keys().next().value!);
  lastChunks = parts.map((part, i) => ({ ...part, parsed: parsed[i]! }));
  // The first chunk starts the file: its directives are the file's.
  const escape = parsed[0]!.getEscapeCharacter();
  if (escape !== '\\') return undefined;
  return new ChunkedDockerfile(parsed, escape);
}

/**
 * Chunks of the last parse of this document that this one has others in place of were typed over:
 * their parses go, rather than every version of the stage being typed in staying among the
 * cached chunks until evicted (~40 MB over 400 keystrokes in moby's Dockerfile). Undoing
 * re-parses that stage.
 */
function forgetTypedOver(typedOver: readonly { line: number; text: string }[]): void {
  for (const old of typedOver) chunks.delete(`${old.line}:${old.text}`);
}

/** For tests: how many chunk parses are cached. */
export function cachedChunkCount(): number {
  return chunks.size;
}

class ChunkedDockerfile implements ParsedDockerfile {
  private readonly instructions: Instruction[];
  private readonly froms: From[];
  private readonly comments: Comment[];
  private readonly directives: ParserDirective[];

  constructor(parts: ParsedDockerfile[], private readonly escape: string) {
    this.instructions = [];
    this.froms = [];
    this.comments = [];
    for (const part of parts) {
      for (const instruction of part.getInstructions()) this.instructions.push(instruction);
      for (const from of part.getFROMs()) this.froms.push(from);
      for (const comment of part.getComments()) this.comments.push(comment);
    }
    this.directives = parts[0]!.getDirectives();
  }

  // Fresh arrays, like dockerfile-ast's own getters.
  getInstructions(): Instruction[] { return this.instructions.slice(); }
  getFROMs(): From[] { return this.froms.slice(); }
  getComments(): Comment[] { return this.comments.slice(); }
  getDirectives(): ParserDirective[] { return this.directives.slice(); }
  getEscapeCharacter(): string { return this.escape; }
}
