// hadolint's inline pragmas, read like hadolint 2.15 reads them, plus what users asked for:
//   # hadolint ignore=DL3008,SC2086   → the next instruction (stacked pragma lines merge)
//   # hadolint global ignore=DL3059   → the whole file
//   # hadolint stage ignore=DL3002    → the stage the comment sits in
//   # hadolint shell=powershell       → the shell RUN scripts are written for
// A trailing `# reason` is allowed.
import type { Range } from '../core/finding';
import type { DockerfileContext, Stage } from './context';

export type PragmaScope = 'next' | 'global' | 'stage';

export interface PragmaId {
  id: string;
  range: Range;
}

export interface IgnorePragma {
  scope: PragmaScope;
  ids: PragmaId[];
  /** The comment line. */
  line: number;
  range: Range;
  /** For `next`: the instruction lines it covers; for `stage`: the stage. */
  target?: { startLine: number; endLine: number };
  stage?: Stage;
}

export interface Pragmas {
  ignores: IgnorePragma[];
  shell?: { value: string; range: Range };
}

const IGNORE_RE = /^#\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*([^#]*?)\s*(?:#.*)?$/i;
const SHELL_RE = /^#\s*hadolint\s+shell\s*=\s*(\S+)/i;

/**
 * Comment lines that are not inside an instruction (a comment in a continuation is not a
 * pragma). Read from the text: the parser files `# key=value` lines at the top as directives.
 */
function standaloneComments(context: DockerfileContext): { line: number; text: string; range: Range }[] {
  const covered = new Set<number>();
  for (const i of context.instructions) for (let l = i.range.start.line + 1; l <= i.range.end.line; l++) covered.add(l);
  const result: { line: number; text: string; range: Range }[] = [];
  const lines = context.text.split('\n');
  lines.forEach((raw, line) => {
    const text = raw.replace(/\r$/, '');
    const indent = text.length - text.trimStart().length;
    if (!text.trimStart().startsWith('#') || covered.has(line)) return;
    result.push({ line, text, range: { start: { line, character: indent }, end: { line, character: text.length } } });
  });
  return result;
}

/** Every pragma names hadolint: files without the word (most) need no look at their comments. */
const MAY_HOLD_PRAGMA = /#[ \t]*hadolint/i;

export function findShellPragma(context: DockerfileContext): Pragmas['shell'] {
  if (!MAY_HOLD_PRAGMA.test(context.text)) return undefined;
  for (const comment of standaloneComments(context)) {
    const m = SHELL_RE.exec(comment.text.trim());
    if (m) return { value: m[1]!, range: comment.range };
  }
  return undefined;
}

export function readPragmas(context: DockerfileContext): Pragmas {
  const ignores: IgnorePragma[] = [];
  if (!MAY_HOLD_PRAGMA.test(context.text)) return { ignores };
  const comments = standaloneComments(context);
  const commentLines = new Set(comments.map((c) => c.line));
  for (const comment of comments) {
    const line = comment.line;
    const lineText = comment.text;
    const indent = lineText.length - lineText.trimStart().length;
    const text = lineText.trim();
    const m = IGNORE_RE.exec(text);
    if (!m) continue;
    const scope: PragmaScope = (m[1]?.toLowerCase() as PragmaScope | undefined) ?? 'next';
    const listStart = indent + text.indexOf(m[2]!, text.indexOf('=') + 1);
    const ids: PragmaId[] = [];
    // The id list is comma-separated; words after it without a `#` are a reason, not ids.
    const list = /^[^\s,]+(?:\s*,\s*[^\s,]+)*/.exec(m[2]!)?.[0] ?? '';
    const idRe = /[^,\s]+/g;
    for (let idMatch = idRe.exec(list); idMatch; idMatch = idRe.exec(list)) {
      const start = listStart + idMatch.index;
      ids.push({ id: idMatch[0], range: { start: { line, character: start }, end: { line, character: start + idMatch[0].length } } });
    }
    const pragma: IgnorePragma = { scope, ids, line, range: comment.range };
    // Skip further stacked comment lines directly below; the first instruction after them is the target.
    let next = line + 1;
    while (commentLines.has(next)) next++;
    const target = context.instructions.find((i) => i.range.start.line === next);
    if (scope === 'next') {
      if (target) pragma.target = { startLine: target.range.start.line, endLine: target.range.end.line };
    } else if (scope === 'stage') {
      // Directly above a FROM: that stage; elsewhere: the stage the comment sits in.
      pragma.stage = target?.keyword === 'FROM' ? target.stage
        : [...context.stages].reverse().find((s) => s.fromInfo.range.start.line <= line) ?? context.stages[0];
    }
    ignores.push(pragma);
  }
  return { ignores, shell: findShellPragma(context) };
}

/** True when a finding with `code` starting at `line` is ignored by a pragma. */
export function isIgnoredByPragma(pragmas: Pragmas, context: DockerfileContext, code: string, line: number): boolean {
  for (const pragma of pragmas.ignores) {
    if (!pragma.ids.some((p) => p.id === code)) continue;
    if (pragma.scope === 'global') return true;
    if (pragma.scope === 'next' && pragma.target && line >= pragma.target.startLine && line <= pragma.target.endLine) return true;
    if (pragma.scope === 'stage' && pragma.stage && stageOfLine(context, line) === pragma.stage) return true;
  }
  return false;
}

function stageOfLine(context: DockerfileContext, line: number): Stage | undefined {
  return [...context.stages].reverse().find((s) => s.fromInfo.range.start.line <= line);
}
