// Trivy's JSON report (`trivy image|fs|config|repo --format json`, SchemaVersion 2; the bare
// result array of SchemaVersion 1 is read too) into the normalised model.
import {
  arr, isObject, num, normaliseSeverity, optInt, ScanFormatError, str, strings,
  type Cvss, type Json, type ScanFinding, type ScanReport,
} from './model';

export function isTrivyJson(doc: unknown): boolean {
  if (Array.isArray(doc)) return doc.length > 0 && doc.every((r) => isObject(r) && 'Target' in r);
  return isObject(doc) && (isClusterReport(doc)
    || (('SchemaVersion' in doc || 'ArtifactName' in doc) && ('Results' in doc || 'ArtifactType' in doc)));
}

/** `trivy k8s --format json`: resources (or the older Vulnerabilities/Misconfigurations lists) each with Results. */
function isClusterReport(doc: Json): boolean {
  return 'ClusterName' in doc && (Array.isArray(doc.Resources) || Array.isArray(doc.Vulnerabilities) || Array.isArray(doc.Misconfigurations));
}

function clusterResults(doc: Json): Json[] {
  const resources = [...arr(doc.Resources), ...arr(doc.Vulnerabilities), ...arr(doc.Misconfigurations)].filter(isObject);
  return resources.flatMap((resource) => {
    const where = [str(resource.Namespace), str(resource.Kind), str(resource.Name)].filter(Boolean).join('/');
    return arr(resource.Results).filter(isObject).map((r) => ({ ...r, Target: where ? `${where}: ${str(r.Target)}` : str(r.Target) }));
  });
}

export function parseTrivyJson(doc: unknown): ScanReport {
  if (!isTrivyJson(doc)) throw new ScanFormatError('not a Trivy JSON report (expected SchemaVersion, ArtifactName and Results)');
  const root: Json = Array.isArray(doc) ? { Results: doc } : (doc as Json);
  const metadata = isObject(root.Metadata) ? root.Metadata : {};
  const results = isClusterReport(root) ? clusterResults(root) : arr(root.Results).filter(isObject);
  if (isClusterReport(root) && !root.ArtifactName) root.ArtifactName = `cluster ${str(root.ClusterName)}`;
  const findings = results.flatMap(resultFindings);
  const report: ScanReport = {
    source: 'trivy-json',
    artifactName: str(root.ArtifactName),
    artifactType: str(root.ArtifactType),
    createdAt: str(root.CreatedAt),
    scanner: { name: 'Trivy', version: isObject(root.Trivy) ? str(root.Trivy.Version) : '' },
    findings,
  };
  if (str(root.ArtifactType) === 'container_image' || 'ImageID' in metadata || 'RepoDigests' in metadata) {
    const repoDigests = strings(metadata.RepoDigests);
    const imageId = str(metadata.ImageID) || undefined;
    report.image = { repoDigests, repoTags: strings(metadata.RepoTags), imageId, digest: digestOf(repoDigests[0]) };
  }
  return report;
}

function digestOf(repoDigest: string | undefined): string | undefined {
  const at = repoDigest?.lastIndexOf('@') ?? -1;
  return at >= 0 ? repoDigest!.slice(at + 1) : undefined;
}

function resultFindings(result: Json): ScanFinding[] {
  const where = { target: str(result.Target), resultClass: str(result.Class), resultType: str(result.Type) };
  return [
    ...arr(result.Vulnerabilities).filter(isObject).map((v) => vulnerability(v, where)),
    ...arr(result.Secrets).filter(isObject).map((s) => secret(s, where)),
    // Trivy lists passed checks too when asked (--include-non-failures); only failures are findings.
    ...arr(result.Misconfigurations).filter(isObject).filter((m) => !['PASS', 'EXCEPTION'].includes(str(m.Status)))
      .map((m) => misconfiguration(m, where)),
    ...arr(result.Licenses).filter(isObject).map((l) => license(l, where)),
  ];
}

type Where = Pick<ScanFinding, 'target' | 'resultClass' | 'resultType'>;

function vulnerability(v: Json, where: Where): ScanFinding {
  const layer = isObject(v.Layer) ? str(v.Layer.Digest) : '';
  return {
    kind: 'vulnerability',
    id: str(v.VulnerabilityID),
    severity: normaliseSeverity(v.Severity),
    title: str(v.Title),
    description: str(v.Description),
    pkgName: str(v.PkgName),
    installedVersion: str(v.InstalledVersion),
    fixedVersion: str(v.FixedVersion),
    ...where,
    status: str(v.Status) || undefined,
    pkgPath: str(v.PkgPath) || undefined,
    primaryUrl: str(v.PrimaryURL) || undefined,
    references: strings(v.References),
    cvss: cvssList(v.CVSS),
    cwes: strings(v.CweIDs),
    publishedDate: str(v.PublishedDate) || undefined,
    layerDigest: layer || undefined,
  };
}

export function cvssList(value: unknown): Cvss[] {
  if (!isObject(value)) return [];
  return Object.entries(value).filter((e): e is [string, Json] => isObject(e[1])).map(([source, c]) => ({
    source,
    v3Score: num(c.V3Score),
    v3Vector: str(c.V3Vector) || undefined,
    v2Score: num(c.V2Score),
    v2Vector: str(c.V2Vector) || undefined,
  }));
}

function secret(s: Json, where: Where): ScanFinding {
  return {
    kind: 'secret',
    id: str(s.RuleID),
    severity: normaliseSeverity(s.Severity),
    title: str(s.Title),
    description: str(s.Title) + (str(s.Category) ? ` (${str(s.Category)})` : ''),
    pkgName: str(s.Category),
    installedVersion: '',
    fixedVersion: '',
    ...where,
    references: [],
    cvss: [],
    cwes: [],
    startLine: optInt(s.StartLine),
    endLine: optInt(s.EndLine),
    // Trivy already masks the secret in Match; it is kept as the excerpt.
    resolution: str(s.Match) || undefined,
  };
}

function misconfiguration(m: Json, where: Where): ScanFinding {
  const cause = isObject(m.CauseMetadata) ? m.CauseMetadata : {};
  return {
    kind: 'misconfiguration',
    id: str(m.ID) || str(m.AVDID),
    severity: normaliseSeverity(m.Severity),
    title: str(m.Title),
    description: [str(m.Description), str(m.Message)].filter(Boolean).join('\n\n'),
    pkgName: str(m.Type),
    installedVersion: '',
    fixedVersion: '',
    ...where,
    status: str(m.Status) || undefined,
    primaryUrl: str(m.PrimaryURL) || undefined,
    references: strings(m.References),
    cvss: [],
    cwes: [],
    startLine: optInt(cause.StartLine),
    endLine: optInt(cause.EndLine),
    resolution: str(m.Resolution) || undefined,
  };
}

function license(l: Json, where: Where): ScanFinding {
  return {
    kind: 'license',
    id: str(l.Name),
    severity: normaliseSeverity(l.Severity),
    title: `License ${str(l.Name)}${str(l.Category) ? ` (${str(l.Category)})` : ''}`,
    description: `${str(l.PkgName) || str(l.FilePath)} is under ${str(l.Name)}, classified ${str(l.Category) || 'unknown'}.`,
    pkgName: str(l.PkgName) || str(l.FilePath),
    installedVersion: '',
    fixedVersion: '',
    ...where,
    primaryUrl: str(l.Link) || undefined,
    references: str(l.Link) ? [str(l.Link)] : [],
    cvss: [],
    cwes: [],
  };
}

