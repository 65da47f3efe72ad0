// The one normalised shape every scan source (Trivy JSON, SARIF, Harbor) is read into, so the
// panel, the cache, the exports and the code links never care where a result came from.

export const SCAN_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export type ScanSeverity = (typeof SCAN_SEVERITIES)[number];

/** What was found: a vulnerable package, a leaked secret, a misconfiguration, a licence. */
export type FindingKind = 'vulnerability' | 'secret' | 'misconfiguration' | 'license';

export interface Cvss {
  /** Who scored it: `nvd`, `ghsa`, `redhat`, … */
  source: string;
  v3Score?: number;
  v3Vector?: string;
  v2Score?: number;
  v2Vector?: string;
}

export interface ScanFinding {
  kind: FindingKind;
  /** CVE/GHSA id, secret rule id, misconfiguration id. */
  id: string;
  severity: ScanSeverity;
  title: string;
  description: string;
  /** Package name (vulnerabilities), rule category (secrets), check type (misconfigurations). */
  pkgName: string;
  installedVersion: string;
  /** Empty when no fix is known. */
  fixedVersion: string;
  /** Where it was found: OS name, lock file, source file. */
  target: string;
  /** Trivy's result class (`os-pkgs`, `lang-pkgs`, `secret`, `config`, …). */
  resultClass: string;
  /** Trivy's package type (`alpine`, `npm`, `jar`, `dockerfile`, …). */
  resultType: string;
  status?: string;
  pkgPath?: string;
  primaryUrl?: string;
  references: string[];
  cvss: Cvss[];
  cwes: string[];
  /** 1-based lines inside `target`, for secrets and misconfigurations. */
  startLine?: number;
  endLine?: number;
  /** Misconfiguration resolution or secret match excerpt. */
  resolution?: string;
  publishedDate?: string;
  layerDigest?: string;
}

export type ScanSource = 'trivy-json' | 'sarif' | 'harbor' | 'shipshape-json';

export interface ScanReport {
  source: ScanSource;
  /** The scanned thing as the scanner named it (image reference, path, archive). */
  artifactName: string;
  /** `container_image`, `repository`, `filesystem`, … (empty when unknown). */
  artifactType: string;
  /** When the scan ran (ISO 8601), as the scanner said; empty when unknown. */
  createdAt: string;
  scanner: { name: string; version: string };
  /** Image identity: manifest digests (`repo@sha256:…`), tags, config digest. */
  image?: { repoDigests: string[]; repoTags: string[]; imageId?: string; digest?: string };
  findings: ScanFinding[];
}

export type SeverityCounts = Record<ScanSeverity, number>;

export function emptyCounts(): SeverityCounts {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
}

export function countBySeverity(findings: readonly Pick<ScanFinding, 'severity'>[]): SeverityCounts {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function isScanSeverity(value: unknown): value is ScanSeverity {
  return typeof value === 'string' && (SCAN_SEVERITIES as readonly string[]).includes(value);
}

/** Scanner spellings (`Critical`, `HIGH`, Harbor's `Negligible`, …) to the five levels. */
export function normaliseSeverity(value: unknown): ScanSeverity {
  if (typeof value !== 'string') return 'UNKNOWN';
  const upper = value.trim().toUpperCase();
  if (isScanSeverity(upper)) return upper;
  if (upper === 'NEGLIGIBLE') return 'LOW';
  return 'UNKNOWN';
}

/** Higher is worse; used for sorting. */
export function severityRank(severity: ScanSeverity): number {
  return SCAN_SEVERITIES.length - SCAN_SEVERITIES.indexOf(severity);
}

/** The worst severity that occurs, or undefined when there are no findings. */
export function worstSeverity(counts: SeverityCounts): ScanSeverity | undefined {
  return SCAN_SEVERITIES.find((s) => counts[s] > 0);
}

/** "2 critical, 5 high, 1 medium" — zero counts left out; "no findings" when empty. */
export function formatCounts(counts: SeverityCounts): string {
  const parts = SCAN_SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s.toLowerCase()}`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/** Thrown for input that is not a scan report we can read; the message is shown to the user. */
export class ScanFormatError extends Error {
  override name = 'ScanFormatError';
}

// Small readers for untrusted JSON: scanner output is data, never trusted to have a shape.
export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
export const optInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
