// Extension entry point: wiring only.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { registerScanning } from './scan/register';
import { registerPushAndSign } from './push/register';
import { registerRegistryExplorer } from './registry/register';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Shipshape');
  context.subscriptions.push(output);
  registerScanning(context, output);
  registerPushAndSign(context, output);
  registerRegistryExplorer(context, output);
  client = createLanguageClient(context, output);
  context.subscriptions.push(
    vscode.commands.registerCommand('shipshape.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('shipshape.showOutput', () => output.show()),
    // Trust granted later: the server may now run external tools (ShellCheck).
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('shipshape/workspaceTrusted')),
  );
  // Not awaited: VS Code counts everything activate() awaits as activation time, and starting the
  // server process takes hundreds of milliseconds. The client queues requests until the server
  // is up; a failed start is reported in the output channel.
  client.start().catch((error: unknown) => output.appendLine(`Shipshape: the language server did not start: ${error instanceof Error ? error.message : String(error)}`));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
