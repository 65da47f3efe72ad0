import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { emptyConfig, type ShipshapeConfig } from '../config/config';
import { lintFile, releaseLintCaches, type FileKind, type LintInput } from '../lint';
import type { Finding } from '../core/finding';
import type { ReadStamp, WorkspaceIndex } from '../workspace/workspaceIndex';
import { toDiagnostic } from './diagnostics';
import { PublishedFixes } from './publishedFixes';
import { uriToPath } from './uri';

const LANGUAGE_KINDS: Record<string, FileKind> = { dockerfile: 'dockerfile', yaml: 'yaml' };
/** How many of the latest opened documents keep their parses without being edited. */
const RECENTLY_OPENED = 2;

/**
 * Lints open documents. No fixed debounce: a document is linted as soon as the server is idle,
 * and edits that arrive while it is busy coalesce into one lint of the newest version (stale
 * versions are never linted). Work is done one document per macrotask, so incoming edits are
 * read between documents, and the document being typed in goes ahead of background re-lints
 * (configuration changes, dependents of an edited Secret, ShellCheck results).
 */
export class DocumentLinter {
  /** Documents the user is editing: linted first. Insertion order = age. */
  private readonly urgent = new Set<string>();
  /** Re-lints that no keystroke waits for. */
  private readonly background = new Set<string>();
  private drainScheduled = false;
  config: ShipshapeConfig = emptyConfig();
  /** Every YAML file of the workspace, for cross-file Kubernetes checks. */
  workspace?: WorkspaceIndex;
  /** Told after a document's diagnostics were published. */
  onPublished?: (uri: string) => void;
  /** `shipshape.enable`: when false, every document's diagnostics are cleared. */
  enabled = true;
  /** What each document's last lint read of the workspace index, and at which generations. */
  private readonly lintedAt = new Map<string, ReadStamp>();
  /** Fixes of what was last published, for code actions. */
  readonly fixes = new PublishedFixes();
  /** Documents seen open, those edited since, and the latest opened (newest last). */
  private readonly opened = new Set<string>();
  private readonly edited = new Set<string>();
  private recentlyOpened: string[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /**
   * Queues a lint of the document's newest version. `relint` (re-lints not caused by typing in
   * this document) queues it behind the documents being edited.
   */
  schedule(document: TextDocument, relint = false): void {
    const { uri } = document;
    if (relint) {
      if (!this.urgent.has(uri)) this.background.add(uri);
    } else {
      // The first content event is the open; later ones are edits.
      if (this.opened.has(uri)) {
        this.edited.add(uri);
      } else {
        this.opened.add(uri);
        this.recentlyOpened.push(uri);
        // One that is no longer among the latest opened lets its parses go, unless edited.
        const older = this.recentlyOpened.length > RECENTLY_OPENED ? this.recentlyOpened.shift()! : undefined;
        const olderDocument = older === undefined ? undefined : this.documents.get(older);
        if (olderDocument && !this.keepsCaches(olderDocument.uri)) releaseLintCaches(this.lintInput(olderDocument));
      }
      this.background.delete(uri);
      this.urgent.add(uri);
    }
    this.scheduleDrain();
  }

  /**
   * Re-lint after the workspace's cross-file facts changed, unless the document's last lint
   * read none of the facts that changed (most manifests read no Secrets; documents linted
   * while the crawl was running may have seen the change already).
   */
  scheduleIfStale(document: TextDocument): void {
    const stamp = this.lintedAt.get(document.uri);
    if (this.workspace && stamp && this.workspace.isCurrent(stamp)) return;
    this.schedule(document, true);
  }

  lintAll(): void {
    for (const document of this.documents.all()) this.schedule(document, true);
  }

  close(uri: string): void {
    this.urgent.delete(uri);
    this.background.delete(uri);
    this.lintedAt.delete(uri);
    this.fixes.forget(uri);
    this.opened.delete(uri);
    this.edited.delete(uri);
    this.recentlyOpened = this.recentlyOpened.filter((u) => u !== uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** setImmediate runs after pending I/O: edits already received are applied before we lint. */
  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      const uri = first(this.urgent) ?? first(this.background);
      if (uri === undefined) return;
      this.urgent.delete(uri);
      this.background.delete(uri);
      this.lint(uri);
      if (this.urgent.size + this.background.size > 0) this.scheduleDrain();
    });
  }

  private lint(uri: string): void {
    const document = this.documents.get(uri);
    if (!document) return;
    const findings = this.findingsOf(document);
    void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: findings.map(toDiagnostic) });
    this.onPublished?.(uri);
  }

  /**
   * Lints a document now (without publishing) when the fixes of its last publish were let go:
   * code actions asked for a document that was not among the recently linted ones.
   */
  ensureFixes(uri: string): void {
    const document = this.documents.get(uri);
    if (document && !this.fixes.has(uri)) this.findingsOf(document, false);
  }

  /**
   * Parse trees and per-stage results are kept for the next lint of documents being edited and
   * of the latest opened ones (the user is about to type there: the first keystroke in a large
   * file stays incremental). Others let them go: with a whole workspace open, keeping them all
   * cost over a hundred MB for edits that never come.
   */
  private keepsCaches(uri: string): boolean {
    return this.edited.has(uri) || this.recentlyOpened.includes(uri);
  }

  private lintInput(document: TextDocument): LintInput {
    return { path: uriToPath(document.uri), text: document.getText(), kind: LANGUAGE_KINDS[document.languageId] };
  }

  /** `stamp`: record what the lint read (false when nothing is published from it). */
  private findingsOf(document: TextDocument, stamp = true): Finding[] {
    const { uri } = document;
    const input = this.lintInput(document);
    const lint = () => !this.enabled ? [] : lintFile(input, this.config, this.workspace);
    let findings: Finding[];
    if (this.workspace && stamp) {
      const recorded = this.workspace.recordReads(lint);
      findings = recorded.result;
      this.lintedAt.set(uri, recorded.stamp);
    } else {
      findings = lint();
    }
    if (!this.keepsCaches(uri)) releaseLintCaches(input);
    this.fixes.remember(uri, findings);
    return findings;
  }
}

function first(set: Set<string>): string | undefined {
  for (const value of set) return value;
  return undefined;
}
