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

/** Files smaller than this are parsed whole: chunking would not pay. */
let minChunkedLength = 4096;

/** For tests: chunk files from this length on (0: every file that can be chunked). */
export function setMinChunkedLength(length: number): void {
  minChunkedLength = length;
  recent.clear();
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
    const trimmed = content.replace(/[ \t\r]+$/, '');
    // Empty and comment lines neither start nor end a continuation.
    if (trimmed === '' || /^[ \t]*#/.test(trimmed)) continue;
    if (!heredocs.readLine(trimmed)) return undefined;
    continues = trimmed.endsWith('\\');
    // Where an instruction ends, the bodies of the heredocs it opened begin.
    if (!continues) heredocs.instructionEnded();
  }
  result.push({ line: chunkLine, text: text.slice(chunkStart) });
  return result;
}

function parseChunked(text: string): ParsedDockerfile | undefined {
  if (text.length < minChunkedLength) return undefined;
  const parts = stageChunks(text);
  if (!parts || parts.length < 2) return undefined;
  const parsed = parts.map(({ line, text: chunk }) => {
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
  while (chunks.size > CHUNK_LIMIT) chunks.delete(chunks.keys().next().value!);
  // The first chunk starts the file: its directives are the file's.
  const escape = parsed[0]!.getEscapeCharacter();
  if (escape !== '\\') return undefined;
  return new ChunkedDockerfile(parsed, escape);
}

class ChunkedDockerfile implements ParsedDockerfile {
  private readonly instructions: Instruction[];
  private readonly froms: From[];
  private readonly comments: Comment[];
  private readonly directives: ParserDirective[];

  constructor(parts: ParsedDockerfile[], private readonly escape: string) {
    this.instructions = parts.flatMap((p) => p.getInstructions());
    this.froms = parts.flatMap((p) => p.getFROMs());
    this.comments = parts.flatMap((p) => p.getComments());
    this.directives = parts[0]!.getDirectives();
  }

  // Fresh arrays, like dockerfile-ast's own getters.
  getInstructions(): Instruction[] { return this.instructions.slice(); }
  getFROMs(): From[] { return this.froms.slice(); }
  getComments(): Comment[] { return this.comments.slice(); }
  getDirectives(): ParserDirective[] { return this.directives.slice(); }
  getEscapeCharacter(): string { return this.escape; }
}
