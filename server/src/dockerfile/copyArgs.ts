// Sources and destination of COPY/ADD, as written (JSON or plain form), with their ranges.
import type { JSONInstruction } from 'dockerfile-ast';
import type { Range } from '../core/finding';
import type { InstructionInfo } from './context';

export interface PathArg { value: string; range: Range }

export interface CopyArgs {
  sources: PathArg[];
  destination?: PathArg;
  json: boolean;
  heredoc: boolean;
}

export function copyArgs(info: InstructionInfo): CopyArgs {
  const node = info.node as JSONInstruction;
  const heredoc = /(^|\s)<<-?["']?[A-Za-z_]/.test(node.getRawArgumentsContent() ?? '');
  if (typeof node.getOpeningBracket === 'function' && node.getOpeningBracket() && node.getClosingBracket()) {
    const strings = node.getJSONStrings().map((s) => ({ value: s.getJSONValue(), range: s.getJSONRange() }));
    return { sources: strings.slice(0, -1), destination: strings[strings.length - 1], json: true, heredoc };
  }
  const args = joinQuoted(node.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() })))
    .map((a) => ({ value: unquote(a.value), range: a.range }));
  return { sources: args.slice(0, -1), destination: args[args.length - 1], json: false, heredoc };
}

/** dockerfile-ast splits `"C:\Program Files\app"` at the space: put quoted words back together. */
function joinQuoted(args: PathArg[]): PathArg[] {
  const result: PathArg[] = [];
  for (let i = 0; i < args.length; i++) {
    let { value, range } = args[i]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && !(value.length > 1 && value.endsWith(quote))) {
      let j = i + 1;
      while (j < args.length && !args[j]!.value.endsWith(quote)) j++;
      if (j < args.length) {
        value = args.slice(i, j + 1).map((a) => a.value).join(' ');
        range = { start: range.start, end: args[j]!.range.end };
        i = j;
      }
    }
    result.push({ value, range });
  }
  return result;
}

function unquote(text: string): string {
  return /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

export const ARCHIVE_EXTENSIONS = ['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz'];

export function isArchive(path: string): boolean {
  return ARCHIVE_EXTENSIONS.some((ext) => path.endsWith(ext));
}

export function isUrl(path: string): boolean {
  return /^(?:https?|ftp):\/\//i.test(path) || /^git@[^:]+:/.test(path);
}

export function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
