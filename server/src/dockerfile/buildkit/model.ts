// The build as BuildKit sees it, computed once per parse: global ARGs, stages (with the earlier
// stage each one builds on) and, per instruction, the variables in scope. The BuildKit checks
// share it through `buildModel(context)`.
import type { Arg, From, Instruction, Property } from 'dockerfile-ast';
import type { Range } from '../../core/finding';
import type { DockerfileContext } from '../context';
import { lastIndexAtMost } from '../../core/sortedSearch';
import { expandWord } from './variables';

export interface BuildStage {
  index: number;
  from: From;
  /** Stage name as written (`AS Name`), if any. */
  name?: string;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
  /** The earlier stage this one is built FROM, if any. */
  base?: BuildStage;
  /** True when the root of the chain is an image we do not know (not `scratch`). */
  externalBase: boolean;
}

/** What is in scope just before an instruction runs. */
export interface StageScope {
  /** Environment: ENV and ARG values (ARG values count: BuildKit exports them). */
  env: Map<string, string>;
  /** ARGs declared in the stage (with or without value). */
  args: Set<string>;
  /** A SHELL instruction ran in this stage or a stage it builds on. */
  shellSet: boolean;
  /** A WORKDIR instruction ran in this stage or a stage it builds on. */
  workdirSet: boolean;
}

export interface BuildModel {
  escape: string;
  /** ARG instructions before the first FROM. */
  globalArgs: Arg[];
  /** Declared global ARG names (with or without default). */
  declaredGlobals: Set<string>;
  /** Global ARG defaults plus BuildKit's predefined platform args, as for a build without --build-arg. */
  globalEnv: Map<string, string>;
  stages: BuildStage[];
  /** Scope before each instruction of each stage (computed per stage, on first use). */
  scopeBefore: { get(instruction: Instruction): StageScope | undefined };
  /** The document text of a range. */
  textOf: (range: Range) => string;
  /** A property's value as written (quotes kept), or undefined when it has none (`ARG X`). */
  rawValue: (property: Property) => string | undefined;
}

/** BuildKit's automatic platform ARGs, with the values of a linux/amd64 build. */
export const PREDEFINED_ARGS: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
  ['TARGETSTAGE', ''], ['BUILDOSVERSION', ''], ['TARGETOSVERSION', ''],
]);

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const cache = new WeakMap<DockerfileContext, BuildModel>();

export function buildModel(context: DockerfileContext): BuildModel {
  let model = cache.get(context);
  if (!model) {
    const root = context.root;
    if (root === context) {
      model = computeModel(context);
    } else {
      // A view restricted to some stages (context.restrictTo): the file's model, those stages.
      const whole = buildModel(root);
      const keep = new Set(context.stages.map((s) => s.index));
      model = { ...whole, stages: whole.stages.filter((s) => keep.has(s.index)) };
    }
    cache.set(context, model);
  }
  return model;
}

function computeModel(context: DockerfileContext): BuildModel {
  const { dockerfile } = context;
  const escape = dockerfile.getEscapeCharacter();
  const textOf = (range: Range) => context.document.getText(range);
  const rawValue = (property: Property) => propertyRawValue(property, textOf);
  const globalArgs = context.globalArgs;
  // The stage graph is the shared one (context.ts); BuildKit checks only add variable scopes.
  const stages: BuildStage[] = [];
  for (const stage of context.stages) {
    const base = stage.base ? stages[stage.base.index] : undefined;
    stages.push({
      index: stage.index,
      from: stage.from,
      name: stage.name,
      instructions: stage.instructions.map((info) => info.node),
      base,
      externalBase: base ? base.externalBase : !stage.image.scratch,
    });
  }

  const declaredGlobals = new Set<string>();
  const globalEnv = new Map(PREDEFINED_ARGS);
  for (const arg of globalArgs) {
    for (const property of arg.getProperties()) {
      declaredGlobals.add(property.getName());
      const value = rawValue(property);
      if (value !== undefined) globalEnv.set(property.getName(), expandWord(value, globalEnv, escape).result);
    }
  }

  // Scopes are computed for a stage (after the stages it builds on) when first asked for: an
  // incremental lint only looks at the stages that changed.
  // The stage of an instruction: the last whose FROM is on or above its line (no map of every
  // instruction of the file per keystroke).
  const fromLines = stages.map((stage) => stage.from.getRange().start.line);
  const stageOf = (instruction: Instruction): BuildStage | undefined => stages[lastIndexAtMost(fromLines, instruction.getRange().start.line)];
  const before = new Map<Instruction, StageScope>();
  const finalScope = new Map<BuildStage, StageScope>();
  const computeStage = (stage: BuildStage): StageScope => {
    const done = finalScope.get(stage);
    if (done) return done;
    const inherited = stage.base ? computeStage(stage.base) : undefined;
    const scope: StageScope = inherited
      ? { env: new Map(inherited.env), args: new Set(inherited.args), shellSet: inherited.shellSet, workdirSet: inherited.workdirSet }
      : { env: new Map([['PATH', DEFAULT_PATH]]), args: new Set(), shellSet: false, workdirSet: false };
    for (const instruction of stage.instructions) {
      before.set(instruction, { env: new Map(scope.env), args: new Set(scope.args), shellSet: scope.shellSet, workdirSet: scope.workdirSet });
      apply(instruction, scope, globalEnv, escape, rawValue);
    }
    finalScope.set(stage, scope);
    return scope;
  };
  const scopeBefore = {
    get(instruction: Instruction): StageScope | undefined {
      const stage = stageOf(instruction);
      if (stage && !finalScope.has(stage)) computeStage(stage);
      return before.get(instruction);
    },
  };
  return { escape, globalArgs, declaredGlobals, globalEnv, stages, scopeBefore, textOf, rawValue };
}

function apply(instruction: Instruction, scope: StageScope, globalEnv: Map<string, string>, escape: string,
  rawValue: (p: Property) => string | undefined): void {
  switch (instruction.getKeyword()) {
    case 'ENV': {
      // All values are expanded against the scope before the instruction, then set.
      const updates = (instruction as unknown as { getProperties(): Property[] }).getProperties()
        .map((p) => [p.getName(), expandWord(rawValue(p) ?? '', scope.env, escape).result] as const);
      for (const [key, value] of updates) scope.env.set(key, value);
      break;
    }
    case 'ARG':
      for (const property of (instruction as Arg).getProperties()) {
        const key = property.getName();
        scope.args.add(key);
        const value = rawValue(property);
        if (value !== undefined) scope.env.set(key, expandWord(value, scope.env, escape).result);
        else if (globalEnv.has(key)) scope.env.set(key, globalEnv.get(key)!);
      }
      break;
    case 'SHELL': scope.shellSet = true; break;
    case 'WORKDIR': scope.workdirSet = true; break;
  }
}

function propertyRawValue(property: Property, textOf: (range: Range) => string): string | undefined {
  const range = property.getValueRange();
  if (!range) return property.getAssignmentOperator() === null ? undefined : '';
  return joinContinuations(textOf(range));
}

/** Removes escaped newlines (line continuations) the way Docker joins an instruction's lines. */
export function joinContinuations(raw: string, escape = '\\'): string {
  return raw.split(escape + '\r\n').join('').split(escape + '\n').join('');
}
