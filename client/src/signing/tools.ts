// Which external signing CLIs are installed; sets the `shipshape.signingCliAvailable` context key
// (enablement of "Sign with cosign CLI"). Small on purpose: the extension entry calls it at
// activation without loading the signing code.
import * as vscode from 'vscode';
import { onPath } from '../push/engineCli';

export function signingTools(): Array<'cosign' | 'notation'> {
  const tools = (['cosign', 'notation'] as const).filter((t) => onPath(t));
  void vscode.commands.executeCommand('setContext', 'shipshape.signingCliAvailable', tools.length > 0);
  return [...tools];
}
