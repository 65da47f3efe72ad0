// The registry explorer, scanning, push and signing: bundled on their own (dist/features.js) and
// loaded by the extension entry on first use — a command, the registry view asking for its
// children, a scan panel to restore, or stored scan results to show on open files.
import type * as vscode from 'vscode';
import { collectCommands } from './commandRegistry';
import { registerPushAndSign } from './push/register';
import { registerRegistryExplorer, type ExplorerViewHost } from './registry/register';
import { registerScanning } from './scan/register';
import { signatureHover } from './signing/hover';

export interface FeatureHost {
  explorer: ExplorerViewHost;
}

export interface Features {
  /** The handler of a contributed command (undefined: not one of these features'). */
  command(id: string): ((...args: unknown[]) => unknown) | undefined;
  revivePanel(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  /** Signed / unsigned badge on an image reference of a Dockerfile or manifest. */
  signatureHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined>;
}

export function registerFeatures(context: vscode.ExtensionContext, output: vscode.OutputChannel, host: FeatureHost): Features {
  const commands = collectCommands();
  const scanning = registerScanning(context, output, { serializerRegistered: true });
  registerPushAndSign(context, output, true);
  registerRegistryExplorer(context, output, host.explorer);
  return {
    command: (id) => commands.get(id) as ((...args: unknown[]) => unknown) | undefined,
    revivePanel: scanning.revive,
    signatureHover: (document, position) => signatureHover(document, position, output),
  };
}
