// Lints one YAML file as Kubernetes manifests against the workspace it belongs to.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { effectiveSeverity, type ShipshapeConfig } from '../config/config';
import { compareFindings, severityRank, type Finding, type Range, type Severity } from '../core/finding';
import { docsUrl } from '../core/rule';
import { isKustomizationPath } from '../workspace/extract';
import { WorkspaceIndex } from '../workspace/workspaceIndex';
import { KubernetesContext } from './context';
import { ignoreCommentFix } from './fixes';
import { parseManifestFile, type ManifestFile } from './manifest';
import type { KubernetesRule } from './rule';
import { kubernetesRules } from './rules';
import { isValuesFileName } from './yaml/helm';

export interface KubernetesReportExtra {
  /** At most this severity (e.g. a hint when the workspace has no Secrets at all). */
  cap?: Severity;
}

export function ruleSeverity(rule: KubernetesRule, config: ShipshapeConfig): Severity | undefined {
  if (config.rules[rule.meta.id] === undefined && rule.enabledBy?.(config)) return 'warning';
  return effectiveSeverity(rule.meta, config);
}

/** Lints `text` (the current content of `path`); `workspace` already holds it or gets it now. */
export function lintKubernetes(path: string, text: string, config: ShipshapeConfig, workspace?: WorkspaceIndex): Finding[] {
  // A file the index does not know (untitled buffer, stdin) is linted in an overlay.
  const index = !workspace ? new WorkspaceIndex() : workspace.has(path) ? workspace : workspace.withFile(path, text);
  index.update(path, text);
  if (/\.tpl$/i.test(path)) return []; // Helm helpers: templates, not manifests
  const file = parseManifestFile(path, text);
  const chartValues = isValuesFileName(path) && (index.hasFileIn(dirname(path), 'Chart.yaml') || existsSync(join(dirname(path), 'Chart.yaml')));
  if (file.objects.length === 0 && !chartValues && !isKustomizationPath(path)) return [];
  const context = new KubernetesContext(file, config, index, chartValues);
  const findings: Finding[] = [];
  const commented = file.text.includes('shipshape-ignore');
  const annotated = file.objects.some((o) => o.ignored.size > 0);
  const seen = new Set<string>();
  for (const rule of kubernetesRules) {
    const severity = ruleSeverity(rule, config);
    if (!severity) continue;
    rule.check(context, (report) => {
      const key = `${rule.meta.id}:${report.range.start.line}:${report.range.start.character}`;
      if (seen.has(key) || isSuppressed(file, rule.meta.id, report.range, commented, annotated)) return;
      seen.add(key);
      const cap = (report as KubernetesReportExtra).cap;
      findings.push({
        code: rule.meta.id,
        severity: cap && severityRank(cap) < severityRank(severity) ? cap : severity,
        message: report.message ?? rule.meta.title,
        range: report.range,
        language: 'kubernetes',
        docs: docsUrl(rule.meta),
        fixes: [...(report.fixes ?? []), ignoreCommentFix(context, rule.meta.id, report.range)],
      });
    });
  }
  return findings.sort(compareFindings);
}

const IGNORE_COMMENT = /^\s*#\s*shipshape-ignore\s+([\w.,\s-]+?)(?:\s+--.*)?\s*$/;

/** `# shipshape-ignore id[,id] [-- reason]` on the line(s) above, or the object's annotation. */
function isSuppressed(file: ManifestFile, code: string, range: Range, commented: boolean, annotated: boolean): boolean {
  for (let line = range.start.line - 1; commented && line >= 0; line--) {
    const text = file.lines.lineText(line);
    if (!/^\s*#/.test(text)) break;
    const match = IGNORE_COMMENT.exec(text);
    if (match && match[1]!.split(/[\s,]+/).includes(code)) return true;
  }
  if (!annotated) return false;
  const offset = file.lines.lineStart(range.start.line) + range.start.character;
  return file.objects.some((o) => o.ignored.has(code) && offset >= o.span[0] && offset <= o.span[1]);
}
