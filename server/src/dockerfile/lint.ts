import { effectiveSeverity, type ShipshapeConfig } from '../config/config';
import { compareFindings, type Finding } from '../core/finding';
import { docsUrl } from '../core/rule';
import type { Arg } from 'dockerfile-ast';
import { DockerfileContext, type InstructionInfo } from './context';
import { releaseDockerfileParse } from './parse';
import { configForDockerfile } from './hadolintConfig';
import type { DockerfileRule } from './rule';
import { outlineFacet, ruleScope, type OutlineFacet } from './ruleScopes';
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
  // on changed; outline rules are re-run only when the file's outline changed (ruleScopes.ts).
  // Only for the registered rules: a test's own list runs whole.
  const units = rules === dockerfileRules && ruleCacheEnabled ? stageUnits(context, config) : undefined;
  const stageRules: RunRule[] = [];
  const outlineRules: OutlineRule[] = [];
  for (const rule of rules) {
    const severity = effectiveSeverity(rule.meta, config);
    if (!severity) continue;
    const run = ruleRunner(rule, severity, context);
    const scope = units ? ruleScope(rule.meta.id) : 'file';
    if (scope === 'stage') stageRules.push(run);
    else if (scope === 'outline') outlineRules.push({ id: rule.meta.id, run, facet: outlineFacet(rule.meta.id) });
    else run.into(context, findings, config);
  }
  if (units) {
    for (const found of units.outlineFindings(outlineRules, config)) findings.push(...found);
    // Stage rules' findings, all rules of a unit at once: ~100 rules × ~70 stages of lookups
    // per keystroke otherwise. The order of findings is the same: they are sorted below, and
    // findings that tie are of one rule in one stage.
    for (const unit of units.list) findings.push(...unit.stageFindings(stageRules, config));
  }
  // ShellCheck's SC findings go through the same pragmas and check directives. Per stage too:
  // a script's findings depend on its stage (shell, variables in scope) and ShellCheck's cache.
  if (units?.shellcheck) {
    for (const unit of units.list) findings.push(...unit.shellcheckFindings(config));
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

/** A rule with its severity, reporting into a list of findings. */
interface RunRule {
  into(target: DockerfileContext, into: Finding[], config: ShipshapeConfig): void;
}

function ruleRunner(rule: DockerfileRule, severity: Finding['severity'], context: DockerfileContext): RunRule {
  const code = rule.meta.id;
  const docs = docsUrl(rule.meta);
  return {
    into(target, into, config) {
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
        console.error(`shipshape: rule ${code} failed on ${context.path ?? 'a document'}: ${(error as Error).stack ?? error}`);
      }
    },
  };
}

// ---- findings of stage and outline rules, across lints ----------------------------------

let ruleCacheEnabled = true;
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

/** What is kept of a unit (a stage; the first with what precedes it) from one lint to the next. */
interface UnitEntry {
  /** Changes whenever the unit's identity does: what a stage built FROM it depends on. */
  serial: number;
  /** Findings of the stage rules, and of ShellCheck, in this unit. Never modified once set. */
  stage?: Finding[];
  shellcheck?: Finding[];
  /** What outline rules read of the unit (ruleScopes.ts), by facet. */
  outlines?: Partial<Record<OutlineFacet, string>>;
}

/** A unit of this lint. */
interface Unit {
  stageFindings(rules: readonly RunRule[], config: ShipshapeConfig): Finding[];
  shellcheckFindings(config: ShipshapeConfig): Finding[];
  outline(facet: OutlineFacet): string;
}

interface StageCache {
  /** Everything outside the stages that stage rules may read (ruleScopes.ts). */
  globals: string;
  /** By unit identity (its text, start line, graph facts and the serial of its base's identity). */
  units: Map<string, UnitEntry>;
  /** By facet: every unit's outline (the globals are above), and the findings of its rules, by id. */
  outlines?: Partial<Record<OutlineFacet, { outline: string[]; findings: Map<string, Finding[]> }>>;
}

/** By document path: several open files keep their own. */
const stageCaches = new Map<string, StageCache>();
const STAGE_CACHE_FILES = 16;
let serials = 0;

function stageUnits(context: DockerfileContext, config: ShipshapeConfig) {
  const { stages, instructions, text } = context;
  const lineOffset = (line: number) => context.offsetAt({ line, character: 0 });
  const starts = stages.map((stage, i) => (i === 0 ? 0 : lineOffset(stage.fromInfo.range.start.line)));
  if (starts.length === 0) starts.push(0);
  const firstFrom = stages[0] ? lineOffset(stages[0].fromInfo.range.start.line) : text.length;
  const shellcheck = shellcheckCacheKey();
  const globalArgs = globalArgDeclarations(context, firstFrom);
  // Stage names are not here: what a stage reads of other stages' names is what its references
  // resolve to (`refs` below). Nor are the global ARGs: a stage reads them by name, so they are
  // part of the identity of the units that name one (editing a global ARG re-lints those only).
  const globals = [
    context.escape, context.pragmaShell ?? '', context.path ?? '', configKey(config), shellcheck ?? '',
    globalArgs.rest,
  ].join('\u0000');
  const key = context.path ?? '';
  const previous = stageCaches.get(key);
  const reusable = previous?.globals === globals ? previous : undefined;
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
  const list = starts.map((start, i): Unit => {
    const stage = stages[i];
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const startLine = context.document.positionAt(start).line;
    const facts = stage ? [stage.index, stage.isFinal, stage.reachesFinalImage, stage.usedAsBase, stage.neededByFinal,
      stage.base ? `${stage.base.index}:${unitSerials[stage.base.index]}` : '-', references(context, unitInstructions[i]!)].join(' ') : '';
    const unitText = text.slice(start, end);
    const readsGlobals = globalArgs.names.some((name) => unitText.includes(name));
    const identity = `${startLine}\u0000${facts}\u0000${readsGlobals ? globalArgs.declarations : ''}\u0000${unitText}`;
    const entry: UnitEntry = reusable?.units.get(identity) ?? { serial: ++serials };
    unitSerials.push(entry.serial);
    next.units.set(identity, entry);
    let view: DockerfileContext | undefined;
    const viewOf = () => view ??= context.restrictTo(unitInstructions[i]!, stage ? [stage] : []);
    return {
      stageFindings(rules, config) {
        if (!entry.stage) {
          const found: Finding[] = [];
          for (const rule of rules) rule.into(viewOf(), found, config);
          entry.stage = found;
        }
        return entry.stage;
      },
      shellcheckFindings(config) {
        // Results arriving for one stage's scripts re-run ShellCheck's part of that stage only.
        if (!entry.shellcheck || pendingArrived(shellcheckPending.get(entry.shellcheck) ?? [])) {
          const result = shellcheckFindingsAndPending(viewOf(), config);
          if (result.pending.length) shellcheckPending.set(result.findings, result.pending);
          entry.shellcheck = result.findings;
        }
        return entry.shellcheck;
      },
      outline: (facet) => (entry.outlines ??= {})[facet] ??= unitOutline(context, unitInstructions[i]!, unitText, startLine, facet),
    };
  });
  return {
    list,
    shellcheck: shellcheck !== undefined,
    /**
     * Outline rules' findings, in the order of `rules`. A rule's findings are reused while the
     * outline of what it reads (its facet) is unchanged.
     */
    outlineFindings(rules: readonly OutlineRule[], config: ShipshapeConfig): Finding[][] {
      const outlines: NonNullable<StageCache['outlines']> = next.outlines = {};
      const unchanged = new Map<OutlineFacet, boolean>();
      const isUnchanged = (facet: OutlineFacet): boolean => {
        let same = unchanged.get(facet);
        if (same === undefined) {
          // Unit by unit: the outlines of reused units are the very strings compared last time.
          const outline = list.map((unit) => unit.outline(facet));
          const previous = reusable?.outlines?.[facet]?.outline;
          same = previous?.length === outline.length && outline.every((part, i) => part === previous[i]);
          unchanged.set(facet, same);
          outlines[facet] = { outline, findings: new Map() };
        }
        return same;
      };
      return rules.map(({ id, run, facet }) => {
        let found = isUnchanged(facet) ? reusable?.outlines?.[facet]?.findings.get(id) : undefined;
        if (!found) run.into(context, found = [], config);
        outlines[facet]!.findings.set(id, found);
        return found;
      });
    },
  };
}

/** An outline rule of this lint, and what it reads. */
interface OutlineRule {
  id: string;
  run: RunRule;
  facet: OutlineFacet;
}

/**
 * The global ARGs (before the first FROM): their names, their declarations' text, and the rest of
 * the text before the first FROM (directives, comments) without them.
 */
function globalArgDeclarations(context: DockerfileContext, firstFrom: number): { names: string[]; declarations: string; rest: string } {
  const names: string[] = [];
  let declarations = '';
  let rest = '';
  let from = 0;
  for (const info of context.instructions) {
    if (info.stage) break;
    if (info.keyword !== 'ARG') continue;
    const start = context.offsetAt(info.range.start);
    const end = context.offsetAt(info.range.end);
    for (const property of (info.node as Arg).getProperties()) names.push(property.getName());
    declarations += `${context.text.slice(start, end)}\n`;
    rest += context.text.slice(from, start);
    from = end;
  }
  rest += context.text.slice(from, firstFrom);
  return { names, declarations, rest };
}

/**
 * What outline rules of a facet may read of a unit (ruleScopes.ts): every instruction's keyword
 * as written and where it starts; every comment line (pragmas) and where it is; and the whole
 * text of the instructions whose arguments the facet's rules read.
 */
function unitOutline(context: DockerfileContext, instructions: readonly InstructionInfo[], unitText: string, startLine: number,
  facet: OutlineFacet): string {
  let outline = '';
  for (const info of instructions) {
    const { start, end } = info.range;
    outline += `${start.line}:${start.character}:${info.node.getInstruction()}`;
    if (readsArguments(facet, info.keyword)) outline += `=${context.text.slice(context.offsetAt(start), context.offsetAt(end))}`;
    outline += '\n';
  }
  if (unitText.includes('#')) {
    const lines = unitText.split('\n');
    for (let j = 0; j < lines.length; j++) if (/^[ \t]*#/.test(lines[j]!)) outline += `${startLine + j}#${lines[j]}\n`;
  }
  return outline;
}

function readsArguments(facet: OutlineFacet, keyword: string): boolean {
  switch (facet) {
    case 'keywords': return false;
    case 'stages': return keyword === 'FROM';
    case 'texts': return !OPAQUE_ARGUMENTS.has(keyword);
  }
}

/** Instructions whose arguments no outline rule reads ('texts' facet). */
const OPAQUE_ARGUMENTS: ReadonlySet<string> = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER']);

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
