// Shipshape's JSON export: the normalised report as is, tagged so it can be imported again.
import { arr, isObject, isScanSeverity, num, optInt, ScanFormatError, str, strings, type FindingKind, type Json, type ScanFinding, type ScanReport } from './model';

const FORMAT_KEY = 'shipshapeScanReport';
const FORMAT_VERSION = 1;

export function exportJson(report: ScanReport): string {
  return JSON.stringify({ [FORMAT_KEY]: FORMAT_VERSION, ...report }, null, 2) + '\n';
}

export function isShipshapeJson(doc: unknown): boolean {
  return isObject(doc) && doc[FORMAT_KEY] !== undefined;
}

export function parseShipshapeJson(doc: unknown): ScanReport {
  if (!isObject(doc) || doc[FORMAT_KEY] !== FORMAT_VERSION) throw new ScanFormatError(`unsupported Shipshape scan export version ${isObject(doc) ? String(doc[FORMAT_KEY]) : ''}`);
  const findings = doc.findings;
  if (!Array.isArray(findings) || !findings.every((f) => isObject(f) && typeof f.id === 'string' && isScanSeverity(f.severity))) {
    throw new ScanFormatError('Shipshape scan export is damaged: findings are missing or malformed');
  }
  const scanner = isObject(doc.scanner) ? doc.scanner : {};
  const image = isObject(doc.image) ? doc.image : undefined;
  return {
    source: 'shipshape-json',
    artifactName: str(doc.artifactName),
    artifactType: str(doc.artifactType),
    createdAt: str(doc.createdAt),
    scanner: { name: str(scanner.name), version: str(scanner.version) },
    ...(image ? { image: { repoDigests: strings(image.repoDigests), repoTags: strings(image.repoTags), imageId: str(image.imageId) || undefined, digest: str(image.digest) || undefined } } : {}),
    findings: (findings as Json[]).map(finding),
  };
}

const KINDS: readonly FindingKind[] = ['vulnerability', 'secret', 'misconfiguration', 'license'];

/** Rebuilt field by field: an edited export must not smuggle other types into the panel. */
function finding(f: Json): ScanFinding {
  const opt = (v: unknown) => str(v) || undefined;
  return {
    kind: KINDS.includes(f.kind as FindingKind) ? (f.kind as FindingKind) : 'vulnerability',
    id: str(f.id), severity: f.severity as ScanFinding['severity'], title: str(f.title), description: str(f.description),
    pkgName: str(f.pkgName), installedVersion: str(f.installedVersion), fixedVersion: str(f.fixedVersion),
    target: str(f.target), resultClass: str(f.resultClass), resultType: str(f.resultType),
    status: opt(f.status), pkgPath: opt(f.pkgPath), primaryUrl: opt(f.primaryUrl),
    references: strings(f.references), cwes: strings(f.cwes),
    cvss: arr(f.cvss).filter(isObject).map((c) => ({ source: str(c.source), v3Score: num(c.v3Score), v3Vector: opt(c.v3Vector), v2Score: num(c.v2Score), v2Vector: opt(c.v2Vector) })),
    startLine: optInt(f.startLine), endLine: optInt(f.endLine), resolution: opt(f.resolution),
    publishedDate: opt(f.publishedDate), layerDigest: opt(f.layerDigest),
  };
}
