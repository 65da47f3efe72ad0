// Commands of the lazily loaded features (dist/features.js). The extension entry registers every
// contributed command with VS Code at activation, as a stub that loads the features bundle on
// first use and then calls the handler registered here. Without a lazy host (tests, a single
// bundle) commands go straight to VS Code.
import * as vscode from 'vscode';

type Handler = (...args: never[]) => unknown;

let table: Map<string, Handler> | undefined;

/** Switches to the lazy mode: handlers are kept here for the entry's stubs to call. */
export function collectCommands(): Map<string, Handler> {
  table ??= new Map();
  return table;
}

export function registerCommand(id: string, handler: Handler): vscode.Disposable {
  if (!table) return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
  const commands = table;
  commands.set(id, handler);
  return new vscode.Disposable(() => { if (commands.get(id) === handler) commands.delete(id); });
}
