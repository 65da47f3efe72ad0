// Harbor's vulnerability report (GET …/artifacts/{ref}/additions/vulnerabilities, keyed by the
// scanner report media type) into the normalised model, plus "Scan in Harbor": trigger a scan
// and poll the artifact's scan_overview until the report is ready.
//
// HTTP goes through the product's one registry client: callers pass its JSON request function
// (`HarborRequest`), so this module never opens a connection itself.
import type { ImageReference } from '../image/reference';
import {
  arr, isObject, normaliseSeverity, num, ScanFormatError, str, strings,
  type Cvss, type Json, type ScanFinding, type ScanReport,
} from './model';
import { cvssList } from './trivyJson';

/** Report media types Harbor's scanner adapters produce, preferred first. */
export const HARBOR_REPORT_MEDIA_TYPES = [
  'application/vnd.security.vulnerability.report; version=1.1',
  'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0',
] as const;

/** The Accept-style header Harbor reads to pick the report type. */
export const X_ACCEPT_VULNERABILITIES = HARBOR_REPORT_MEDIA_TYPES.join(', ');

export function isHarborReport(doc: unknown): boolean {
  return isObject(doc) && (reportKey(doc) !== undefined || isInnerReport(doc));
}

/** The media-type key holding the report: a known one first, else any key with a report inside. */
function reportKey(doc: Json): string | undefined {
  return HARBOR_REPORT_MEDIA_TYPES.find((t) => isObject(doc[t]))
    ?? Object.keys(doc).find((k) => k.includes('vnd.') && isObject(doc[k]) && isInnerReport(doc[k] as Json));
}

function isInnerReport(doc: Json): boolean {
  return Array.isArray(doc.vulnerabilities) && (isObject(doc.scanner) || isObject(doc.artifact) || 'generated_at' in doc);
}

/** Reads the addition body (keyed by media type) or one inner report. */
export function parseHarborReport(doc: unknown): ScanReport {
  if (!isHarborReport(doc)) throw new ScanFormatError('not a Harbor vulnerability report (expected a report keyed by a scanner report media type)');
  const root = doc as Json;
  const key = reportKey(root);
  const report = key ? (root[key] as Json) : root;
  const artifact = isObject(report.artifact) ? report.artifact : {};
  const scanner = isObject(report.scanner) ? report.scanner : {};
  const repository = str(artifact.repository);
  const digest = str(artifact.digest) || undefined;
  return {
    source: 'harbor',
    artifactName: repository ? `${repository}${digest ? '@' + digest : ''}` : digest ?? '',
    artifactType: 'container_image',
    createdAt: str(report.generated_at),
    scanner: { name: str(scanner.name) || 'Harbor', version: str(scanner.version) },
    image: { repoDigests: repository && digest ? [`${repository}@${digest}`] : [], repoTags: [], digest },
    findings: arr(report.vulnerabilities).filter(isObject).map((v) => harborFinding(v, repository)),
  };
}

function harborFinding(v: Json, repository: string): ScanFinding {
  const links = strings(v.links);
  const layer = isObject(v.layer) ? str(v.layer.digest) : '';
  return {
    kind: 'vulnerability',
    id: str(v.id),
    severity: normaliseSeverity(v.severity),
    title: '',
    description: str(v.description),
    pkgName: str(v.package),
    installedVersion: str(v.version),
    fixedVersion: str(v.fix_version),
    target: repository,
    resultClass: 'os-pkgs',
    resultType: '',
    primaryUrl: links[0],
    references: links,
    cvss: harborCvss(v),
    cwes: strings(v.cwe_ids),
    layerDigest: layer || undefined,
  };
}

function harborCvss(v: Json): Cvss[] {
  const vendor = isObject(v.vendor_attributes) ? cvssList(v.vendor_attributes.CVSS) : [];
  if (vendor.length > 0) return vendor;
  const p = isObject(v.preferred_cvss) ? v.preferred_cvss : undefined;
  if (!p) return [];
  return [{ source: 'harbor', v3Score: num(p.score_v3), v3Vector: str(p.vector_v3) || undefined, v2Score: num(p.score_v2), v2Vector: str(p.vector_v2) || undefined }];
}

// ---- Harbor API -----------------------------------------------------------------------------

/**
 * One Harbor API call through the registry client (auth, TLS, redirects, readable errors are
 * its job). Resolves with the parsed JSON body (undefined for an empty body); rejects on
 * non-2xx with the client's error.
 */
export type HarborRequest = (method: 'GET' | 'POST', path: string, headers: Record<string, string>) => Promise<unknown>;

/** `/api/v2.0/projects/{project}/repositories/{repo}/artifacts/{ref}` for an image in Harbor. */
export function harborArtifactPath(ref: ImageReference): string {
  const slash = ref.repository.indexOf('/');
  if (slash < 0) throw new ScanFormatError(`"${ref.original}" has no Harbor project: expected host/project/repository`);
  const project = ref.repository.slice(0, slash);
  // Harbor wants a repository name containing "/" URL-encoded twice.
  const repository = encodeURIComponent(encodeURIComponent(ref.repository.slice(slash + 1)));
  const reference = ref.digest ?? ref.tag ?? 'latest';
  return `/api/v2.0/projects/${encodeURIComponent(project)}/repositories/${repository}/artifacts/${encodeURIComponent(reference)}`;
}

/** Fetches and parses the vulnerability report of an artifact. */
export async function fetchHarborReport(request: HarborRequest, ref: ImageReference): Promise<ScanReport> {
  const body = await request('GET', `${harborArtifactPath(ref)}/additions/vulnerabilities`, { 'X-Accept-Vulnerabilities': X_ACCEPT_VULNERABILITIES });
  if (!isHarborReport(body)) throw new ScanFormatError(`Harbor has no vulnerability report for ${ref.original} yet — run "Scan in Harbor" first`);
  return parseHarborReport(body);
}

export type HarborScanStatus = 'Pending' | 'Running' | 'Scheduled' | 'Success' | 'Error' | 'Stopped' | 'Not Scanned' | string;

/** The scan status from an artifact's `scan_overview`, whichever report type it is keyed by. */
export function harborScanStatus(artifact: unknown): HarborScanStatus {
  if (!isObject(artifact) || !isObject(artifact.scan_overview)) return 'Not Scanned';
  const overview = artifact.scan_overview;
  const key = HARBOR_REPORT_MEDIA_TYPES.find((t) => isObject(overview[t])) ?? Object.keys(overview).find((k) => isObject(overview[k]));
  return key ? str((overview[key] as Json).scan_status) || 'Not Scanned' : 'Not Scanned';
}

export interface HarborScanOptions {
  signal?: AbortSignal;
  /** Milliseconds between polls (default 2000). */
  intervalMs?: number;
  /** Give up after this long (default 10 minutes). */
  timeoutMs?: number;
  onStatus?: (status: HarborScanStatus) => void;
}

/** "Scan in Harbor": POST …/scan, poll the artifact until the scan ends, then fetch the report. */
export async function scanInHarbor(request: HarborRequest, ref: ImageReference, options: HarborScanOptions = {}): Promise<ScanReport> {
  const path = harborArtifactPath(ref);
  const interval = options.intervalMs ?? 2000;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  await request('POST', `${path}/scan`, {});
  for (;;) {
    options.signal?.throwIfAborted();
    const artifact = await request('GET', `${path}?with_scan_overview=true`, { 'X-Accept-Vulnerabilities': X_ACCEPT_VULNERABILITIES });
    const status = harborScanStatus(artifact);
    options.onStatus?.(status);
    if (status === 'Success') return fetchHarborReport(request, ref);
    if (status === 'Error' || status === 'Stopped') throw new Error(`Harbor scan of ${ref.original} ended with status "${status}" — see the scan log in Harbor`);
    if (Date.now() > deadline) throw new Error(`Harbor scan of ${ref.original} did not finish in time (last status "${status}")`);
    await sleep(interval, options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}
