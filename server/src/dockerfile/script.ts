// RUN scripts as the shell sees them: continuations joined the way Docker joins them (comment
// and empty lines inside a continuation dropped), heredoc bodies, exec form as argv.
import type { Heredoc, Instruction, JSONInstruction } from 'dockerfile-ast';
import { parseShell, type ShellCommand, type ShellScript, type ShellWord, type SourceText } from './shell';

export interface HeredocBody {
  heredoc: Heredoc;
  /** Body text with document offsets. */
  source: SourceText;
  /** Parsed as shell when the body is run by a POSIX shell. */
  shell?: ShellScript;
}

export interface RunScript {
  /** The command line (first logical line, without the heredoc bodies). */
  line: ShellScript;
  heredocs: HeredocBody[];
  /** Every command of the line and of the shell heredocs, in order. */
  commands: ShellCommand[];
  execForm: boolean;
  hasPipe: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/**
 * Joins the lines of `[start, end)` the way Docker does: an escape character at the end of a
 * line (trailing blanks allowed) continues it; comment lines and empty lines inside the
 * continuation are dropped. Stops after the first line that does not continue.
 */
export function joinContinuation(text: string, start: number, end: number, escape: string): { source: SourceText; end: number } {
  let out = '';
  const offsets = new Int32Array(Math.max(0, end - start) + 1);
  let count = 0;
  let i = start;
  let first = true;
  const continuation = new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*$`);
  while (i < end) {
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let line = text.slice(i, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!first && (/^\s*#/.test(line) || line.trim() === '')) { i = lineEnd + 1; continue; }
    const m = continuation.exec(line);
    const contentEnd = i + (m ? m.index : line.length);
    out += text.slice(i, contentEnd);
    for (let k = i; k < contentEnd; k++) offsets[count++] = k;
    if (!m) { offsets[count++] = contentEnd; return { source: { text: out, offsets: offsets.slice(0, count) }, end: contentEnd }; }
    first = false;
    i = lineEnd + 1;
  }
  offsets[count++] = Math.min(i, end);
  return { source: { text: out, offsets: offsets.slice(0, count) }, end: Math.min(i, end) };
}

/** Reads a RUN instruction (or an ONBUILD RUN trigger) into shell commands. */
export function readRunScript(instruction: Instruction, text: string, offsetAt: (p: { line: number; character: number }) => number,
  escape: string, heredocs: Heredoc[], posixShell: boolean): RunScript {
  const json = jsonArgs(instruction);
  if (json) {
    const words = json.map((a) => ({ value: a.value, raw: a.value, start: offsetAt(a.range.start), end: offsetAt(a.range.end), quoted: true }));
    const isShellC = words.length >= 3 && SHELLS.has(baseName(words[0]!.value)) && words[1]!.value === '-c';
    if (isShellC) {
      // `["sh", "-c", "script"]`: the script is shell; offsets point into the JSON string.
      const scriptWord = words[2]!;
      const source: SourceText = { text: scriptWord.value, offsets: Int32Array.from({ length: scriptWord.value.length + 1 }, (_, k) => Math.min(scriptWord.start + k, scriptWord.end)) };
      const line = parseShell(source);
      return { line, heredocs: [], commands: line.commands, execForm: true, hasPipe: line.hasPipe };
    }
    const command: ShellCommand = { name: words[0]?.value ?? '', words, assignments: [], redirects: [], before: '', after: '', depth: 0, start: words[0]?.start ?? 0, end: words[words.length - 1]?.end ?? 0 };
    const line: ShellScript = { source: { text: '', offsets: Int32Array.of(0) }, commands: words.length ? [command] : [], hasPipe: false };
    return { line, heredocs: [], commands: line.commands, execForm: true, hasPipe: false };
  }
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) {
    const empty: ShellScript = { source: { text: '', offsets: Int32Array.of(0) }, commands: [], hasPipe: false };
    return { line: empty, heredocs: [], commands: [], execForm: false, hasPipe: false };
  }
  const start = offsetAt(argsRange.start);
  const end = offsetAt(instruction.getRange().end);
  const joined = joinContinuation(text, start, end, escape);
  const line = posixShell ? parseShell(joined.source) : { source: joined.source, commands: [], hasPipe: false };
  const lineInterpreter = line.commands[0];
  const bodies: HeredocBody[] = [];
  for (const heredoc of heredocs) {
    const content = heredoc.getContentRange();
    const bodyStart = content ? offsetAt(content.start) : offsetAt(heredoc.getNameRange().end);
    const bodyEnd = content ? offsetAt(content.end) : bodyStart;
    const source: SourceText = { text: text.slice(bodyStart, bodyEnd), offsets: Int32Array.from({ length: bodyEnd - bodyStart + 1 }, (_, k) => bodyStart + k) };
    const body: HeredocBody = { heredoc, source };
    if (posixShell && heredocRunsInShell(source.text, lineInterpreter, bodies.length === 0)) body.shell = parseShell(source);
    bodies.push(body);
  }
  const commands = [...line.commands.filter((c) => c.words.length > 0 || c.assignments.length > 0), ...bodies.flatMap((b) => b.shell?.commands ?? [])];
  return { line, heredocs: bodies, commands, execForm: false, hasPipe: line.hasPipe || bodies.some((b) => b.shell?.hasPipe) };
}

/** `RUN <<EOF` (no command) runs the body as the script; `RUN bash <<EOF` feeds it to a shell. */
function heredocRunsInShell(body: string, interpreter: ShellCommand | undefined, firstHeredoc: boolean): boolean {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body.trimStart());
  if (shebang) {
    const program = baseName(shebang[1]!) === 'env' ? shebang[2] ?? '' : baseName(shebang[1]!);
    return SHELLS.has(program);
  }
  if (!interpreter || interpreter.words.length === 0) return firstHeredoc;
  return SHELLS.has(baseName(interpreter.name)) && !interpreter.words.some((w) => w.value === '-c');
}

function jsonArgs(instruction: Instruction): { value: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] | undefined {
  const json = instruction as JSONInstruction;
  if (typeof json.getOpeningBracket !== 'function' || !json.getOpeningBracket() || !json.getClosingBracket()) return undefined;
  return json.getJSONStrings().map((s) => ({ value: s.getJSONValue(), range: s.getJSONRange() }));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The same script moved by `delta` characters in the document (an edit above it): every
 * document offset is shifted, nothing is re-read. Objects shared inside the script (a command
 * in both `line.commands` and `commands`, a source in both a body and its shell) stay shared.
 */
export function shiftRunScript(script: RunScript, delta: number): RunScript {
  if (delta === 0) return script;
  const words = new Map<ShellWord, ShellWord>();
  const word = (w: ShellWord): ShellWord => {
    let copy = words.get(w);
    if (!copy) { copy = { ...w, start: w.start + delta, end: w.end + delta }; words.set(w, copy); }
    return copy;
  };
  const commands = new Map<ShellCommand, ShellCommand>();
  const command = (c: ShellCommand): ShellCommand => {
    let copy = commands.get(c);
    if (!copy) {
      copy = {
        ...c,
        words: c.words.map(word),
        assignments: c.assignments.map(word),
        redirects: c.redirects.map((r) => (r.target ? { ...r, target: word(r.target) } : { ...r })),
        start: c.start + delta,
        end: c.end + delta,
      };
      if (c.afterOffset !== undefined) copy.afterOffset = c.afterOffset + delta;
      commands.set(c, copy);
    }
    return copy;
  };
  const sources = new Map<SourceText, SourceText>();
  const source = (s: SourceText): SourceText => {
    let copy = sources.get(s);
    if (!copy) {
      // Few rules read the per-character offsets: shift them on first read.
      const original = s.offsets;
      let shifted: Int32Array | undefined;
      copy = { text: s.text, get offsets() { return shifted ??= original.map((o) => o + delta); } };
      sources.set(s, copy);
    }
    return copy;
  };
  const shell = (s: ShellScript): ShellScript => ({ ...s, source: source(s.source), commands: s.commands.map(command) });
  return {
    ...script,
    line: shell(script.line),
    heredocs: script.heredocs.map((b) => {
      const body: HeredocBody = { ...b, source: source(b.source) };
      if (b.shell) body.shell = shell(b.shell); else delete body.shell;
      return body;
    }),
    commands: script.commands.map(command),
  };
}
