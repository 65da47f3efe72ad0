import type { Range } from './finding';
import { lastIndexAtMost } from './sortedSearch';

type Position = Range['start'];

/**
 * Offsets ↔ line/character positions of a text, exactly as vscode-languageserver-textdocument
 * (and so dockerfile-ast) reads them: `\r\n`, `\r` and `\n` end a line. Its line table is built
 * with native `indexOf` rather than a loop over every character: a Dockerfile's table is
 * rebuilt on every keystroke, and before the loop is optimized that costs milliseconds.
 */
export class TextLines {
  private starts?: number[];

  constructor(readonly text: string) {}

  get lineCount(): number {
    return this.lineStarts().length;
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const starts = this.lineStarts();
    const line = lastIndexAtMost(starts, offset);
    return { line, character: this.beforeEol(offset, starts[line]!) - starts[line]! };
  }

  getText(range?: Range): string {
    return range ? this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  /** An offset between the `\r` and `\n` of a line's end is moved before the `\r`. */
  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private lineStarts(): number[] {
    return this.starts ??= lineStartsOf(this.text);
  }
}

const CR = 13;
const LF = 10;

function isEol(code: number): boolean {
  return code === CR || code === LF;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== CR && code !== LF) continue;
    if (code === CR && text.charCodeAt(i + 1) === LF) i++;
    starts.push(i + 1);
  }
  return starts;
}
