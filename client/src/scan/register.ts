// Everything scan-related, wired with one call from extension.ts.
import * as vscode from 'vscode';
import { registerCommand } from '../commandRegistry';
import { DockerCredentialStore } from '../../../server/src/credentials/dockerConfig';
import type { CredentialProvider } from '../../../server/src/credentials/types';
import type { ScanBadge } from '../../../server/src/scan/badge';
import { ScanCodeLinks } from './codeLinks';
import { harborReport, importResults, openResults, scanImage, scanInHarborCommand, scanWorkspace, type ScanCommandContext } from './commands';
import { ScanPanel, SCAN_PANEL_VIEW_TYPE } from './panel';
import { ScanStore } from './store';

let store: ScanStore | undefined;
let credentialProvider: CredentialProvider | undefined;

/**
 * For the registry tree: the severity badge of the newest scan of a tag's image
 * (`registry/repo:tag` or `…@sha256:…`), or undefined when it was never scanned.
 */
export function scanBadgeFor(reference: string): ScanBadge | undefined {
  return store?.badgeFor(reference);
}

/** Fires when scan results are added: the tree refreshes its badges. */
export function onDidChangeScans(listener: () => void): vscode.Disposable {
  return store ? store.onDidChange(listener) : new vscode.Disposable(() => undefined);
}

/** The registry explorer may hand over its provider (VS Code SecretStorage + Docker config). */
export function setScanCredentialProvider(provider: CredentialProvider): void {
  credentialProvider = provider;
}

export interface ScanningOptions {
  /** The extension entry registered the webview serializer itself and forwards to `revive`. */
  serializerRegistered?: boolean;
}

export interface Scanning {
  /** Restores a scan results panel VS Code kept across a reload. */
  revive(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

export function registerScanning(context: vscode.ExtensionContext, output?: vscode.OutputChannel, options: ScanningOptions = {}): Scanning {
  const channel = output ?? vscode.window.createOutputChannel('Shipshape Scan');
  if (!output) context.subscriptions.push(channel);
  const scans = new ScanStore(vscode.Uri.joinPath(context.globalStorageUri, 'scans').fsPath);
  store = scans;
  const docker = new DockerCredentialStore({ onWarning: (m) => channel.appendLine(`[credentials] ${m}`) });
  const ctx: ScanCommandContext = {
    extensionUri: context.extensionUri,
    store: scans,
    output: channel,
    credentials: () => credentialProvider ?? docker,
  };
  const run = (fn: (ctx: ScanCommandContext, arg?: unknown) => Promise<void>) => (arg?: unknown) => fn(ctx, arg).catch((error: unknown) => {
    channel.appendLine(`[scan] ${(error as Error).stack ?? String(error)}`);
    void vscode.window.showErrorMessage(`Shipshape: ${(error as Error).message}`);
  });
  context.subscriptions.push(
    scans,
    registerCommand('shipshape.scan.scanImage', run(scanImage)),
    registerCommand('shipshape.scan.scanWorkspace', run(scanWorkspace)),
    registerCommand('shipshape.scan.importResults', run(importResults)),
    registerCommand('shipshape.scan.openResults', run(openResults)),
    registerCommand('shipshape.scan.scanInHarbor', run(scanInHarborCommand)),
    registerCommand('shipshape.scan.harborReport', run(harborReport)),
    new ScanCodeLinks(scans),
  );
  const revive = (panel: vscode.WebviewPanel, state: unknown) => ScanPanel.revive(panel, ctx, state);
  if (!options.serializerRegistered) {
    context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(SCAN_PANEL_VIEW_TYPE, { deserializeWebviewPanel: revive }));
  }
  void scans.load().catch((error: unknown) => channel.appendLine(`[scan] cannot read the scan cache: ${(error as Error).message}`));
  return { revive };
}
