// BuildKit's `# check=` directive (`docker build --check` configuration) applied to findings
// (a suppression hook, see suppression.ts):
//   `# check=skip=A,B|all;error=true;experimental=…` in the parser-directive block at the top,
// and, as a Shipshape extension, `# check=skip=A,B|all` in a comment directly above one
// instruction (applies to that instruction only).
import type { Comment } from 'dockerfile-ast';
import type { Finding } from '../core/finding';
import type { DockerfileContext } from './context';
import { isBuildkitCheck } from './rules/buildkit';

export interface CheckOptions {
  skipAll: boolean;
  skip: Set<string>;
  /** `error=true`: BuildKit check findings become errors. */
  error: boolean;
  /** `experimental=A,B|all`: BuildKit's experimental checks asked for by name. */
  experimental: Set<string>;
  experimentalAll: boolean;
}

/** BuildKit's experimental checks: off in BuildKit unless `experimental=`; Shipshape runs them. */
const EXPERIMENTAL_CHECKS = new Set(['CopyIgnoredFile']);

const CHECK_COMMENT = /^#\s*check\s*=\s*(.*)$/i;
const MAY_HOLD_CHECK = /#[ \t]*check[ \t]*=/i;

/** Parses the directive value like BuildKit's ParseLintOptions; unknown keys are ignored. */
export function parseCheckOptions(value: string): CheckOptions {
  const options: CheckOptions = { skipAll: false, skip: new Set(), error: false, experimental: new Set(), experimentalAll: false };
  for (const part of value.trim().split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const val = part.slice(eq + 1).trim();
    if (key === 'skip') {
      if (val === 'all') options.skipAll = true;
      else for (const name of val.split(',')) if (name.trim()) options.skip.add(name.trim());
    } else if (key === 'experimental') {
      if (val === 'all') options.experimentalAll = true;
      else for (const name of val.split(',')) if (name.trim()) options.experimental.add(name.trim());
    } else if (key === 'error') {
      options.error = /^(1|t|true)$/i.test(val);
    }
  }
  return options;
}

/**
 * Drops skipped findings and raises BuildKit findings to errors when asked. `skip=all` and
 * `error=true` cover BuildKit's own checks; a named skip applies to any code. Like BuildKit, an
 * experimental check enabled with `experimental=` is not skipped (BuildKit's skip list only
 * applies to its stable checks).
 */
export const buildkitCheckDirectives = (context: DockerfileContext) => checkDirectiveFilter(context, isBuildkitCheck);

export function checkDirectiveFilter(context: DockerfileContext,
  isBuildkit: (code: string) => boolean): (finding: Finding) => Finding | undefined {
  const directive = context.dockerfile.getDirectives().find((d) => d.getName().toLowerCase() === 'check');
  const fileOptions = directive ? parseCheckOptions(directive.getValue()) : undefined;
  const local = instructionSkips(context);
  if (!fileOptions && local.length === 0) return (finding) => finding;
  const skipped = (options: CheckOptions, code: string) => {
    if (EXPERIMENTAL_CHECKS.has(code) && (options.experimentalAll || options.experimental.has(code))) return false;
    return options.skip.has(code) || (options.skipAll && isBuildkit(code));
  };
  return (finding) => {
    if (fileOptions && skipped(fileOptions, finding.code)) return undefined;
    const line = finding.range.start.line;
    if (local.some((l) => line >= l.startLine && line <= l.endLine && skipped(l.options, finding.code))) return undefined;
    return fileOptions?.error && isBuildkit(finding.code) ? { ...finding, severity: 'error' } : finding;
  };
}

interface LocalSkip { startLine: number; endLine: number; options: CheckOptions }

/** `# check=skip=…` comments in the comment block directly above an instruction. */
function instructionSkips(context: DockerfileContext): LocalSkip[] {
  // Most files have no such comment: no need to walk every instruction's comment block.
  if (!MAY_HOLD_CHECK.test(context.text)) return [];
  const commentsByLine = new Map<number, Comment>();
  for (const comment of context.dockerfile.getComments()) commentsByLine.set(comment.getRange().start.line, comment);
  const skips: LocalSkip[] = [];
  for (const instruction of context.dockerfile.getInstructions()) {
    const { start, end } = instruction.getRange();
    for (let line = start.line - 1; commentsByLine.has(line); line--) {
      const match = CHECK_COMMENT.exec(commentsByLine.get(line)!.getTextContent().trim());
      if (match) skips.push({ startLine: start.line, endLine: end.line, options: parseCheckOptions(match[1]!) });
    }
  }
  return skips;
}
