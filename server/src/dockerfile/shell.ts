// A small POSIX-shell reader for RUN scripts: enough to find the commands, their argv words
// and where each word sits in the Dockerfile. It is not an interpreter: expansions stay as
// written (`$(…)`, `${…}`, backticks are kept inside their word).

/** Maps every character of a (joined) script back to its offset in the Dockerfile. */
export interface SourceText {
  text: string;
  /**
   * `offsets[i]` is the document offset of `text[i]`; one extra entry for the end. Typed: every
   * RUN script of every open file keeps one (a JS array took twice the memory).
   */
  offsets: Int32Array;
}

export interface ShellWord {
  /** The word with quotes removed and backslash escapes applied. */
  value: string;
  /** The word as written. */
  raw: string;
  /** Document offsets: start inclusive, end exclusive. */
  start: number;
  end: number;
  quoted: boolean;
}

export type ShellOperator = '' | '&&' | '||' | ';' | '|' | '|&' | '&' | '\n' | '(' | ')' | ';;';

export interface ShellCommand {
  /** The command name (first argv word), `''` when the command is only assignments. */
  name: string;
  /** argv: name and arguments, redirections and prefix assignments left out. */
  words: ShellWord[];
  /** `FOO=bar` prefixes. */
  assignments: ShellWord[];
  /** Redirection targets (`> file`). */
  redirects: { operator: string; target?: ShellWord }[];
  /** The operator that came before this command (`''` for the first one). */
  before: ShellOperator;
  /** The operator that follows this command (`''` at the end), and its document offset. */
  after: ShellOperator;
  afterOffset?: number;
  /** Nesting inside `( … )` subshells (0 at top level). */
  depth: number;
  start: number;
  end: number;
}

export interface ShellScript {
  source: SourceText;
  commands: ShellCommand[];
  /** True when the script contains a pipe between two commands. */
  hasPipe: boolean;
}

const RESERVED_PREFIX = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_ALONE = new Set(['fi', 'done', 'esac', '}']);
const OPERATORS: ShellOperator[] = ['&&', '||', ';;', '|&', ';', '|', '&', '\n', '(', ')'];
const REDIRECT_RE = /^(?:\d*|&)(?:>>|>&|<&|<<<|<<-|<<|<>|>\||>|<)/;

export function parseShell(source: SourceText): ShellScript {
  return new ShellReader(source).read();
}

/** Shortcut for tests and single-line scripts: offsets are the string's own indices. */
export function sourceOf(text: string, base = 0): SourceText {
  return { text, offsets: Int32Array.from({ length: text.length + 1 }, (_, i) => base + i) };
}

class ShellReader {
  private pos = 0;
  private readonly commands: ShellCommand[] = [];
  private hasPipe = false;
  private current: { words: ShellWord[]; redirects: ShellCommand['redirects']; before: ShellOperator } = { words: [], redirects: [], before: '' };
  private pendingRedirect: string | undefined;
  private depth = 0;

  constructor(private readonly source: SourceText) {}

  read(): ShellScript {
    const text = this.source.text;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\r') { this.pos++; continue; }
      if (c === '#') { this.skipComment(); continue; }
      const op = this.operatorAt();
      if (op) {
        const opOffset = this.source.offsets[this.pos];
        this.pos += op.length;
        this.finishCommand(op, opOffset);
        if (op === '(') this.depth++;
        else if (op === ')') this.depth = Math.max(0, this.depth - 1);
        continue;
      }
      const redirect = REDIRECT_RE.exec(text.slice(this.pos, this.pos + 6));
      if (redirect && redirect[0].length > 0 && /[<>]/.test(redirect[0]) && this.isRedirectStart(redirect[0])) {
        this.pos += redirect[0].length;
        this.pendingRedirect = redirect[0];
        this.current.redirects.push({ operator: redirect[0] });
        continue;
      }
      const word = this.readWord();
      if (this.pendingRedirect !== undefined) {
        this.current.redirects[this.current.redirects.length - 1]!.target = word;
        this.pendingRedirect = undefined;
      } else {
        this.current.words.push(word);
      }
    }
    this.finishCommand('');
    return { source: this.source, commands: this.commands, hasPipe: this.hasPipe };
  }

  /** `2>` is a redirect only when the digits start a word. */
  private isRedirectStart(match: string): boolean {
    if (!/^\d/.test(match)) return true;
    const prev = this.source.text[this.pos - 1];
    return prev === undefined || /[\s;&|()]/.test(prev);
  }

  private operatorAt(): ShellOperator | undefined {
    const text = this.source.text;
    for (const op of OPERATORS) {
      if (text.startsWith(op, this.pos)) {
        // `&>` and `>&` are redirections, not the background operator.
        if (op === '&' && text[this.pos + 1] === '>') return undefined;
        return op;
      }
    }
    return undefined;
  }

  private skipComment(): void {
    const text = this.source.text;
    while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
  }

  private finishCommand(op: ShellOperator, opOffset?: number): void {
    if (op === '|' || op === '|&') this.hasPipe = this.hasPipe || this.current.words.length > 0;
    const words = this.current.words;
    const assignments: ShellWord[] = [];
    let i = 0;
    // Drop reserved words that introduce the real command (`if`, `then`, `do`, `!`…).
    while (i < words.length && !words[i]!.quoted && RESERVED_PREFIX.has(words[i]!.raw)) i++;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!.raw)) assignments.push(words[i++]!);
    let argv = words.slice(i);
    if (argv.length === 1 && RESERVED_ALONE.has(argv[0]!.raw)) argv = [];
    const first = argv[0]?.raw;
    if (first === 'for' || first === 'case' || first === 'select' || first === 'function') argv = [];
    if (argv.length > 0 || assignments.length > 0 || this.current.redirects.length > 0) {
      const all = [...assignments, ...argv];
      const start = all[0]?.start ?? this.source.offsets[this.pos] ?? 0;
      const end = all[all.length - 1]?.end ?? start;
      this.commands.push({
        name: argv[0]?.value ?? '',
        words: argv,
        assignments,
        redirects: this.current.redirects,
        before: this.current.before,
        after: op,
        afterOffset: opOffset,
        depth: this.depth,
        start,
        end,
      });
    }
    // Keep the strongest separator seen since the last command (`&& \n` counts as `&&`).
    const before = this.current.words.length === 0 && this.current.before !== '' && (op === '\n' || op === '') ? this.current.before : op;
    this.current = { words: [], redirects: [], before };
    this.pendingRedirect = undefined;
  }

  private readWord(): ShellWord {
    const text = this.source.text;
    const startIndex = this.pos;
    let value = '';
    let quoted = false;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>') {
        break;
      }
      if (c === '\\') {
        if (this.pos + 1 < text.length) {
          const next = text[this.pos + 1]!;
          if (next !== '\n') value += next;
          this.pos += 2;
        } else {
          this.pos++;
        }
        continue;
      }
      if (c === "'") {
        quoted = true;
        const close = text.indexOf("'", this.pos + 1);
        const stop = close < 0 ? text.length : close;
        value += text.slice(this.pos + 1, stop);
        this.pos = stop + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        this.pos++;
        value += this.readDoubleQuoted();
        continue;
      }
      if (c === '`') {
        const chunk = this.readBalanced('`', '`');
        value += chunk;
        continue;
      }
      if (c === '$' && (text[this.pos + 1] === '(' || text[this.pos + 1] === '{')) {
        value += this.readExpansion();
        continue;
      }
      value += c;
      this.pos++;
    }
    if (this.pos > text.length) this.pos = text.length;
    const endIndex = Math.max(this.pos, startIndex + 1);
    return {
      value,
      raw: text.slice(startIndex, endIndex),
      start: this.source.offsets[startIndex]!,
      end: (this.source.offsets[endIndex - 1] ?? this.source.offsets[startIndex]!) + 1,
      quoted,
    };
  }

  /** `$(…)` or `${…}` at `pos`, kept verbatim (its value is only known at build time). */
  private readExpansion(): string {
    const text = this.source.text;
    const open = text[this.pos + 1]!;
    const start = this.pos;
    this.pos++;
    this.readBalanced(open, open === '(' ? ')' : '}');
    return text.slice(start, this.pos);
  }

  private readDoubleQuoted(): string {
    const text = this.source.text;
    let value = '';
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === '"') { this.pos++; return value; }
      if (c === '\\' && this.pos + 1 < text.length && '$`"\\\n'.includes(text[this.pos + 1]!)) {
        if (text[this.pos + 1] !== '\n') value += text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '$' && (text[this.pos + 1] === '(' || text[this.pos + 1] === '{')) {
        value += this.readExpansion();
        continue;
      }
      value += c;
      this.pos++;
    }
    return value;
  }

  /** Reads from an opening delimiter at `pos` to its match, honouring quotes; returns the text. */
  private readBalanced(open: string, close: string): string {
    const text = this.source.text;
    const start = this.pos;
    let depth = 0;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === '\\') { this.pos += 2; continue; }
      if (open !== close && c === open) depth++;
      else if (c === close) {
        if (open === close) {
          if (this.pos > start) { this.pos++; return text.slice(start, this.pos); }
        } else if (--depth === 0) { this.pos++; return text.slice(start, this.pos); }
      } else if (c === "'" && open !== '`') {
        const q = text.indexOf("'", this.pos + 1);
        this.pos = q < 0 ? text.length : q + 1;
        continue;
      } else if (c === '"' && open !== '`') {
        this.pos++;
        this.readDoubleQuoted();
        continue;
      }
      this.pos++;
    }
    return text.slice(start);
  }
}

// ---- argv helpers used by the rules -------------------------------------------------------

/** Every flag of a command, split like hadolint does: `-qy` → q, y; `--foo=bar` → foo. */
export function commandFlags(command: ShellCommand): { name: string; word: ShellWord }[] {
  const flags: { name: string; word: ShellWord }[] = [];
  for (const word of command.words.slice(1)) {
    const v = word.value;
    if (v === '--') break;
    if (v.startsWith('--') && v.length > 2) flags.push({ name: v.slice(2).split('=')[0]!, word });
    else if (v.startsWith('-') && v.length > 1) for (const ch of v.slice(1)) flags.push({ name: ch, word });
  }
  return flags;
}

export function hasFlag(command: ShellCommand, ...names: string[]): boolean {
  return commandFlags(command).some((f) => names.includes(f.name));
}

export function flagWord(command: ShellCommand, ...names: string[]): ShellWord | undefined {
  return commandFlags(command).find((f) => names.includes(f.name))?.word;
}

/**
 * Arguments that are not flags. `valueFlags` lists options that take the following word as
 * their value (e.g. `-o`, `--target`), so that value is not mistaken for an argument.
 */
export function positionalArgs(command: ShellCommand, valueFlags: readonly string[] = []): ShellWord[] {
  const result: ShellWord[] = [];
  const words = command.words.slice(1);
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === '--') { result.push(...words.slice(i + 1)); break; }
    if (v.startsWith('-') && v.length > 1) {
      if (!v.includes('=') && valueFlags.includes(v)) i++;
      continue;
    }
    result.push(words[i]!);
  }
  return result;
}

/** True when argv (flags skipped) starts with the given words, e.g. `apt-get install`. */
export function isCommand(command: ShellCommand, name: string, subcommand?: string): boolean {
  if (basename(command.name) !== name) return false;
  if (subcommand === undefined) return true;
  return positionalArgs(command)[0]?.value === subcommand;
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}
