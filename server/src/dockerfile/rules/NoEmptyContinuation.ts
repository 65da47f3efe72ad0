import type { TextEdit } from '../../core/finding';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const HEREDOC = /<<-?\s*["']?[A-Za-z_]/;

/**
 * BuildKit NoEmptyContinuation: a blank line inside a `\`-continued instruction. Docker skips
 * it today; it will become an error. Like BuildKit: one finding per instruction, on the line
 * that ends the instruction (the fix removes every empty line); comment lines inside the
 * continuation are skipped, not breaks.
 * Heredoc bodies are not continuations.
 */
export const NoEmptyContinuation: DockerfileRule = {
  meta: dockerfileRuleMeta('NoEmptyContinuation', 'warning', 'Empty continuation lines will become errors in a future release'),
  check(context, report) {
    // Line by line through the document (not the whole text split per lint): a stage rule.
    const lineCount = context.document.lineCount;
    const lineAt = (line: number) => (line < lineCount ? context.lineText(line) : '');
    const continues = (line: string) => line.trimEnd().endsWith(context.escape);
    for (const { node: instruction } of context.instructions) {
      const { start, end } = instruction.getRange();
      const first = lineAt(start.line);
      if (!continues(first) || HEREDOC.test(first)) continue;
      const empty: number[] = [];
      for (let line = start.line + 1; line <= end.line && line < lineCount; line++) {
        const current = lineAt(line);
        if (current.trim() === '') { empty.push(line); continue; }
        if (current.trimStart().startsWith('#')) continue;
        if (!continues(current)) break;
      }
      // The empty "line" after a final newline is not a line of the file.
      const real = empty.filter((line) => line < lineCount - 1 || lineAt(line) !== '');
      if (real.length === 0) continue;
      const edits: TextEdit[] = real.filter((line) => line + 1 < lineCount)
        .map((line) => ({ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }));
      // Reported where BuildKit reports it: on the line that ends the instruction.
      const last = Math.min(end.line, lineCount - 1);
      const lastText = lineAt(last);
      report({
        range: { start: { line: last, character: lastText.length - lastText.trimStart().length }, end: { line: last, character: lastText.trimEnd().length } },
        message: 'Empty continuation line',
        fixes: edits.length ? [{ title: real.length > 1 ? 'Remove the empty continuation lines' : 'Remove the empty line', preferred: true, edits }] : undefined,
      });
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nRUN apk add \\\n\n    curl', 'FROM alpine:3.20\nRUN echo a \\\n   \n    b', 'FROM alpine:3.20\nRUN a \\\n  # note\n\n  b'],
    good: ['FROM alpine:3.20\nRUN apk add \\\n    # comment\n    curl', 'FROM alpine:3.20\nRUN <<EOF\necho a\n\necho b\nEOF', 'FROM alpine:3.20\n\nRUN true'],
  },
};
