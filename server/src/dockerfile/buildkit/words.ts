import type { Range } from '../../core/finding';
import type { BuildModel } from './model';

/** A word of an instruction as written, and where a part of it sits in the document. */
export interface SourceWord {
  text: string;
  range: Range;
  /** The document range of `text.slice(start, end)`; the whole word when it spans lines. */
  rangeOf(start: number, end: number): Range;
}

export function sourceWord(model: BuildModel, range: Range): SourceWord {
  const text = model.textOf(range);
  const singleLine = range.start.line === range.end.line;
  return {
    text,
    range,
    rangeOf: (start, end) => singleLine
      ? { start: { line: range.start.line, character: range.start.character + start }, end: { line: range.start.line, character: range.start.character + end } }
      : range,
  };
}
