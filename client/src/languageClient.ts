import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/serverNodeFlags';

/** The language server bundled beside the extension, spoken to over Node IPC. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    outputChannel: output,
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    // The server indexes every YAML file (pull secrets across files): tell it about changes on disk.
    synchronize: { configurationSection: 'shipshape', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
  };
  return new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
}
