// The scan results webview panel: one per report, restored after a reload by a
// WebviewPanelSerializer from the report key the webview keeps in its state.
import * as vscode from 'vscode';
import type { CacheEntry } from '../../../server/src/scan/cache';
import { exportJson } from '../../../server/src/scan/exportJson';
import { validatePanelRequest, type PanelRequest } from '../../../server/src/scan/messages';
import type { ScanReport } from '../../../server/src/scan/model';
import { exportSarif } from '../../../server/src/scan/sarif';
import { panelHtml } from './panelHtml';
import type { ScanStore } from './store';

export const SCAN_PANEL_VIEW_TYPE = 'shipshape.scanResults';
export const TRIVY_INSTALL_URL = 'https://trivy.dev/latest/getting-started/installation/';
declare const SHIPSHAPE_VERSION: string;

type Content =
  | { kind: 'report'; entry: CacheEntry; report: ScanReport }
  | { kind: 'status'; text: string }
  | { kind: 'error'; title: string; text: string }
  | { kind: 'trivyMissing'; text: string };

export interface PanelHost {
  extensionUri: vscode.Uri;
  store: ScanStore;
  output: vscode.OutputChannel;
  /** Runs the scan that would fill this panel again ("Try again" after installing Trivy). */
  rescan?: () => void;
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    // The panel only ever loads its own script and style.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    enableFindWidget: true,
  };
}

export class ScanPanel implements vscode.Disposable {
  private static readonly open = new Map<string, ScanPanel>();
  private content: Content = { kind: 'status', text: 'Loading…' };
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  key: string | undefined;

  /** Shows a report, reusing the panel that already shows it. */
  static show(host: PanelHost, entry: CacheEntry, report: ScanReport): ScanPanel {
    const existing = ScanPanel.open.get(entry.key);
    if (existing) {
      existing.setContent({ kind: 'report', entry, report });
      existing.panel.reveal();
      return existing;
    }
    const panel = ScanPanel.create(host, titleFor(entry));
    panel.setContent({ kind: 'report', entry, report });
    return panel;
  }

  /** A panel for a scan that is still running (or cannot run). */
  static create(host: PanelHost, title: string): ScanPanel {
    const webview = vscode.window.createWebviewPanel(SCAN_PANEL_VIEW_TYPE, title, vscode.ViewColumn.Active, panelOptions(host.extensionUri));
    return new ScanPanel(webview, host);
  }

  /** Restores a panel after a window reload from the state the webview saved. */
  static async revive(panel: vscode.WebviewPanel, host: PanelHost, state: unknown): Promise<void> {
    const key = typeof state === 'object' && state !== null && typeof (state as { key?: unknown }).key === 'string' ? (state as { key: string }).key : undefined;
    // A panel that never showed results (a status, an error, "Trivy missing") has nothing to restore.
    if (!key) {
      panel.dispose();
      return;
    }
    const revived = new ScanPanel(panel, host);
    const stored = await host.store.get(key);
    if (stored) revived.setContent({ kind: 'report', ...stored });
    else revived.setContent({ kind: 'error', title: 'Scan results are no longer available', text: 'The cached results were removed. Run the scan again or use "Shipshape: Import Scan Results".' });
  }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly host: PanelHost) {
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'icon.png');
    panel.webview.options = panelOptions(host.extensionUri);
    const media = (name: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'media', 'scan', name)).toString();
    panel.webview.html = panelHtml({ cspSource: panel.webview.cspSource, scriptUri: media('panel.js'), styleUri: media('panel.css') });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  setContent(content: Content): void {
    if (this.disposed) return;
    if (content.kind === 'report') {
      if (this.key) ScanPanel.open.delete(this.key);
      this.key = content.entry.key;
      ScanPanel.open.set(this.key, this);
      this.panel.title = titleFor(content.entry);
    }
    this.content = content;
    if (this.ready) this.post();
  }

  private post(): void {
    const c = this.content;
    switch (c.kind) {
      case 'report':
        void this.panel.webview.postMessage({
          type: 'report',
          meta: {
            key: c.entry.key,
            title: c.entry.artifactName,
            artifactName: c.report.artifactName,
            artifactType: c.report.artifactType,
            scanner: [c.report.scanner.name, c.report.scanner.version].filter(Boolean).join(' '),
            scannedAt: c.entry.scannedAt,
            digest: c.entry.digest ?? '',
            tags: c.report.image?.repoTags.slice(0, 5) ?? [],
          },
          findings: c.report.findings,
        });
        return;
      case 'status':
        void this.panel.webview.postMessage({ type: 'status', text: c.text, busy: true });
        return;
      case 'error':
        void this.panel.webview.postMessage({ type: 'error', title: c.title, text: c.text });
        return;
      case 'trivyMissing':
        void this.panel.webview.postMessage({
          type: 'trivyMissing', text: c.text, installUrl: TRIVY_INSTALL_URL,
          commands: trivyInstallCommands(),
        });
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = validatePanelRequest(raw);
    if (!message) {
      this.host.output.appendLine('[scan] ignored an unexpected message from the scan results panel');
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      void vscode.window.showErrorMessage(`Shipshape: ${(error as Error).message}`);
    }
  }

  private async handle(message: PanelRequest): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'export':
        return this.export(message.format);
      case 'revealFinding':
        return this.reveal(message.index);
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'shipshape.trivy.path');
        return;
      case 'rescan':
        this.host.rescan?.();
        return;
    }
  }

  private async export(format: 'sarif' | 'json'): Promise<void> {
    if (this.content.kind !== 'report') return;
    const { report, entry } = this.content;
    const base = entry.artifactName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'scan';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${base}.${format === 'sarif' ? 'sarif' : 'json'}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'sarif' ? { SARIF: ['sarif', 'json'] } : { JSON: ['json'] },
      title: `Export scan results as ${format.toUpperCase()}`,
    });
    if (!target) return;
    const text = format === 'sarif' ? exportSarif(report, SHIPSHAPE_VERSION) : exportJson(report);
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    void vscode.window.showInformationMessage(`Shipshape: exported ${report.findings.length} findings to ${vscode.workspace.asRelativePath(target)}`);
  }

  /** Secrets and misconfigurations point into workspace files: open them at the line. */
  private async reveal(index: number): Promise<void> {
    if (this.content.kind !== 'report') return;
    const finding = this.content.report.findings[index];
    if (!finding?.target || !finding.startLine) return;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, finding.target);
      if (!uri.path.startsWith(folder.uri.path + '/')) continue; // "../" in a scanner path stays inside the workspace
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        continue;
      }
      const line = finding.startLine - 1;
      const end = (finding.endLine ?? finding.startLine) - 1;
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, end, Number.MAX_SAFE_INTEGER), viewColumn: vscode.ViewColumn.Beside });
      return;
    }
    void vscode.window.showWarningMessage(`Shipshape: ${finding.target} is not in this workspace`);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.key && ScanPanel.open.get(this.key) === this) ScanPanel.open.delete(this.key);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function titleFor(entry: CacheEntry): string {
  const name = entry.artifactName.split('/').pop() || entry.artifactName || 'results';
  return `Scan: ${name.length > 40 ? name.slice(0, 39) + '…' : name}`;
}

function trivyInstallCommands(): string[] {
  switch (process.platform) {
    case 'darwin': return ['brew install trivy'];
    case 'win32': return ['winget install AquaSecurity.Trivy', 'choco install trivy'];
    default: return [
      '# Debian/Ubuntu: add Aqua\'s apt repository, then',
      'sudo apt-get install trivy',
      '# or the install script:',
      'curl -sfL https://raw.githubusercontent.com/aquasecurity/trivy/main/contrib/install.sh | sh -s -- -b /usr/local/bin',
    ];
  }
}
