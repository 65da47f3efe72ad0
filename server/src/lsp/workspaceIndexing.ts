// Keeps the workspace index of every YAML file current: a bounded asynchronous crawl of the
// workspace folders at start, file-watcher events, and open documents as they are edited. When a
// change touches what other files depend on (Secrets, ServiceAccounts, kustomizations), the
// open YAML documents are linted again so their diagnostics follow.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileChangeType, type DidChangeWatchedFilesParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKind } from '../lint';
import { WorkspaceIndex } from '../workspace/workspaceIndex';
import { uriToPath } from './uri';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', 'vendor', '.terraform', '__pycache__', '.venv']);
export const MAX_INDEXED_FILES = 20_000;
export const MAX_INDEXED_FILE_BYTES = 4 * 1024 * 1024;
const YIELD_EVERY = 50;

export interface IndexingOptions {
  /** Re-lint one open document (debounced by the caller). */
  relint: (document: TextDocument) => void;
  log?: (message: string) => void;
}

export class WorkspaceIndexing {
  readonly index = new WorkspaceIndex();
  private readonly openPaths = new Set<string>();
  private dependentsTimer?: NodeJS.Timeout;
  /** Resolves when the initial crawl is done (tests and features may wait on it). */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly documents: TextDocuments<TextDocument>, private readonly options: IndexingOptions) {}

  /** Starts the crawl of the workspace folders (not awaited by the caller). */
  start(folders: string[]): Promise<void> {
    this.ready = this.crawl(folders).catch((error) => this.options.log?.(`workspace indexing failed: ${(error as Error).message}`));
    return this.ready;
  }

  private async crawl(folders: string[]): Promise<void> {
    const started = Date.now();
    let count = 0;
    let changed = false;
    const queue = [...folders];
    while (queue.length > 0 && count < MAX_INDEXED_FILES) {
      const dir = queue.shift()!;
      let entries;
      try { entries = await readdir(dir, { withFileTypes: true }); } catch { continue; }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) queue.push(path);
        } else if (entry.isFile() && fileKind(path) === 'yaml' && !this.openPaths.has(path)) {
          if (await this.indexFromDisk(path)) changed = true;
          if (++count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
          if (count >= MAX_INDEXED_FILES) {
            this.options.log?.(`workspace index stopped at ${MAX_INDEXED_FILES} YAML files`);
            break;
          }
        }
      }
    }
    this.options.log?.(`indexed ${count} YAML files in ${Date.now() - started} ms`);
    if (changed) this.relintOpenYaml();
  }

  private async indexFromDisk(path: string): Promise<boolean> {
    try {
      const info = await stat(path);
      if (info.size > MAX_INDEXED_FILE_BYTES) return false;
      return this.index.update(path, await readFile(path, 'utf8'));
    } catch {
      return this.index.remove(path);
    }
  }

  /** File-watcher events: open documents win over the disk (their buffer is indexed). */
  async filesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    let changed = false;
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (fileKind(path) !== 'yaml' || this.openPaths.has(path)) continue;
      if (change.type === FileChangeType.Deleted) changed = this.index.remove(path) || changed;
      else changed = (await this.indexFromDisk(path)) || changed;
    }
    if (changed) this.relintOpenYaml();
  }

  /** An open YAML document changed: index its buffer; dependents follow when facts changed. */
  documentChanged(document: TextDocument): void {
    const path = uriToPath(document.uri);
    if (!document.uri.startsWith('file:') || fileKind(path) !== 'yaml' && document.languageId !== 'yaml') return;
    this.openPaths.add(path);
    if (this.index.update(path, document.getText())) this.relintOpenYaml(document.uri);
  }

  /** Closed: the disk content is the truth again. */
  documentClosed(document: TextDocument): void {
    const path = uriToPath(document.uri);
    if (!this.openPaths.delete(path)) return;
    void this.indexFromDisk(path).then((changed) => { if (changed) this.relintOpenYaml(); });
  }

  private relintOpenYaml(except?: string): void {
    if (this.dependentsTimer) clearTimeout(this.dependentsTimer);
    this.dependentsTimer = setTimeout(() => {
      for (const document of this.documents.all()) {
        if (document.uri === except) continue;
        if (document.languageId === 'yaml' || fileKind(uriToPath(document.uri)) === 'yaml') this.options.relint(document);
      }
    }, 50);
  }
}
