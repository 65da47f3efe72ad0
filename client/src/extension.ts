// Extension entry point: wiring only, and kept small — VS Code waits for `require` of this file
// and `activate()` before it counts the extension as active. The heavy parts are separate bundles
// loaded later: the language client (dist/languageClient.js) right after activation, the
// registry explorer, scanning, push and signing (dist/features.js) on first use.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Features } from './features';
import type * as LanguageClientModule from './languageClient';
import type * as FeaturesModule from './features';
import type { RegistryTreeProvider } from './registry/tree';
import { signingTools } from './signing/tools';

// Keep in step with registry/register.ts and scan/panel.ts (not imported: they are in features.js).
const VIEW_ID = 'shipshape.registryExplorer';
const SCAN_PANEL_VIEW_TYPE = 'shipshape.scanResults';
/** Commands this file handles itself; every other contributed command belongs to features.js. */
const OWN_COMMANDS = new Set(['shipshape.restartServer', 'shipshape.showOutput']);
/** A Dockerfile FROM or a manifest image: line (cheap test before loading features.js). */
const NAMES_IMAGE = /^\s*FROM\s|^\s*(?:-\s+)?image\s*:/i;

let client: LanguageClient | undefined;
let clientStarting: Promise<LanguageClient | undefined> | undefined;

/** Sibling bundles of dist/extension.js, required at run time (esbuild leaves these alone). */
function load<T>(bundle: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, bundle)) as T;
}

/** Forwards to the real registry tree once features.js is loaded; asking for children loads it. */
class LazyExplorerProvider implements vscode.TreeDataProvider<unknown> {
  private real?: RegistryTreeProvider;
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly features: () => Features) {}

  attach(real: RegistryTreeProvider): vscode.Disposable {
    this.real = real;
    const forward = real.onDidChangeTreeData((node) => this.changed.fire(node));
    return vscode.Disposable.from(forward, this.changed);
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    if (!this.real) this.features();
    return this.real!.getChildren(element as never);
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real!.getTreeItem(element as never);
  }

  getParent(): undefined {
    return undefined;
  }

  resolveTreeItem(item: vscode.TreeItem, element: unknown): vscode.ProviderResult<vscode.TreeItem> {
    return this.real!.resolveTreeItem(item, element as never);
  }
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const contributed = (context.extension?.packageJSON as { contributes?: { commands?: Array<{ command?: unknown }> } } | undefined)?.contributes?.commands;
  return Array.isArray(contributed) ? contributed.map((c) => c.command).filter((id): id is string => typeof id === 'string' && !OWN_COMMANDS.has(id)) : [];
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Shipshape');
  context.subscriptions.push(output);

  let features: Features | undefined;
  const explorer = new LazyExplorerProvider(() => loadFeatures());
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: explorer, showCollapseAll: true });
  const loadFeatures = (): Features => {
    if (!features) {
      const started = Date.now();
      features = load<typeof FeaturesModule>('features.js').registerFeatures(context, output, {
        explorer: { view, attach: (tree) => context.subscriptions.push(explorer.attach(tree)) },
      });
      output.appendLine(`Shipshape: registry, scan, push and signing features loaded in ${Date.now() - started} ms`);
    }
    return features;
  };

  context.subscriptions.push(
    view,
    vscode.commands.registerCommand('shipshape.restartServer', async () => (await startClient(context, output))?.restart()),
    vscode.commands.registerCommand('shipshape.showOutput', () => output.show()),
    // Trust granted later: the server may now run external tools (ShellCheck).
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('shipshape/workspaceTrusted')),
    vscode.window.registerWebviewPanelSerializer(SCAN_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => loadFeatures().revivePanel(panel, state),
    }),
  );
  for (const id of contributedCommands(context)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => {
      const handler = loadFeatures().command(id);
      if (!handler) throw new Error(`Shipshape: command ${id} is not available`);
      return handler(...args);
    }));
  }
  if (vscode.workspace.isTrusted) signingTools();
  // Signature badge on image references; features.js loads only when the line names an image.
  context.subscriptions.push(vscode.languages.registerHoverProvider([{ language: 'dockerfile' }, { language: 'yaml' }], {
    provideHover: (document, position) => (NAMES_IMAGE.test(document.lineAt(position.line).text) && vscode.workspace.isTrusted
      ? loadFeatures().signatureHover(document, position) : undefined),
  }));
  // Stored scan results are shown on open Dockerfiles/manifests: load those features soon.
  if (hasStoredScans(context)) setTimeout(() => { try { loadFeatures(); } catch (error) { output.appendLine(`Shipshape: ${(error as Error).message}`); } }, 0);

  // Not awaited, and loaded in the next macrotask: VS Code counts everything activate() does or
  // awaits as activation time; the language client library and starting the server process take
  // far longer than the rest. The client queues requests until the server is up; a failed start
  // is reported in the output channel.
  setImmediate(() => void startClient(context, output));
}

function hasStoredScans(context: vscode.ExtensionContext): boolean {
  try {
    const dir = join(context.globalStorageUri.fsPath, 'scans');
    return existsSync(dir) && readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

function startClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<LanguageClient | undefined> {
  clientStarting ??= (async () => {
    try {
      client = load<typeof LanguageClientModule>('languageClient.js').createLanguageClient(context, output);
      await client.start();
    } catch (error) {
      output.appendLine(`Shipshape: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    return client;
  })();
  return clientStarting;
}

export async function deactivate(): Promise<void> {
  await clientStarting;
  await client?.stop();
  client = undefined;
  clientStarting = undefined;
}
