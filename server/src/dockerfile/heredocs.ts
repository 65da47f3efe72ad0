// Where heredoc bodies are in a Dockerfile's text, read line by line the way dockerfile-ast reads
// them (parser.js `processHeredocs`/`parseHeredoc`, util.js `parseHeredocName`), for cutting a
// file into stage chunks (parse.ts): a `FROM` line inside a body is body text, not a stage.
//   - Every argument starting with `<<` names a heredoc (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`);
//     bodies begin after the line that ends the instruction, one after the other.
//   - A body ends at a line that is exactly the name; with `<<-` on any of the instruction's
//     heredocs, leading tabs are allowed before it. Unterminated: it runs to the end of the file.
// Whatever this reading is not sure to share with the parser's (quotes or escapes in a name, `<<`
// inside a word) makes the caller parse the file whole: a cut in the wrong place would misparse.

export class HeredocTracker {
  /** Names opened by the instruction being read. */
  private opened: string[] = [];
  private openedTabbed = false;
  /** Bodies to skip now, the current one first. */
  private bodies: string[] = [];
  private bodiesTabbed = false;

  /** True when `line` (as in the text, possibly ending in `\r`) belongs to a body, terminator included. */
  inBody(line: string): boolean {
    if (this.bodies.length === 0) return false;
    const content = line.endsWith('\r') ? line.slice(0, -1) : line;
    const word = this.bodiesTabbed ? content.replace(/^\t+/, '') : content;
    // An empty name (`<<-` alone) is never terminated: no line is an empty word.
    if (this.bodies[0] !== '' && word === this.bodies[0]) this.bodies.shift();
    return true;
  }

  /** Reads one instruction line (not a comment); false when its heredocs cannot be read safely. */
  readLine(line: string): boolean {
    if (!line.includes('<<')) return true;
    for (const token of line.split(/[ \t]+/)) {
      if (!token.includes('<<')) continue;
      if (!token.startsWith('<<')) return false;
      const name = heredocName(token);
      if (name === null || /["'`\\$]/.test(name)) return false;
      if (token.startsWith('<<-')) this.openedTabbed = true;
      this.opened.push(name);
    }
    return true;
  }

  /** The instruction's last line was read: its heredoc bodies come next. */
  instructionEnded(): void {
    if (this.opened.length === 0) return;
    this.bodies = this.opened;
    this.bodiesTabbed = this.openedTabbed;
    this.opened = [];
    this.openedTabbed = false;
  }
}

/** dockerfile-ast's `Util.parseHeredocName`. */
function heredocName(token: string): string | null {
  let value = token.slice(2);
  if (value.startsWith('-')) value = value.slice(1);
  for (const quote of ['"', '\'']) {
    if (value.startsWith(quote)) {
      if (!value.endsWith(quote)) return null;
      value = value.slice(1, -1);
    }
  }
  return value.startsWith('<') ? null : value;
}
