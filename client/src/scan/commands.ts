// The scan commands: Scan Image, Scan Workspace, Import Scan Results, Open Scan Results, and the
// Harbor pair (Scan in Harbor, Show Harbor Vulnerability Report).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CredentialProvider, RegistryCredential } from '../../../server/src/credentials/types';
import { formatReference, parseImageReference, type ImageReference } from '../../../server/src/image/reference';
import { RegistryClient } from '../../../server/src/registry/client';
import { fetchHarborReport, scanInHarbor } from '../../../server/src/scan/harbor';
import { harborRequestVia } from '../../../server/src/scan/harborClient';
import { formatCounts, ScanFormatError, type ScanReport } from '../../../server/src/scan/model';
import { parseScanText } from '../../../server/src/scan/parse';
import { configScanArgs, findTrivy, fsScanArgs, imageScanArgs, scanWithTrivy, TrivyError } from '../../../server/src/scan/trivyRunner';
import { imageName } from '../registry/actions';
import { imageOf, type PlatformNode, type ReferrerNode, type TagNode } from '../registry/nodes';
import { referenceAt, writtenReferences } from './imageLines';
import { ScanPanel, type PanelHost } from './panel';

export interface ScanCommandContext extends PanelHost {
  credentials: () => CredentialProvider | undefined;
}

/** A tag, platform or referrer node of the registry explorer, as menus pass it. */
function explorerImage(arg: unknown): { reference: string; client: RegistryClient; kind: string } | undefined {
  const kind = typeof arg === 'object' && arg !== null ? (arg as { kind?: unknown }).kind : undefined;
  if (kind !== 'tag' && kind !== 'platform' && kind !== 'referrer') return undefined;
  const image = imageOf(arg as TagNode | PlatformNode | ReferrerNode);
  const name = imageName(image.registry, image.repository);
  return { reference: image.tag ? `${name}:${image.tag}` : `${name}@${image.digest}`, client: image.registry.provider.client, kind: image.registry.provider.kind };
}

/** What the tree, code lenses or other commands may pass as an image. */
export function referenceArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = explorerImage(arg);
  if (node) return node.reference;
  if (typeof arg === 'object' && arg !== null) {
    for (const key of ['reference', 'imageReference', 'ref', 'image']) {
      const value = (arg as Record<string, unknown>)[key];
      if (typeof value === 'string') return value;
    }
  }
  return undefined;
}

function referenceUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  const selected = doc.getText(editor.selection).trim();
  if (selected && !/\s/.test(selected)) return selected;
  const refs = writtenReferences(doc.languageId, doc.fileName, doc.getText());
  const pos = editor.selection.active;
  return referenceAt(refs, pos.line, pos.character)?.text;
}

async function askForReference(arg: unknown, prompt: string): Promise<ImageReference | undefined> {
  const given = referenceArgument(arg) ?? (await vscode.window.showInputBox({
    title: prompt,
    prompt: 'Image reference, e.g. nginx:1.27, ghcr.io/org/app@sha256:…',
    value: referenceUnderCursor() ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? undefined : (r => (r.ok ? undefined : r.error))(parseImageReference(text.trim()))),
  }));
  if (!given?.trim()) return undefined;
  const parsed = parseImageReference(given.trim());
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`Shipshape: "${given}" is not an image reference: ${parsed.error}`);
    return undefined;
  }
  return parsed.reference;
}

function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`Shipshape: ${what} runs external tools or contacts registries, which is disabled in untrusted workspaces. Trust the workspace to use it; importing results still works.`);
  return false;
}

async function credentialFor(ctx: ScanCommandContext, registry: string): Promise<RegistryCredential | undefined> {
  try {
    return await ctx.credentials()?.get(registry);
  } catch (error) {
    ctx.output.appendLine(`[scan] no credentials for ${registry}: ${(error as Error).message}`);
    return undefined;
  }
}

const isLoopback = (host: string) => /^(localhost|127(\.\d+){3}|\[::1\])(:\d+)?$/.test(host);

/** Runs Trivy with a progress notification and a panel that shows status, errors or results. */
async function runTrivyInto(ctx: ScanCommandContext, title: string, args: string[], label: string, options: { cwd?: string; credential?: RegistryCredential; reference?: string; rerun: () => void }): Promise<void> {
  const configured = vscode.workspace.getConfiguration('shipshape').get<string>('trivy.path');
  const trivy = await findTrivy(configured);
  if (!trivy) {
    // "Try again" replaces this panel with the new attempt's.
    const panel: ScanPanel = ScanPanel.create({ ...ctx, rescan: () => { panel.dispose(); options.rerun(); } }, title);
    panel.setContent({
      kind: 'trivyMissing',
      text: configured
        ? `The setting shipshape.trivy.path points to "${configured}", which is not an executable file.\n\nInstall Trivy or correct the setting, then press "Try again". You can still open existing results with "Shipshape: Import Scan Results".`
        : 'Shipshape runs the Trivy CLI to scan images and folders, and Trivy was not found on PATH.\n\nInstall it (commands below, or see the installation guide), or set shipshape.trivy.path to its location, then press "Try again". You can still open existing results with "Shipshape: Import Scan Results" or scan in Harbor.',
    });
    return;
  }
  const panel = ScanPanel.create({ ...ctx, rescan: options.rerun }, title);
  panel.setContent({ kind: 'status', text: `Scanning ${label} with Trivy…` });
  ctx.output.appendLine(`[scan] ${trivy} ${args.join(' ')}`);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Trivy: scanning ${label}`, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    try {
      const report = await scanWithTrivy({
        trivyPath: trivy, args, cwd: options.cwd, credentials: options.credential, signal: abort.signal,
        onProgress: (line) => {
          ctx.output.appendLine(`[trivy] ${line}`);
          const message = line.replace(/^\S+\s+(INFO|WARN|DEBUG)\s+/, '').slice(0, 160);
          progress.report({ message });
          panel.setContent({ kind: 'status', text: `Scanning ${label} with Trivy…\n${message}` });
        },
      });
      await showReport(ctx, report, options.reference, panel);
    } catch (error) {
      if (error instanceof TrivyError && error.kind === 'cancelled') {
        panel.setContent({ kind: 'error', title: 'Scan cancelled', text: `The Trivy scan of ${label} was cancelled.` });
      } else if (error instanceof TrivyError && error.kind === 'missing') {
        panel.setContent({ kind: 'trivyMissing', text: error.message });
      } else {
        ctx.output.appendLine(`[scan] failed: ${(error as Error).message}`);
        panel.setContent({ kind: 'error', title: `Trivy could not scan ${label}`, text: (error as Error).message });
        void vscode.window.showErrorMessage(`Shipshape: Trivy failed to scan ${label} — see the scan panel for its error output.`);
      }
    }
  });
}

async function showReport(ctx: ScanCommandContext, report: ScanReport, reference: string | undefined, panel?: ScanPanel): Promise<void> {
  const entry = await ctx.store.put(report, reference);
  // The user may have closed the progress panel while the scan ran: open a fresh one.
  if (panel && !panel.isDisposed) panel.setContent({ kind: 'report', entry, report });
  else ScanPanel.show(ctx, entry, report);
  ctx.output.appendLine(`[scan] ${entry.artifactName}: ${formatCounts(entry.counts)} (${entry.key})`);
}

export async function scanImage(ctx: ScanCommandContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Scanning an image')) return;
  const ref = await askForReference(arg, 'Scan Image with Trivy');
  if (!ref) return;
  const text = ref.original;
  const credential = await credentialFor(ctx, ref.registry);
  await runTrivyInto(ctx, `Scan: ${text}`, imageScanArgs(text, { insecure: isLoopback(ref.registry) }), text, {
    credential, reference: text, rerun: () => void scanImage(ctx, text),
  });
}

export async function scanWorkspace(ctx: ScanCommandContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Scanning the workspace')) return;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = arg instanceof vscode.Uri ? arg : folders.length === 1 ? folders[0]!.uri
    : (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to scan with Trivy' }))?.uri;
  if (!folder) {
    if (folders.length === 0) void vscode.window.showWarningMessage('Shipshape: open a folder to scan it.');
    return;
  }
  const mode = await vscode.window.showQuickPick([
    { label: 'Vulnerabilities, secrets and misconfigurations', description: 'trivy fs', mode: 'fs' as const },
    { label: 'Misconfigurations only', description: 'trivy config', mode: 'config' as const },
  ], { placeHolder: 'What should Trivy look for?' });
  if (!mode) return;
  const dir = folder.fsPath;
  const label = path.basename(dir) || dir;
  // Trivy names findings relative to the folder it scans, so paths open from the panel.
  await runTrivyInto(ctx, `Scan: ${label}`, mode.mode === 'fs' ? fsScanArgs(dir) : configScanArgs(dir), label, {
    cwd: dir, rerun: () => void scanWorkspace(ctx, folder),
  });
}

const IMPORT_EXTENSIONS = ['json', 'sarif'];

export async function importResults(ctx: ScanCommandContext, arg?: unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  let text: string | undefined;
  if (!uri) {
    // The report open in the editor is the likeliest one to import.
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && /\.(json|sarif)$/i.test(doc.fileName)) {
      try {
        const report = parseScanText(doc.getText());
        return showReport(ctx, { ...report, artifactName: report.artifactName || path.basename(doc.fileName) }, undefined);
      } catch {
        // not a scan report: ask for a file
      }
    }
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false, openLabel: 'Import', title: 'Import Trivy JSON, SARIF or Harbor results',
      filters: { 'Scan results': IMPORT_EXTENSIONS, 'All files': ['*'] },
    });
    uri = picked?.[0];
  }
  if (!uri) return;
  try {
    text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const report = parseScanText(text);
    await showReport(ctx, { ...report, artifactName: report.artifactName || path.basename(uri.path) }, undefined);
  } catch (error) {
    const reason = error instanceof ScanFormatError ? error.message : `cannot read ${uri.fsPath}: ${(error as Error).message}`;
    void vscode.window.showErrorMessage(`Shipshape: ${path.basename(uri.path)} — ${reason}`);
  }
}

export async function openResults(ctx: ScanCommandContext, arg?: unknown): Promise<void> {
  let key = typeof arg === 'string' ? arg : undefined;
  if (!key) {
    const written = referenceUnderCursor();
    const match = written ? ctx.store.findFor(written) : undefined;
    if (match && arg === undefined && ctx.store.list().length > 0) key = match.key;
  }
  if (!key) {
    const entries = ctx.store.list();
    if (entries.length === 0) {
      void vscode.window.showInformationMessage('Shipshape: no scan results yet — run "Shipshape: Scan Image", "Scan Workspace" or "Import Scan Results".');
      return;
    }
    const pick = await vscode.window.showQuickPick(entries.map((e) => ({
      label: e.artifactName, description: formatCounts(e.counts),
      detail: `${e.source} · scanned ${e.scannedAt.replace('T', ' ').slice(0, 19)} UTC${e.digest ? ' · ' + e.digest.slice(0, 19) + '…' : ''}`, key: e.key,
    })), { placeHolder: 'Scan results to open', matchOnDescription: true, matchOnDetail: true });
    key = pick?.key;
  }
  if (!key) return;
  const stored = await ctx.store.get(key);
  if (!stored) {
    void vscode.window.showWarningMessage('Shipshape: those scan results are no longer cached; scan again.');
    return;
  }
  ScanPanel.show(ctx, stored.entry, stored.report);
}

/** The explorer's client for its registry (its CA, TLS and credential settings), else a new one. */
function harborClient(ctx: ScanCommandContext, ref: ImageReference, arg: unknown): RegistryClient {
  const node = explorerImage(arg);
  if (node) {
    if (node.kind !== 'harbor') throw new Error(`${ref.registry} is not configured as a Harbor registry — Harbor scans need Harbor's API`);
    return node.client;
  }
  return new RegistryClient({ url: ref.registry, credentials: ctx.credentials(), onWarning: (m) => ctx.output.appendLine(`[harbor] ${m}`) });
}

export async function harborReport(ctx: ScanCommandContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Reading Harbor results')) return;
  const ref = await askForReference(arg, 'Harbor Vulnerability Report');
  if (!ref) return;
  try {
    const credential = await credentialFor(ctx, ref.registry);
    const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Harbor: reading the report of ${ref.original}` },
      () => fetchHarborReport(harborRequestVia(harborClient(ctx, ref, arg), ref.registry, credential), ref));
    await showReport(ctx, report, ref.original);
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: ${(error as Error).message}`);
  }
}

export async function scanInHarborCommand(ctx: ScanCommandContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Scanning in Harbor')) return;
  const ref = await askForReference(arg, 'Scan in Harbor');
  if (!ref) return;
  try {
    const credential = await credentialFor(ctx, ref.registry);
    const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Harbor: scanning ${formatReference(ref)}`, cancellable: true }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort(new Error('Harbor scan cancelled (the scan continues in Harbor)')));
      return scanInHarbor(harborRequestVia(harborClient(ctx, ref, arg), ref.registry, credential), ref, { signal: abort.signal, onStatus: (s) => progress.report({ message: s }) });
    });
    await showReport(ctx, report, ref.original);
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: ${(error as Error).message}`);
  }
}
