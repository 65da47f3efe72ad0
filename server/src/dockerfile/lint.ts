import { effectiveSeverity, type ShipshapeConfig } from '../config/config';
import { compareFindings, type Finding } from '../core/finding';
import { docsUrl } from '../core/rule';
import { DockerfileContext } from './context';
import { configForDockerfile } from './hadolintConfig';
import type { DockerfileRule } from './rule';
import { dockerfileRules } from './rules';
import { shellcheckFindings } from './shellcheck/service';
import { suppressionHooks } from './suppression';

/**
 * Lints one Dockerfile. A rule that throws is isolated: the others still report. When `path`
 * is a file on disk, the `.hadolint.yaml` that applies to it is layered under `config`.
 */
export function lintDockerfile(text: string, config: ShipshapeConfig, path?: string,
  rules: readonly DockerfileRule[] = dockerfileRules): Finding[] {
  const effective = configForDockerfile(path, config, (message) => console.error(`shipshape: ${message}`));
  const context = new DockerfileContext(text, path);
  return lintContext(context, effective, rules);
}

let knownRuleIds: ReadonlySet<string> | undefined;

/** Runs the rules on an already parsed file, then the suppression hooks. */
export function lintContext(context: DockerfileContext, config: ShipshapeConfig,
  rules: readonly DockerfileRule[] = dockerfileRules): Finding[] {
  const findings: Finding[] = [];
  context.knownRuleIds = knownRuleIds ??= new Set(dockerfileRules.map((r) => r.meta.id));
  for (const rule of rules) {
    const severity = effectiveSeverity(rule.meta, config);
    if (!severity) continue;
    const code = rule.meta.id;
    const docs = docsUrl(rule.meta);
    try {
      rule.check(context, (report) => findings.push({
        code,
        severity,
        message: report.message ?? rule.meta.title,
        range: report.range,
        language: 'dockerfile',
        docs,
        fixes: report.fixes,
      }), config);
    } catch (error) {
      console.error(`shipshape: rule ${rule.meta.id} failed on ${context.path ?? 'a document'}: ${(error as Error).stack ?? error}`);
    }
  }
  // ShellCheck's SC findings go through the same pragmas and check directives.
  findings.push(...shellcheckFindings(context, config));
  const filters = suppressionHooks.map((hook) => hook(context, config));
  const kept: Finding[] = [];
  for (const finding of findings) {
    let current: Finding | undefined = finding;
    for (const filter of filters) {
      current = filter(current);
      if (!current) break;
    }
    if (current) kept.push(current);
  }
  return kept.sort(compareFindings);
}
