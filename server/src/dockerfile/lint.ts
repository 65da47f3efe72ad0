import { effectiveSeverity, type ShipshapeConfig } from '../config/config';
import { compareFindings, type Finding } from '../core/finding';
import { docsUrl } from '../core/rule';
import { DockerfileContext, type InstructionInfo } from './context';
import { releaseDockerfileParse } from './parse';
import { configForDockerfile } from './hadolintConfig';
import type { DockerfileRule } from './rule';
import { ruleScope } from './ruleScopes';
import { dockerfileRules } from './rules';
import { pendingArrived, shellcheckCacheKey, shellcheckFindings, shellcheckFindingsAndPending } from './shellcheck/service';
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
  // Stage rules run stage by stage, and a stage's findings are reused while nothing they depend
  // on changed (ruleScopes.ts). Only for the registered rules: a test's own list runs whole.
  const units = rules === dockerfileRules && ruleCacheEnabled ? stageUnits(context, config) : undefined;
  for (const rule of rules) {
    const severity = effectiveSeverity(rule.meta, config);
    if (!severity) continue;
    const code = rule.meta.id;
    const docs = docsUrl(rule.meta);
    const run = (target: DockerfileContext, into: Finding[]) => {
      try {
        rule.check(target, (report) => into.push({
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
    };
    if (!units || ruleScope(code) !== 'stage') {
      run(context, findings);
      continue;
    }
    for (const unit of units.list) {
      let found = unit.findings.get(code);
      if (!found) {
        found = [];
        run(unit.view(), found);
        unit.findings.set(code, found);
      }
      for (const finding of found) findings.push(finding);
    }
  }
  // ShellCheck's SC findings go through the same pragmas and check directives. Per stage too:
  // a script's findings depend on its stage (shell, variables in scope) and ShellCheck's cache.
  if (units?.shellcheck) {
    for (const unit of units.list) {
      let found = unit.findings.get(SHELLCHECK);
      // Results arriving for one stage's scripts re-run ShellCheck's part of that stage only.
      if (!found || pendingArrived(shellcheckPending.get(found) ?? [])) {
        const result = shellcheckFindingsAndPending(unit.view(), config);
        found = result.findings;
        if (result.pending.length) shellcheckPending.set(found, result.pending);
        unit.findings.set(SHELLCHECK, found);
      }
      for (const finding of found) findings.push(finding);
    }
  } else {
    findings.push(...shellcheckFindings(context, config));
  }
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

// ---- findings of stage rules, per stage, across lints -------------------------------------

let ruleCacheEnabled = true;
/** The findings of ShellCheck, among the rules' in a unit's map. */
const SHELLCHECK = '\u0000shellcheck';
/** Scripts of a unit that had no ShellCheck results yet when its findings were computed. */
const shellcheckPending = new WeakMap<Finding[], string[]>();

/**
 * For tests: off = every rule runs on the whole file (the reference an incremental lint must
 * match); what is cached stays (unless `clear`) for the lints after it is back on.
 */
export function setStageRuleCache(enabled: boolean, clear = false): void {
  ruleCacheEnabled = enabled;
  if (clear) stageCaches.clear();
}

/** Forgets what the incremental lint keeps of a file (nobody is editing it: see ../lint.ts). */
export function releaseDockerfileLint(text: string, path?: string): void {
  stageCaches.delete(path ?? '');
  releaseDockerfileParse(text);
}

/** A stage (the first with what precedes it) and the findings of stage rules in it, by rule id. */
interface Unit {
  view(): DockerfileContext;
  /** Reused from an earlier lint, or filled as the rules run. Shared: never modified afterwards. */
  findings: Map<string, Finding[]>;
}

interface StageCache {
  /** Everything outside the stages that stage rules may read (ruleScopes.ts). */
  globals: string;
  /** By unit identity (its text, start line, graph facts and the serial of its base's identity). */
  units: Map<string, { serial: number; findings: Map<string, Finding[]> }>;
}

/** By document path: several open files keep their own. */
const stageCaches = new Map<string, StageCache>();
const STAGE_CACHE_FILES = 16;
let serials = 0;

function stageUnits(context: DockerfileContext, config: ShipshapeConfig): { list: Unit[]; shellcheck: boolean } {
  const { stages, instructions, text } = context;
  const lineOffset = (line: number) => context.offsetAt({ line, character: 0 });
  const starts = stages.map((stage, i) => (i === 0 ? 0 : lineOffset(stage.fromInfo.range.start.line)));
  if (starts.length === 0) starts.push(0);
  const firstFrom = stages[0] ? lineOffset(stages[0].fromInfo.range.start.line) : text.length;
  const shellcheck = shellcheckCacheKey();
  // Stage names are not here: what a stage reads of other stages' names is what its references
  // resolve to (`refs` below).
  const globals = [
    context.escape, context.pragmaShell ?? '', context.path ?? '', configKey(config), shellcheck ?? '',
    text.slice(0, firstFrom),
  ].join('\u0000');
  const key = context.path ?? '';
  const previous = stageCaches.get(key);
  const reusable = previous?.globals === globals ? previous.units : undefined;
  const next: StageCache = { globals, units: new Map() };
  stageCaches.delete(key);
  stageCaches.set(key, next);
  if (stageCaches.size > STAGE_CACHE_FILES) stageCaches.delete(stageCaches.keys().next().value!);

  // Instructions of each unit: the first takes everything before the second stage's FROM.
  const unitInstructions: InstructionInfo[][] = starts.map(() => []);
  let unit = 0;
  for (const info of instructions) {
    while (unit + 1 < stages.length && info === stages[unit + 1]!.fromInfo) unit++;
    unitInstructions[unit]!.push(info);
  }
  const unitSerials: number[] = [];
  const list = starts.map((start, i) => {
    const stage = stages[i];
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const facts = stage ? [stage.index, stage.isFinal, stage.reachesFinalImage, stage.usedAsBase, stage.neededByFinal,
      stage.base ? `${stage.base.index}:${unitSerials[stage.base.index]}` : '-', references(context, unitInstructions[i]!)].join(' ') : '';
    const identity = `${context.document.positionAt(start).line}\u0000${facts}\u0000${text.slice(start, end)}`;
    const hit = reusable?.get(identity);
    const serial = hit?.serial ?? ++serials;
    unitSerials.push(serial);
    const findings = hit?.findings ?? new Map<string, Finding[]>();
    next.units.set(identity, { serial, findings });
    let view: DockerfileContext | undefined;
    return { findings, view: () => view ??= context.restrictTo(unitInstructions[i]!, stage ? [stage] : []) };
  });
  return { list, shellcheck: shellcheck !== undefined };
}

/** The same configuration object on every keystroke: stringified once. */
const configKeys = new WeakMap<ShipshapeConfig, string>();
function configKey(config: ShipshapeConfig): string {
  let key = configKeys.get(config);
  if (key === undefined) configKeys.set(config, key = JSON.stringify(config));
  return key;
}

/** What each `COPY/ADD --from=` and `RUN --mount=from=` of a unit resolves to: a stage index or -1 (an image). */
function references(context: DockerfileContext, instructions: InstructionInfo[]): string {
  let refs = '';
  for (const info of instructions) {
    if (!info.stage) continue;
    if (info.keyword === 'COPY' || info.keyword === 'ADD') refs += `${context.copyFromStage(info)?.index ?? -1},`;
    else if (info.keyword === 'RUN') {
      for (const mount of context.mountsOf(info)) refs += `m${mount.from ? context.stageBefore(mount.from, info.stage)?.index ?? -1 : -1},`;
    }
  }
  return refs;
}
