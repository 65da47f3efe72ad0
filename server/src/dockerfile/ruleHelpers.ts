// Small building blocks the Dockerfile rules share: walking RUN commands, package arguments,
// and mechanical fixes (text edits at exact offsets).
import type { Fix, Range } from '../core/finding';
import type { DockerfileContext, RunInfo } from './context';
import { positionalArgs, type ShellCommand, type ShellWord } from './shell';

export interface CommandAt {
  run: RunInfo;
  command: ShellCommand;
}

/** Every shell command of every RUN (and ONBUILD RUN), with the RUN it belongs to. */
export function allCommands(context: DockerfileContext): CommandAt[] {
  const result: CommandAt[] = [];
  for (const run of context.runs()) for (const command of run.script.commands) result.push({ run, command });
  return result;
}

/** Program name without its directory (`/usr/bin/apt-get` → `apt-get`). */
export function programName(command: ShellCommand): string {
  return command.name.slice(command.name.lastIndexOf('/') + 1);
}

/**
 * For `<program> [flags] <subcommand> [flags] args…`: the subcommand word when it is one of
 * `subcommands`, and the positional arguments after it (option values skipped).
 */
export function subcommandArgs(command: ShellCommand, programs: readonly string[], subcommands: readonly string[],
  valueFlags: readonly string[] = []): { sub: ShellWord; args: ShellWord[] } | undefined {
  if (!programs.includes(programName(command))) return undefined;
  const positional = positionalArgs(command, valueFlags);
  const sub = positional[0];
  if (!sub || !subcommands.includes(sub.value)) return undefined;
  return { sub, args: positional.slice(1) };
}

/** `python -m pip install …`, `pip3 install …`, `pip3.12 install …`. */
export function isPip(command: ShellCommand): { words: ShellWord[] } | undefined {
  const name = programName(command);
  if (/^pip(?:\d+(?:\.\d+)?)?$/.test(name)) return { words: command.words.slice(1) };
  if (/^python(?:\d+(?:\.\d+)?)?$/.test(name)) {
    const m = command.words.findIndex((w, i) => i > 0 && w.value === '-m');
    if (m > 0 && /^pip(?:\d+(?:\.\d+)?)?$/.test(command.words[m + 1]?.value ?? '')) return { words: command.words.slice(m + 2) };
  }
  return undefined;
}

export function insertFix(context: DockerfileContext, title: string, offset: number, text: string, preferred = true): Fix {
  const at = context.document.positionAt(offset);
  return { title, preferred, edits: [{ range: { start: at, end: at }, newText: text }] };
}

export function replaceFix(title: string, range: Range, text: string, preferred = true): Fix {
  return { title, preferred, edits: [{ range, newText: text }] };
}

/** Inserts ` <text>` right after a word (e.g. a flag after `install`). */
export function insertAfterWord(context: DockerfileContext, title: string, word: ShellWord, text: string): Fix {
  return insertFix(context, title, word.end, ` ${text}`);
}

/**
 * Appends ` && <command>` at the end of a shell-form RUN's command line. Undefined for exec
 * form and heredocs, where an append is not mechanical.
 */
export function appendToRun(context: DockerfileContext, title: string, run: RunInfo, command: string): Fix | undefined {
  if (run.script.execForm || run.script.heredocs.length > 0) return undefined;
  const source = run.script.line.source;
  if (source.text.trim() === '') return undefined;
  let last = source.text.length - 1;
  while (last > 0 && /\s/.test(source.text[last]!)) last--;
  if (source.text[last] === ';' || source.text.slice(last - 1, last + 1) === '&&') return undefined;
  return insertFix(context, title, source.offsets[last]! + 1, ` && ${command}`);
}

/** True when a `--mount=type=cache|tmpfs` of this RUN covers `path` (target is `path` or a parent). */
export function hasCacheMount(run: RunInfo, path: string): boolean {
  return run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined
    && (path === stripSlash(m.target) || path.startsWith(stripSlash(m.target) + '/')));
}

function stripSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** `rm -rf <dir>…` (any flags order, trailing `/*` allowed) in the same RUN. */
export function removesPath(commands: readonly ShellCommand[], dir: string): boolean {
  return commands.some((c) => programName(c) === 'rm' && c.words.slice(1).some((w) => {
    const v = w.value.replace(/\/\*$/, '').replace(/\/+$/, '');
    return v === dir || (v.startsWith(dir) && v.slice(dir.length).startsWith('/'));
  }));
}

/** Strips one pair of surrounding quotes. */
export function unquote(text: string): string {
  return /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}
