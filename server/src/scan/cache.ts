// Scan results kept per image digest (not per tag: a tag moves, a digest does not) with the time
// of the scan, in a folder (the extension's global storage). A small index lists what is cached;
// each report is its own file so opening the index never reads tens of thousands of findings.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJson, parseShipshapeJson } from './exportJson';
import { canonicalReference, findScanFor } from './imageMatch';
import { countBySeverity, isObject, type ScanReport, type ScanSource, type SeverityCounts } from './model';

export interface CacheEntry {
  /** The image digest for image scans, else a content hash (`content:<hex>`). */
  key: string;
  digest?: string;
  /** Canonical references that point at this image (scanned reference, RepoTags, RepoDigests). */
  references: string[];
  artifactName: string;
  /** When Shipshape received the result (ISO 8601). */
  scannedAt: string;
  counts: SeverityCounts;
  total: number;
  source: ScanSource;
}

const INDEX = 'index.json';
const MAX_ENTRIES = 200;

/** The digest identifying the scanned image: manifest digest, else the config digest. */
export function imageDigestOf(report: ScanReport, scannedReference?: string): string | undefined {
  const fromRef = scannedReference?.includes('@') ? scannedReference.slice(scannedReference.lastIndexOf('@') + 1) : undefined;
  return report.image?.digest ?? (fromRef?.includes(':') ? fromRef : undefined) ?? report.image?.imageId;
}

export function cacheKeyOf(report: ScanReport, scannedReference?: string): string {
  const digest = imageDigestOf(report, scannedReference);
  if (digest) return digest;
  const hash = createHash('sha256').update(report.artifactName).update('\0').update(JSON.stringify(report.findings)).digest('hex');
  return `content:${hash}`;
}

export class ScanCache {
  private entries: CacheEntry[] | undefined;

  constructor(private readonly dir: string, private readonly now: () => Date = () => new Date()) {}

  async list(): Promise<CacheEntry[]> {
    if (!this.entries) this.entries = await this.readIndex();
    return [...this.entries].sort((a, b) => b.scannedAt.localeCompare(a.scannedAt));
  }

  /** Stores a report; `scannedReference` is what the user asked to scan (e.g. `nginx:1.27`). */
  async put(report: ScanReport, scannedReference?: string): Promise<CacheEntry> {
    const key = cacheKeyOf(report, scannedReference);
    const references = new Set<string>();
    for (const text of [scannedReference, ...(report.image?.repoTags ?? []), ...(report.image?.repoDigests ?? []), report.image ? report.artifactName : undefined]) {
      const canonical = text ? canonicalReference(text) : undefined;
      if (canonical) references.add(canonical);
    }
    const counts = countBySeverity(report.findings);
    const entry: CacheEntry = {
      key, digest: imageDigestOf(report, scannedReference), references: [...references],
      artifactName: scannedReference || report.artifactName, scannedAt: this.now().toISOString(),
      counts, total: report.findings.length, source: report.source,
    };
    await mkdir(this.dir, { recursive: true });
    await atomicWrite(join(this.dir, fileName(key)), exportJson(report));
    const entries = (await this.list()).filter((e) => e.key !== key);
    entries.unshift(entry);
    for (const old of entries.splice(MAX_ENTRIES)) await rm(join(this.dir, fileName(old.key)), { force: true });
    this.entries = entries;
    await atomicWrite(join(this.dir, INDEX), JSON.stringify(entries, null, 1));
    return entry;
  }

  async get(key: string): Promise<{ entry: CacheEntry; report: ScanReport } | undefined> {
    const entry = (await this.list()).find((e) => e.key === key);
    if (!entry) return undefined;
    try {
      return { entry, report: parseShipshapeJson(JSON.parse(await readFile(join(this.dir, fileName(key)), 'utf8'))) };
    } catch {
      return undefined;
    }
  }

  /** The newest cached scan of the image a written reference names. */
  async findByReference(text: string): Promise<CacheEntry | undefined> {
    return findScanFor(await this.list(), text);
  }

  private async readIndex(): Promise<CacheEntry[]> {
    try {
      const data: unknown = JSON.parse(await readFile(join(this.dir, INDEX), 'utf8'));
      return Array.isArray(data) ? data.filter((e): e is CacheEntry => isObject(e) && typeof e.key === 'string' && Array.isArray(e.references) && isObject(e.counts)) : [];
    } catch {
      return []; // no cache yet, or a damaged index: start afresh rather than fail the scan
    }
  }
}

function fileName(key: string): string {
  return `report-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;
}

async function atomicWrite(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
}
