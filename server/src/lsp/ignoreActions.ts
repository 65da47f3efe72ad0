// "Ignore <ID> here" / "Ignore <ID> in this file": insert a hadolint pragma, or merge the id
// into the one already there, for any Shipshape diagnostic on a Dockerfile.
import { DockerfileParser } from 'dockerfile-ast';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKind } from '../lint';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { uriToPath } from './uri';

const NEXT_PRAGMA = /^(\s*#\s*hadolint\s+ignore\s*=\s*)([^#]*?)(\s*(?:#.*)?)$/i;
const GLOBAL_PRAGMA = /^(\s*#\s*hadolint\s+global\s+ignore\s*=\s*)([^#]*?)(\s*(?:#.*)?)$/i;
const RULE_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function ignoreActions(params: CodeActionParams, document: TextDocument | undefined): CodeAction[] {
  if (!document || (document.languageId !== 'dockerfile' && fileKind(uriToPath(document.uri)) !== 'dockerfile')) return [];
  const diagnostics = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && RULE_ID.test(d.code));
  if (diagnostics.length === 0) return [];
  const text = document.getText();
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions().map((i) => i.getRange());
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const id = diagnostic.code as string;
    const instruction = instructions.find((r) => r.start.line <= diagnostic.range.start.line && diagnostic.range.start.line <= r.end.line);
    if (instruction && !seen.has(`here:${id}:${instruction.start.line}`)) {
      seen.add(`here:${id}:${instruction.start.line}`);
      const edit = hereEdit(lines, instruction.start.line, id, eol);
      if (edit) actions.push(action(`Ignore ${id} here`, params.textDocument.uri, edit, diagnostic));
    }
    if (!seen.has(`file:${id}`)) {
      seen.add(`file:${id}`);
      const afterDirectives = Math.max(-1, ...dockerfile.getDirectives().map((d) => d.getRange().end.line)) + 1;
      const edit = fileEdit(lines, afterDirectives, id, eol);
      if (edit) actions.push(action(`Ignore ${id} in this file`, params.textDocument.uri, edit, diagnostic));
    }
  }
  return actions;
}

function action(title: string, uri: string, edit: TextEdit, diagnostic: Diagnostic): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [edit] } } };
}

/** Merges into `# hadolint ignore=…` directly above the instruction, or inserts one. */
function hereEdit(lines: string[], instructionLine: number, id: string, eol: string): TextEdit | undefined {
  const above = instructionLine - 1;
  const merged = above >= 0 ? mergeInto(lines[above]!, above, NEXT_PRAGMA, id) : undefined;
  if (merged !== undefined) return merged ?? undefined;
  const indent = /^\s*/.exec(lines[instructionLine] ?? '')![0];
  return { range: { start: { line: instructionLine, character: 0 }, end: { line: instructionLine, character: 0 } }, newText: `${indent}# hadolint ignore=${id}${eol}` };
}

/** Merges into an existing `# hadolint global ignore=…`, or inserts one after the parser directives. */
function fileEdit(lines: string[], insertLine: number, id: string, eol: string): TextEdit | undefined {
  for (let line = 0; line < lines.length; line++) {
    const merged = mergeInto(lines[line]!, line, GLOBAL_PRAGMA, id);
    if (merged !== undefined) return merged ?? undefined;
  }
  return { range: { start: { line: insertLine, character: 0 }, end: { line: insertLine, character: 0 } }, newText: `# hadolint global ignore=${id}${eol}` };
}

/**
 * When `text` is a pragma of the given kind: an edit appending `id` to its list, or null when the
 * id is already there. Undefined when the line is not such a pragma.
 */
function mergeInto(text: string, line: number, pragma: RegExp, id: string): TextEdit | null | undefined {
  const m = pragma.exec(text);
  if (!m) return undefined;
  const ids = m[2]!.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.includes(id)) return null;
  const at = m[1]!.length + m[2]!.length;
  return { range: { start: { line, character: at }, end: { line, character: at } }, newText: ids.length ? `,${id}` : id };
}
