// After a scan, every Dockerfile `FROM` and manifest `image:` naming the scanned image gets a
// diagnostic and a hover with the severity counts and an "Open scan results" link. Kept apart
// from the language server's diagnostics (own collection, own source).
import * as vscode from 'vscode';
import type { CacheEntry } from '../../../server/src/scan/cache';
import { formatCounts } from '../../../server/src/scan/model';
import { referenceAt, writtenReferences, type WrittenReference } from './imageLines';
import type { ScanStore } from './store';

export const SCAN_DIAGNOSTIC_SOURCE = 'shipshape-scan';
const OPEN_COMMAND = 'shipshape.scan.openResults';
const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'dockerfile' }, { scheme: 'untitled', language: 'dockerfile' },
  { scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' },
];

function describe(entry: CacheEntry): string {
  return `${formatCounts(entry.counts)} (scanned ${entry.scannedAt.replace('T', ' ').slice(0, 16)} UTC)`;
}

function severityOf(entry: CacheEntry): vscode.DiagnosticSeverity {
  if (entry.counts.CRITICAL > 0 || entry.counts.HIGH > 0) return vscode.DiagnosticSeverity.Warning;
  return entry.total > 0 ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
}

export class ScanCodeLinks implements vscode.HoverProvider, vscode.CodeActionProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(SCAN_DIAGNOSTIC_SOURCE);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly store: ScanStore) {
    this.disposables.push(
      this.diagnostics,
      vscode.languages.registerHoverProvider(SELECTOR, this),
      vscode.languages.registerCodeActionsProvider(SELECTOR, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      store.onDidChange(() => this.refreshAll()),
      vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.refreshSoon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    );
    this.refreshAll();
  }

  private references(doc: vscode.TextDocument): WrittenReference[] {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return [];
    return writtenReferences(doc.languageId, doc.fileName, doc.getText());
  }

  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.refresh(doc);
  }

  private refreshSoon(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.refresh(doc); }, 300));
  }

  private refresh(doc: vscode.TextDocument): void {
    if (this.store.list().length === 0) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    const found: vscode.Diagnostic[] = [];
    for (const ref of this.references(doc)) {
      const entry = this.store.findFor(ref.text);
      if (!entry) continue;
      const d = new vscode.Diagnostic(new vscode.Range(ref.line, ref.start, ref.line, ref.end), `${ref.text}: ${describe(entry)} — run "Open scan results" to see them`, severityOf(entry));
      d.source = SCAN_DIAGNOSTIC_SOURCE;
      d.code = 'scan-results';
      found.push(d);
    }
    if (found.length) this.diagnostics.set(doc.uri, found);
    else this.diagnostics.delete(doc.uri);
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const ref = referenceAt(this.references(doc), position.line, position.character);
    const entry = ref ? this.store.findFor(ref.text) : undefined;
    if (!ref || !entry) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    // Only our own command may run from this hover.
    md.isTrusted = { enabledCommands: [OPEN_COMMAND] };
    md.appendMarkdown('**Scan results** for ');
    md.appendText(ref.text);
    md.appendMarkdown('\n\n');
    // Counts, times, sources and digests are Shipshape's own data (numbers, enums, hex).
    const parts = (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const).map((s) => `${s.toLowerCase()}: **${entry.counts[s]}**`);
    md.appendMarkdown(`${parts.join(' · ')}\n\n`);
    md.appendText(`scanned ${entry.scannedAt.replace('T', ' ').slice(0, 16)} UTC by ${entry.source}${entry.digest ? `, ${entry.digest.slice(0, 19)}…` : ''}`);
    md.appendMarkdown(`\n\n[$(shield) Open scan results](command:${OPEN_COMMAND}?${encodeURIComponent(JSON.stringify([entry.key]))} "Open the scan results panel")`);
    return new vscode.Hover(md, new vscode.Range(ref.line, ref.start, ref.line, ref.end));
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== SCAN_DIAGNOSTIC_SOURCE) continue;
      const entry = this.store.findFor(doc.getText(d.range));
      if (!entry) continue;
      const action = new vscode.CodeAction('Open scan results', vscode.CodeActionKind.QuickFix);
      action.command = { command: OPEN_COMMAND, title: 'Open scan results', arguments: [entry.key] };
      action.diagnostics = [d];
      actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
