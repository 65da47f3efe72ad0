// The extension-side view of the scan cache: a synchronous list of what has been scanned (for
// hovers, diagnostics and the tree badge) kept in step with the on-disk cache, plus a change
// event.
import * as vscode from 'vscode';
import { scanBadge, type ScanBadge } from '../../../server/src/scan/badge';
import { ScanCache, type CacheEntry } from '../../../server/src/scan/cache';
import { findScanFor } from '../../../server/src/scan/imageMatch';
import type { ScanReport } from '../../../server/src/scan/model';

export class ScanStore implements vscode.Disposable {
  private readonly cache: ScanCache;
  private entries: CacheEntry[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Reports shown in this session that the cache could not keep (e.g. storage not writable). */
  private readonly memory = new Map<string, { entry: CacheEntry; report: ScanReport }>();

  constructor(storageDir: string) {
    this.cache = new ScanCache(storageDir);
  }

  async load(): Promise<void> {
    this.entries = await this.cache.list();
    this.changed.fire();
  }

  list(): readonly CacheEntry[] {
    return this.entries;
  }

  async put(report: ScanReport, scannedReference?: string): Promise<CacheEntry> {
    const entry = await this.cache.put(report, scannedReference);
    this.memory.delete(entry.key);
    this.memory.set(entry.key, { entry, report });
    // Keep only the last few in memory; the rest are read back from disk when opened.
    for (const key of [...this.memory.keys()].slice(0, -5)) this.memory.delete(key);
    this.entries = await this.cache.list();
    this.changed.fire();
    return entry;
  }

  async get(key: string): Promise<{ entry: CacheEntry; report: ScanReport } | undefined> {
    return this.memory.get(key) ?? this.cache.get(key);
  }

  /** The newest scan of the image a written reference names. */
  findFor(reference: string): CacheEntry | undefined {
    return findScanFor(this.entries, reference);
  }

  badgeFor(reference: string): ScanBadge | undefined {
    const entry = this.findFor(reference);
    return entry ? scanBadge(entry.counts, entry.scannedAt) : undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
