// The editor-free vocabulary every analyser speaks. Positions are 0-based (LSP convention);
// the CLI converts to 1-based when printing.

export type Severity = 'error' | 'warning' | 'info' | 'style';
/** A configured level: a severity, or one of the two spellings for "not reported". */
export type Level = Severity | 'ignore' | 'off';
export type Language = 'dockerfile' | 'kubernetes';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

/** A mechanical fix offered as a quick fix in the editor. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  language: Language;
  /** Link to the rule's documentation page. */
  docs?: string;
  fixes?: Fix[];
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

/** Higher is more severe; used for failure thresholds. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function isLevel(value: unknown): value is Level {
  return isSeverity(value) || value === 'ignore' || value === 'off';
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || a.code.localeCompare(b.code);
}
