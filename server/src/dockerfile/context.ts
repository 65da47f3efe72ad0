import { type Arg, type Flag, type From, type Instruction, type Onbuild, type Run } from 'dockerfile-ast';
import { parseDockerfile, type ParsedDockerfile } from './parse';
import type { Range } from '../core/finding';
import { TextLines } from '../core/textLines';
import { parseImageReference, type ImageReference } from '../image/reference';
import { findShellPragma, readPragmas, type Pragmas } from './pragmas';
import { readRunScript, shiftRunScript, type RunScript } from './script';
import type { ShellWord } from './shell';
import { PLATFORM_ARGS, substitute, type VariableLookup, type VariableValue } from './variables';

/** One instruction of the file, with the stage it belongs to. */
export interface InstructionInfo {
  node: Instruction;
  /** Upper-case keyword (`RUN`); for an ONBUILD trigger, the trigger's keyword. */
  keyword: string;
  range: Range;
  /** Undefined for ARGs before the first FROM. */
  stage?: Stage;
  /** Set for the instruction inside `ONBUILD …`. */
  onbuild?: InstructionInfo;
}

/** The image a FROM names, after ARG resolution. */
export interface FromImage {
  /** As written (may contain `${…}`), null when FROM has no argument. */
  written: string | null;
  range: Range | null;
  /** True when the written text uses variables. */
  usesVariables: boolean;
  /** The text after substitution, when every variable resolved. */
  resolved?: string;
  /** False when a variable's value depends on the build: then nothing is guessed. */
  known: boolean;
  /** The parsed resolved reference (undefined for stages, scratch, unknown or unparsable). */
  reference?: ImageReference;
  referenceError?: string;
  /** `FROM <earlier stage>`. */
  stage?: Stage;
  scratch: boolean;
  undefinedVariables: string[];
}

export interface Stage {
  index: number;
  from: From;
  fromInfo: InstructionInfo;
  /** Stage name as written, and lower-cased (stage names are case-insensitive). */
  name?: string;
  key?: string;
  nameRange?: Range;
  image: FromImage;
  platform?: Flag;
  /** Instructions after FROM up to the next FROM. */
  instructions: InstructionInfo[];
  /** Stages this one reads from: its base, `COPY --from`, `RUN --mount from=`. */
  base?: Stage;
  copiesFrom: Stage[];
  mountsFrom: Stage[];
  isFinal: boolean;
  /** The final stage and the chain of stages it is built `FROM`: their files ship. */
  reachesFinalImage: boolean;
  /** Used by a later `FROM <this stage>`. */
  usedAsBase: boolean;
  /** Reached from the final stage through any dependency (base, COPY --from, mounts). */
  neededByFinal: boolean;
}

export interface RunInfo {
  info: InstructionInfo;
  script: RunScript;
  /** Mounts from `--mount=` flags (`type=cache,target=/var/cache/apt`). */
  mounts: Mount[];
}

export interface Mount {
  type: string;
  target?: string;
  from?: string;
  options: Record<string, string>;
  flag: Flag;
  /** The exact range of the `from=` value, when present. */
  fromRange?: Range;
}

/**
 * A fact read from a parse node once and kept on the node (under a symbol no one else reads):
 * a node reused from an earlier parse (parse.ts) has the same text at the same place, and
 * dockerfile-ast recomputes these from the text on every call — for every instruction of the
 * file on every keystroke. Shared across lints: never modified.
 */
function perNode<N extends Instruction, T>(name: string, read: (node: N) => T): (node: N) => T {
  const key = Symbol(`shipshape.${name}`);
  return (node) => ((node as unknown as Record<symbol, T | undefined>)[key] ??= read(node));
}

/** Keyword (upper-case) and range. */
const headOf = perNode('head', (node: Instruction) => ({ keyword: node.getKeyword().toUpperCase(), range: node.getRange() as Range }));

/** What a FROM says by itself. */
interface FromFacts {
  name?: string;
  key?: string;
  nameRange?: Range;
  image: string | null;
  imageRange: Range | null;
  platform?: Flag;
}

const fromFactsOf = perNode('fromFacts', (from: From): FromFacts => {
  const name = from.getBuildStage() ?? undefined;
  return {
    name,
    key: name?.toLowerCase(),
    nameRange: from.getBuildStageRange() ?? undefined,
    image: from.getImage(),
    imageRange: from.getImageRange(),
    platform: from.getPlatformFlag() ?? undefined,
  };
});

/** Flags (`--from`, `--mount`, `--platform`…); none for plain instructions. */
const nodeFlags = perNode('flags', (node: Instruction): readonly Flag[] => {
  const flagged = node as Partial<{ getFlags(): Flag[] }>;
  return typeof flagged.getFlags === 'function' ? flagged.getFlags() : [];
});

/** The `--mount=` flags of a RUN, read. */
const nodeMounts = perNode('mounts', (node: Instruction): Mount[] =>
  nodeFlags(node).filter((f) => f.getName().toLowerCase() === 'mount').map((flag) => {
    const options: Record<string, string> = {};
    for (const part of (flag.getValue() ?? '').split(',')) {
      const eq = part.indexOf('=');
      const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      if (key) options[key] = eq < 0 ? 'true' : part.slice(eq + 1).trim();
    }
    const target = options['target'] ?? options['dst'] ?? options['destination'];
    const fromRange = flag.getOption('from')?.getValueRange() ?? undefined;
    return { type: options['type'] ?? 'bind', target, from: options['from'], options, flag, fromRange };
  }));

/** FROM images parsed, across lints (the same ~70 of a large file on every keystroke); oldest first. */
const imageReferences = new Map<string, ReturnType<typeof parseImageReference>>();

function imageReferenceOf(image: string): ReturnType<typeof parseImageReference> {
  let parsed = imageReferences.get(image);
  if (!parsed) {
    imageReferences.set(image, parsed = parseImageReference(image));
    if (imageReferences.size > 512) imageReferences.delete(imageReferences.keys().next().value!);
  }
  return parsed;
}

/** RUN scripts by parse node, across lints: see DockerfileContext.runScript. */
const scriptCache = new WeakMap<Instruction, { base: number; escape: string; posix: boolean; script: RunScript }>();
/** The latest scripts read, by start, escape, shell kind and text (runScript); oldest first. */
const recentScripts = new Map<string, { base: number; escape: string; posix: boolean; script: RunScript }>();
/** More than the RUNs of the largest stages. */
const RECENT_SCRIPTS = 256;
const MAX_KEYED_SCRIPT = 4096;

const POSIX_SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh|ksh|mksh)$/;

/** One parse of a Dockerfile, shared by every rule that looks at it. */
export class DockerfileContext {
  readonly dockerfile: ParsedDockerfile;
  readonly document: TextLines;
  readonly escape: string;
  /** Every top-level instruction, in order. */
  readonly instructions: InstructionInfo[] = [];
  /** ARGs before the first FROM. */
  readonly globalArgs: Arg[] = [];
  readonly stages: Stage[] = [];
  private readonly runCache = new Map<Instruction, RunInfo>();
  private globalScope = new Map<string, VariableValue>();
  /** Every rule id the linter knows (set by the linter; pragmas naming others are reported). */
  knownRuleIds: ReadonlySet<string> = new Set();
  /** Shell set by `# hadolint shell=…` (applies to the whole file). */
  pragmaShell?: string;
  /** The whole-file context; a view (restrictTo) shares everything else with it. */
  readonly root: DockerfileContext = this;

  constructor(readonly text: string, readonly path?: string) {
    this.dockerfile = parseDockerfile(text);
    this.document = new TextLines(text);
    this.escape = this.dockerfile.getEscapeCharacter();
    this.build();
    this.pragmaShell = findShellPragma(this)?.value;
  }

  private pragmaCache?: Pragmas;

  /** hadolint pragmas of the file (computed on first use). */
  get pragmas(): Pragmas {
    const root = this.root;
    return root.pragmaCache ??= readPragmas(root);
  }

  /**
   * A view of this context whose `instructions` and `stages` are only the given ones (a stage
   * and, for the first, what precedes it), for rules run stage by stage (lint.ts, ruleScopes.ts).
   * Everything else — text, positions, stage lookups by name, scripts, pragmas — is the file's.
   */
  restrictTo(instructions: InstructionInfo[], stages: Stage[]): DockerfileContext {
    // The root's fields, shared (its caches too), on an object of this class: not an object whose
    // prototype is the root. Every lint has a new root, and objects with a new prototype have
    // a new hidden class: the rules' property lookups never settled (nor their optimized code).
    const view = Object.assign(Object.create(DockerfileContext.prototype) as DockerfileContext, this.root);
    return Object.assign(view, { instructions, stages });
  }

  // ---- positions ----------------------------------------------------------------------

  offsetAt(position: Range['start']): number {
    return this.document.offsetAt(position);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.document.positionAt(start), end: this.document.positionAt(end) };
  }

  wordRange(word: Pick<ShellWord, 'start' | 'end'>): Range {
    return this.rangeOf(word.start, word.end);
  }

  lineText(line: number): string {
    const start = this.document.offsetAt({ line, character: 0 });
    const end = this.document.offsetAt({ line: line + 1, character: 0 });
    return this.text.slice(start, end).replace(/\r?\n$/, '');
  }

  // ---- model --------------------------------------------------------------------------

  private build(): void {
    let stage: Stage | undefined;
    for (const node of this.dockerfile.getInstructions()) {
      const { keyword, range } = headOf(node);
      const info: InstructionInfo = { node, keyword, range, stage };
      if (keyword === 'FROM') {
        stage = this.createStage(node as From, info);
        info.stage = stage;
        this.stages.push(stage);
        if (stage.key !== undefined && !this.stagesByKey.has(stage.key)) this.stagesByKey.set(stage.key, stage);
      } else if (stage) {
        stage.instructions.push(info);
      } else if (keyword === 'ARG') {
        this.globalArgs.push(node as Arg);
        this.declareGlobal(node as Arg);
      }
      this.instructions.push(info);
    }
    this.linkStages();
  }

  private declareGlobal(arg: Arg): void {
    const property = arg.getProperty();
    if (!property) return;
    const value = property.getValue();
    if (value === null) { this.globalScope.set(property.getName(), { kind: 'unset' }); return; }
    const result = substitute(value, this.globalLookup, this.escape);
    this.globalScope.set(property.getName(), result.known ? { kind: 'value', value: result.value } : { kind: 'unknown' });
  }

  /** Variables visible to FROM: global ARGs and BuildKit's platform ARGs. */
  readonly globalLookup: VariableLookup = (name) =>
    this.globalScope.get(name) ?? ((PLATFORM_ARGS as readonly string[]).includes(name) ? { kind: 'unknown' } : undefined);

  private createStage(from: From, fromInfo: InstructionInfo): Stage {
    const facts = fromFactsOf(from);
    return {
      index: this.stages.length,
      from,
      fromInfo,
      name: facts.name,
      key: facts.key,
      nameRange: facts.nameRange,
      image: this.resolveFromImage(facts),
      platform: facts.platform,
      instructions: [],
      copiesFrom: [],
      mountsFrom: [],
      isFinal: false,
      reachesFinalImage: false,
      usedAsBase: false,
      neededByFinal: false,
    };
  }

  private resolveFromImage({ image: written, imageRange: range }: FromFacts): FromImage {
    const image: FromImage = { written, range, usesVariables: !!written?.includes('$'), known: false, scratch: false, undefinedVariables: [] };
    if (!written) return image;
    const result = substitute(written, this.globalLookup, this.escape);
    if (!result.known) { image.undefinedVariables = result.undefinedVariables; return image; }
    image.undefinedVariables = result.usedVariables.filter((v) => this.globalLookup(v) === undefined);
    image.known = true;
    image.resolved = result.value;
    const earlier = this.stageByName(result.value);
    if (earlier) { image.stage = earlier; return image; }
    if (result.value.toLowerCase() === 'scratch') { image.scratch = true; return image; }
    const parsed = imageReferenceOf(result.value);
    if (parsed.ok) image.reference = parsed.reference; else image.referenceError = parsed.error;
    return image;
  }

  /** A stage by name (case-insensitive) or index, among the stages defined so far. */
  stageByName(nameOrIndex: string): Stage | undefined {
    const root = this.root;
    if (/^\d+$/.test(nameOrIndex)) return root.stages[Number(nameOrIndex)];
    return root.stagesByKey.get(nameOrIndex.toLowerCase());
  }

  /** The first stage of each name (lower-cased), as stages are created: lookups per COPY --from. */
  private readonly stagesByKey = new Map<string, Stage>();

  private linkStages(): void {
    for (const stage of this.stages) {
      if (stage.image.stage) { stage.base = stage.image.stage; stage.image.stage.usedAsBase = true; }
      for (const info of stage.instructions) {
        if (info.keyword === 'COPY' || info.keyword === 'ADD') {
          const source = this.copyFromStage(info);
          if (source && source !== stage) stage.copiesFrom.push(source);
        }
        if (info.keyword === 'RUN') {
          for (const mount of this.mountsOf(info)) {
            const source = mount.from ? this.stageBefore(mount.from, stage) : undefined;
            if (source) stage.mountsFrom.push(source);
          }
        }
      }
    }
    const final = this.stages[this.stages.length - 1];
    if (!final) return;
    final.isFinal = true;
    for (let s: Stage | undefined = final; s && !s.reachesFinalImage; s = s.base) s.reachesFinalImage = true;
    const visit = (s: Stage): void => {
      if (s.neededByFinal) return;
      s.neededByFinal = true;
      for (const d of [s.base, ...s.copiesFrom, ...s.mountsFrom]) if (d) visit(d);
    };
    visit(final);
  }

  /** A stage referenced from inside `stage` (only earlier stages can be referenced). */
  stageBefore(nameOrIndex: string, stage: Stage): Stage | undefined {
    const found = this.stageByName(nameOrIndex);
    return found && found.index < stage.index ? found : undefined;
  }

  private readonly copyFromCache = new Map<InstructionInfo, Stage | null>();

  /** The stage a `COPY --from=` names, if it is a stage (not an image). */
  copyFromStage(info: InstructionInfo): Stage | undefined {
    let found = this.copyFromCache.get(info);
    if (found === undefined) {
      const value = this.flag(info, 'from')?.getValue();
      // Only a value with variables (or escapes) needs the stage's scope, which is costly to build.
      const resolved = value && (value.includes('$') || value.includes(this.escape)) ? this.resolveInStage(value, info) ?? value : value;
      found = (resolved && info.stage && this.stageBefore(resolved, info.stage)) || null;
      this.copyFromCache.set(info, found);
    }
    return found ?? undefined;
  }

  // ---- instruction helpers ---------------------------------------------------------------

  /** Flags of an instruction (`--from`, `--mount`, `--platform`…); none for plain ones. Never modify. */
  flags(info: InstructionInfo): readonly Flag[] {
    return nodeFlags(info.node);
  }

  flag(info: InstructionInfo, name: string): Flag | undefined {
    return this.flags(info).find((f) => f.getName().toLowerCase() === name);
  }

  /** Substitutes ARG/ENV values visible at `info` (stage-local); undefined when unknown. */
  resolveInStage(text: string, info: InstructionInfo): string | undefined {
    const result = substitute(text, this.stageLookup(info), this.escape);
    return result.known ? result.value : undefined;
  }

  /** Variables visible at an instruction inside a stage: its ARGs (with global defaults) and ENVs. */
  stageLookup(info: InstructionInfo): VariableLookup {
    const scope = new Map<string, VariableValue>();
    const stage = info.stage;
    if (stage) {
      for (const other of stage.instructions) {
        if (other === info || other.range.start.line >= info.range.start.line) break;
        if (other.keyword === 'ARG') {
          const property = (other.node as Arg).getProperty();
          if (!property) continue;
          const value = property.getValue();
          const lookup = this.scopeLookup(scope);
          if (value === null) scope.set(property.getName(), this.globalScope.get(property.getName()) ?? { kind: 'unset' });
          else { const r = substitute(value, lookup, this.escape); scope.set(property.getName(), r.known ? { kind: 'value', value: r.value } : { kind: 'unknown' }); }
        } else if (other.keyword === 'ENV') {
          for (const property of (other.node as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
            const value = property.getValue() ?? '';
            const r = substitute(value, this.scopeLookup(scope), this.escape);
            scope.set(property.getName(), r.known ? { kind: 'value', value: r.value } : { kind: 'unknown' });
          }
        }
      }
    }
    return this.scopeLookup(scope);
  }

  private scopeLookup(scope: Map<string, VariableValue>): VariableLookup {
    return (name) => scope.get(name) ?? ((PLATFORM_ARGS as readonly string[]).includes(name) ? { kind: 'unknown' } : undefined);
  }

  /** Instructions of a kind, with ONBUILD triggers included when `withOnbuild`. */
  all(keyword: string, withOnbuild = false): InstructionInfo[] {
    const result: InstructionInfo[] = [];
    for (const info of this.instructions) {
      if (info.keyword === keyword) result.push(info);
      else if (withOnbuild && info.keyword === 'ONBUILD') {
        const trigger = this.onbuildTrigger(info);
        if (trigger?.keyword === keyword) result.push(trigger);
      }
    }
    return result;
  }

  private readonly triggerCache = new Map<InstructionInfo, InstructionInfo | null>();

  onbuildTrigger(info: InstructionInfo): InstructionInfo | undefined {
    if (!this.triggerCache.has(info)) {
      const node = (info.node as Onbuild).getTriggerInstruction?.();
      this.triggerCache.set(info, node ? { node, keyword: node.getKeyword().toUpperCase(), range: node.getRange(), stage: info.stage, onbuild: info } : null);
    }
    return this.triggerCache.get(info) ?? undefined;
  }

  /** The shell in effect for `info`: `SHELL` in its stage (or the base chain), else the pragma, else sh. */
  shellOf(info: InstructionInfo): string[] {
    for (let stage = info.stage; stage; stage = stage.base) {
      const shells = stage.instructions.filter((i) => i.keyword === 'SHELL' && (stage !== info.stage || i.range.start.line < info.range.start.line));
      const last = shells[shells.length - 1];
      if (last) {
        const json = (last.node as unknown as { getJSONStrings(): { getJSONValue(): string }[] }).getJSONStrings?.() ?? [];
        if (json.length) return json.map((s) => s.getJSONValue());
      }
    }
    return this.pragmaShell ? [this.pragmaShell] : ['/bin/sh', '-c'];
  }

  isPosixShell(info: InstructionInfo): boolean {
    return POSIX_SHELLS.test(this.shellOf(info)[0] ?? '/bin/sh');
  }

  /** A RUN instruction (or ONBUILD RUN trigger) read as shell commands; cached. */
  run(info: InstructionInfo): RunInfo {
    let cached = this.runCache.get(info.node);
    if (!cached) {
      cached = { info, script: this.runScript(info), mounts: this.mountsOf(info) };
      this.runCache.set(info.node, cached);
    }
    return cached;
  }

  /**
   * The script of a RUN. A node reused from an earlier parse (parse.ts) has the same text, so
   * its script is the earlier one, moved to where the node now starts in the document. So has a
   * new node with the same text at the same line and column: the unchanged RUNs of a stage that
   * was parsed again after an edit elsewhere in it.
   */
  private runScript(info: InstructionInfo): RunScript {
    const posix = this.isPosixShell(info);
    const base = this.offsetAt(info.range.start);
    let earlier = scriptCache.get(info.node);
    const key = earlier ? undefined : this.scriptKey(info, base, posix);
    if (key !== undefined) {
      earlier = recentScripts.get(key);
      if (earlier) scriptCache.set(info.node, earlier);
    }
    // Shifted from the script as first read (never from a shifted copy: no chains of copies).
    if (earlier && earlier.escape === this.escape && earlier.posix === posix) return shiftRunScript(earlier.script, base - earlier.base);
    const run = info.node as Run;
    const heredocs = typeof run.getHeredocs === 'function' ? run.getHeredocs() : [];
    const script = readRunScript(info.node, this.text, (p) => this.offsetAt(p), this.escape, heredocs, posix);
    const read = { base, escape: this.escape, posix, script };
    scriptCache.set(info.node, read);
    if (key !== undefined) recentScripts.set(key, read);
    if (recentScripts.size > RECENT_SCRIPTS) recentScripts.delete(recentScripts.keys().next().value!);
    return script;
  }

  /** Where a RUN starts, the shell kind and its text; none for long ones (a heredoc left open runs to the end of the file). */
  private scriptKey(info: InstructionInfo, base: number, posix: boolean): string | undefined {
    const end = this.offsetAt(info.range.end);
    if (end - base > MAX_KEYED_SCRIPT) return undefined;
    const { start } = info.range;
    return `${start.line}:${start.character}:${this.escape}:${posix}:${this.text.slice(base, end)}`;
  }

  /** Every RUN, including `ONBUILD RUN` triggers. */
  runs(): RunInfo[] {
    return this.all('RUN', true).map((info) => this.run(info));
  }

  /** The `--mount=` flags of a RUN, without reading its script. */
  mountsOf(info: InstructionInfo): Mount[] {
    return nodeMounts(info.node);
  }
}
