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
  const args = node.getArguments().map((a) => ({ value: unquote(a.getValue()), range: a.getRange() }));
  return { sources: args.slice(0, -1), destination: args[args.length - 1], json: false, heredoc };
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
