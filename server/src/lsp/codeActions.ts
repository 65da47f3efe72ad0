import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { ignoreActions } from './ignoreActions';
import type { PublishedFixes } from './publishedFixes';

/** Quick fixes from the published findings' own fixes, then "ignore this rule" pragmas. */
export function quickFixes(params: CodeActionParams, published: PublishedFixes, document?: TextDocument): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const fixes = published.lookup(params.textDocument.uri, diagnostic);
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: { changes: { [params.textDocument.uri]: fix.edits } },
      });
    }
  }
  actions.push(...ignoreActions(params, document));
  return actions;
}
