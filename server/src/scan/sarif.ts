// SARIF 2.1.0 in and out. Import reads Trivy's SARIF (rule tags carry the severity, the result
// message carries package/installed/fixed lines) and any other SARIF (security-severity or
// level). Export writes the same shape plus a `properties` bag per result so nothing is lost
// when Shipshape reads its own export back.
import {
  arr, isObject, normaliseSeverity, num, optInt, SCAN_SEVERITIES, ScanFormatError, str, strings,
  type FindingKind, type Json, type ScanFinding, type ScanReport, type ScanSeverity,
} from './model';

export function isSarif(doc: unknown): boolean {
  return isObject(doc) && Array.isArray(doc.runs) && (str(doc.version).startsWith('2.') || str(doc.$schema).includes('sarif'));
}

export function parseSarif(doc: unknown): ScanReport {
  if (!isSarif(doc)) throw new ScanFormatError('not a SARIF 2.x log (expected "version" and "runs")');
  const runs = arr((doc as Json).runs).filter(isObject);
  const first = runs[0] ?? {};
  const driver = isObject(first.tool) && isObject(first.tool.driver) ? first.tool.driver : {};
  const props = isObject(first.properties) ? first.properties : {};
  const report: ScanReport = {
    source: 'sarif',
    artifactName: str(props.imageName) || str(props.artifactName),
    artifactType: str(props.imageName) ? 'container_image' : str(props.artifactType),
    createdAt: runCreatedAt(first),
    scanner: { name: str(driver.name) || 'SARIF', version: str(driver.version) },
    findings: runs.flatMap(runFindings),
  };
  if (str(props.imageID) || Array.isArray(props.repoDigests) || Array.isArray(props.repoTags)) {
    const repoDigests = strings(props.repoDigests);
    const at = repoDigests[0]?.lastIndexOf('@') ?? -1;
    report.image = {
      repoDigests, repoTags: strings(props.repoTags), imageId: str(props.imageID) || undefined,
      digest: str(props.digest) || (at >= 0 ? repoDigests[0]!.slice(at + 1) : undefined),
    };
  }
  return report;
}

function runCreatedAt(run: Json): string {
  const invocation = arr(run.invocations).find(isObject);
  return invocation ? str(invocation.endTimeUtc) || str(invocation.startTimeUtc) : '';
}

function runFindings(run: Json): ScanFinding[] {
  const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : {};
  const rules = arr(driver.rules).filter(isObject);
  const byId = new Map(rules.map((r) => [str(r.id), r]));
  return arr(run.results).filter(isObject).map((result) => {
    // SARIF names the rule by ruleId/ruleIndex or by a `rule` reference object.
    const ref = isObject(result.rule) ? result.rule : {};
    const ruleId = str(result.ruleId) || str(ref.id);
    const index = typeof result.ruleIndex === 'number' ? result.ruleIndex : typeof ref.index === 'number' ? ref.index : -1;
    const candidate = rules[index];
    const rule = candidate && (!ruleId || str(candidate.id) === ruleId) ? candidate : byId.get(ruleId) ?? {};
    return resultFinding({ ...result, ruleId: ruleId || str(rule.id) }, rule);
  });
}

/** "Package: x\nInstalled Version: y" → { Package: 'x', 'Installed Version': 'y' } */
function messageFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z][A-Za-z ]{1,30}):\s?(.*)$/.exec(line);
    if (m) fields[m[1]!] = m[2]!;
  }
  return fields;
}

function resultFinding(result: Json, rule: Json): ScanFinding {
  const message = isObject(result.message) ? str(result.message.text) : '';
  const fields = messageFields(message);
  const own = isObject(result.properties) ? result.properties : {};
  const ruleProps = isObject(rule.properties) ? rule.properties : {};
  const location = arr(result.locations).find(isObject) ?? {};
  const physical = isObject(location.physicalLocation) ? location.physicalLocation : {};
  const artifact = isObject(physical.artifactLocation) ? physical.artifactLocation : {};
  const region = isObject(physical.region) ? physical.region : {};
  const kind = (str(own.kind) as FindingKind) || kindOfRule(str(rule.name), strings(ruleProps.tags));
  const located = kind === 'secret' || kind === 'misconfiguration';
  const helpUri = str(rule.helpUri);
  return {
    kind,
    id: str(result.ruleId) || str(rule.id),
    severity: isObject(result.properties) && str(own.severity) ? normaliseSeverity(own.severity) : severityOf(result, rule, fields),
    title: str(own.title) || text(rule.shortDescription) || message.split('\n')[0] || '',
    description: typeof own.description === 'string' ? own.description : text(rule.fullDescription) || fields.Message || message,
    pkgName: str(own.pkgName) || fields.Package || '',
    installedVersion: str(own.installedVersion) || fields['Installed Version'] || '',
    fixedVersion: str(own.fixedVersion) || fields['Fixed Version'] || '',
    target: str(own.target) || str(artifact.uri),
    resultClass: str(own.resultClass) || (kind === 'misconfiguration' ? 'config' : kind === 'secret' ? 'secret' : ''),
    resultType: str(own.resultType) || fields.Type || '',
    primaryUrl: helpUri || undefined,
    references: strings(own.references).length > 0 ? strings(own.references) : helpUri ? [helpUri] : [],
    cvss: sarifCvss(ruleProps),
    cwes: strings(own.cwes),
    // Shipshape's own export says exactly which lines are real; others imply it by kind.
    startLine: 'kind' in own ? optInt(own.startLine) : located ? optInt(region.startLine) : undefined,
    endLine: 'kind' in own ? optInt(own.endLine) : located ? optInt(region.endLine) : undefined,
  };
}

function text(v: unknown): string {
  return isObject(v) ? str(v.text) : '';
}

function kindOfRule(name: string, tags: string[]): FindingKind {
  const lower = name.toLowerCase();
  if (lower.includes('misconfig') || tags.includes('misconfiguration')) return 'misconfiguration';
  if (lower.includes('secret') || tags.includes('secret')) return 'secret';
  if (lower.includes('license') || tags.includes('license')) return 'license';
  return 'vulnerability';
}

function severityOf(result: Json, rule: Json, fields: Record<string, string>): ScanSeverity {
  const ruleProps = isObject(rule.properties) ? rule.properties : {};
  const tagged = strings(ruleProps.tags).map((t) => t.toUpperCase()).find((t) => (SCAN_SEVERITIES as readonly string[]).includes(t));
  if (tagged) return tagged as ScanSeverity;
  if (fields.Severity) return normaliseSeverity(fields.Severity);
  // GitHub code scanning's convention: security-severity is a CVSS-like score.
  const score = Number(str(ruleProps['security-severity']));
  if (str(ruleProps['security-severity']) && Number.isFinite(score)) {
    return score >= 9 ? 'CRITICAL' : score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : score > 0 ? 'LOW' : 'UNKNOWN';
  }
  const config = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  const level = str(result.level) || str(config.level);
  return level === 'error' ? 'HIGH' : level === 'warning' ? 'MEDIUM' : level === 'note' ? 'LOW' : 'UNKNOWN';
}

function sarifCvss(props: Json) {
  const v3Score = num(props.cvssv3_baseScore);
  const v2Score = num(props.cvssv2_score);
  if (v3Score === undefined && v2Score === undefined) return [];
  return [{ source: 'sarif', v3Score, v3Vector: str(props.cvssv3_vector) || undefined, v2Score, v2Vector: str(props.cvssv2_vector) || undefined }];
}

const LEVEL: Record<ScanSeverity, 'error' | 'warning' | 'note' | 'none'> = {
  CRITICAL: 'error', HIGH: 'error', MEDIUM: 'warning', LOW: 'note', UNKNOWN: 'note',
};
const RULE_NAME: Record<FindingKind, string> = {
  vulnerability: 'PackageVulnerability', secret: 'Secret', misconfiguration: 'Misconfiguration', license: 'License',
};

/** SARIF 2.1.0, one run, a rule per finding id; readable by GitHub code scanning. */
export function exportSarif(report: ScanReport, toolVersion: string): string {
  // Maps, not array searches: reports carry tens of thousands of findings.
  const ruleIndex = new Map<string, number>();
  const ruleDescription = new Map<string, string>();
  const rules: Json[] = [];
  for (const f of report.findings) {
    if (ruleIndex.has(f.id)) continue;
    ruleIndex.set(f.id, rules.length);
    ruleDescription.set(f.id, f.description || f.title || f.id);
    const best = f.cvss.find((c) => c.v3Score !== undefined);
    rules.push({
      id: f.id,
      name: RULE_NAME[f.kind],
      shortDescription: { text: f.title || f.id },
      fullDescription: { text: ruleDescription.get(f.id) },
      defaultConfiguration: { level: LEVEL[f.severity] },
      ...(f.primaryUrl ? { helpUri: f.primaryUrl } : {}),
      properties: {
        tags: [f.kind === 'vulnerability' ? 'vulnerability' : f.kind, 'security', f.severity],
        ...(best ? { 'security-severity': best.v3Score!.toFixed(1), cvssv3_baseScore: best.v3Score, cvssv3_vector: best.v3Vector } : {}),
      },
    });
  }
  const results = report.findings.map((f) => ({
    ruleId: f.id,
    ruleIndex: ruleIndex.get(f.id),
    level: LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: (f.target || report.artifactName || 'unknown').split('\\').join('/') },
        region: { startLine: f.startLine ?? 1, startColumn: 1, endLine: f.endLine ?? f.startLine ?? 1, endColumn: 1 },
      },
    }],
    properties: {
      kind: f.kind, severity: f.severity, title: f.title, pkgName: f.pkgName,
      // The rule already carries the description; repeat it only where this finding differs.
      ...(f.description !== ruleDescription.get(f.id) ? { description: f.description } : {}),
      installedVersion: f.installedVersion, fixedVersion: f.fixedVersion, target: f.target,
      resultClass: f.resultClass, resultType: f.resultType, references: f.references, cwes: f.cwes,
      startLine: f.startLine, endLine: f.endLine,
    },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: report.scanner.name || 'Shipshape', version: report.scanner.version || toolVersion, informationUri: 'https://github.com/shipshape-dev/shipshape', rules } },
      results,
      columnKind: 'utf16CodeUnits',
      ...(report.createdAt ? { invocations: [{ executionSuccessful: true, endTimeUtc: report.createdAt }] } : {}),
      properties: {
        artifactName: report.artifactName, artifactType: report.artifactType,
        ...(report.image ? { imageName: report.artifactName, imageID: report.image.imageId, digest: report.image.digest, repoDigests: report.image.repoDigests, repoTags: report.image.repoTags } : {}),
      },
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function messageText(f: ScanFinding): string {
  const lines = f.kind === 'vulnerability'
    ? [`Package: ${f.pkgName}`, `Installed Version: ${f.installedVersion}`, `Vulnerability ${f.id}`, `Severity: ${f.severity}`, `Fixed Version: ${f.fixedVersion}`]
    : [`Artifact: ${f.target}`, `Type: ${f.resultType}`, `Vulnerability ${f.id}`, `Severity: ${f.severity}`, `Message: ${f.title}`];
  if (f.primaryUrl) lines.push(`Link: [${f.id}](${f.primaryUrl})`);
  return lines.join('\n');
}
