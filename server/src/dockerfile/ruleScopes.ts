// What each rule reads, for the incremental lint (lint.ts). A 'stage' rule, run on a view of the
// context restricted to one stage (context.restrictTo), reports exactly what it reports about
// that stage in a run over the whole file, and that depends only on:
//   - the text of the stage (from its FROM line to the next FROM line; for the first stage, from
//     the top of the file, so the global ARGs and directives are in it) and where it starts;
//   - the file's globals: the text before the first FROM (global ARGs, directives), the stage
//     names and the lines of their FROMs, the `# hadolint shell=` pragma, the path, the config;
//   - the stage's place in the stage graph (index, final or not, reaches the final image, base,
//     COPY --from / mount sources by index) and, transitively, the stages it is built FROM
//     (SHELL, ENV, ARG, WORKDIR, the base image are inherited).
// So it iterates `context.instructions`, `context.all()`, `context.runs()`, `context.stages` or
// `buildModel(context).stages`, reports on what it iterates, and keeps no state across stages.
//
// Everything else is 'file' (run on the whole file on every lint): rules that read
// `context.dockerfile` (its instructions and FROMs are not restricted), `context.pragmas`, the
// final stage, other stages by name, the .dockerignore on disk, or compare stages. A rule not
// listed here is 'file': when a rule changes to read across stages, remove it from STAGE_RULES.
export type RuleScope = 'stage' | 'outline' | 'file';

const STAGE_RULES: ReadonlySet<string> = new Set([
  // Per instruction / per RUN command.
  'DL1000', 'DL3000', 'DL3001', 'DL3003', 'DL3004', 'DL3008', 'DL3011', 'DL3013', 'DL3014', 'DL3015', 'DL3016',
  'DL3018', 'DL3019', 'DL3020', 'DL3021', 'DL3023', 'DL3025', 'DL3027', 'DL3028', 'DL3030', 'DL3032', 'DL3033',
  'DL3034', 'DL3035', 'DL3036', 'DL3037', 'DL3038', 'DL3040', 'DL3041', 'DL3043', 'DL3044', 'DL3046', 'DL3047',
  'DL3048', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058', 'DL3062', 'DL3064',
  'DL3066', 'DL3067', 'DL4000', 'DL4005', 'LegacyKeyValueFormat', 'MaintainerDeprecated', 'NoEmptyContinuation',
  // Per stage (state reset at each FROM), or the stage's FROM (image resolved with global ARGs and
  // earlier stage names), or the stage graph / base chain (reachesFinalImage, inherited SHELL,
  // WORKDIR, ENV, the base image).
  'DL3006', 'DL3007', 'DL3009', 'DL3010', 'DL3012', 'DL3026', 'DL3029', 'DL3042', 'DL3045', 'DL3059', 'DL3060',
  'DL3061', 'DL3063', 'DL3065', 'DL4001', 'DL4003', 'DL4004', 'DL4006', 'SS1001', 'SS1002',
  // BuildKit checks over buildModel(context).stages (scopes inherited along the base chain).
  'ExposeInvalidFormat', 'ExposeProtoCasing', 'FromPlatformFlagConstDisallowed', 'JSONArgsRecommended',
  'MultipleInstructionsDisallowed', 'RedundantTargetPlatform', 'SecretsUsedInArgOrEnv', 'UndefinedArgInFrom',
  'UndefinedVar', 'WorkdirRelativePath',
]);

// An 'outline' rule runs on the whole file, and its findings are reused while the file's outline
// is unchanged: the globals above and, for every instruction, its keyword as written and where
// it starts, the whole text of every instruction but RUN, CMD, ENTRYPOINT, EXPOSE, WORKDIR,
// VOLUME, STOPSIGNAL and MAINTAINER (lint.ts, unitOutline), and every comment line with its line.
// So it reads no arguments of those instructions, and nothing outside the file; it reports on
// keywords, on instructions whose text is in the outline, or on comments. Typing in a RUN script
// changes no outline.
const OUTLINE_RULES: ReadonlySet<string> = new Set([
  // File-wide majority of keyword casing.
  'ConsistentInstructionCasing',
  // FROM lines and stage names (context.dockerfile, model.stages, later stages by name).
  'DuplicateStageName', 'FromAsCasing', 'ReservedStageName', 'StageNameCasing', 'InvalidDefaultArgInFrom', 'DL3022', 'DL3024',
  // Pragmas (comments).
  'DL1001', 'SS1000',
  // The final stage and its base chain: USER, LABEL, HEALTHCHECK.
  'DL3002', 'DL3049', 'DL3057',
]);

/**
 * What of the outline an outline rule reads besides every instruction's keyword and position and
 * every comment: no arguments ('keywords'), the FROM lines ('stages'), or the whole text of every
 * instruction but the opaque ones above ('texts'). A rule is re-run only when that changed.
 */
export type OutlineFacet = 'keywords' | 'stages' | 'texts';

const OUTLINE_FACETS: Readonly<Record<string, OutlineFacet>> = {
  // Keyword casing; pragmas.
  ConsistentInstructionCasing: 'keywords', DL1001: 'keywords', SS1000: 'keywords',
  // Stage names and FROM lines only.
  DuplicateStageName: 'stages', FromAsCasing: 'stages', ReservedStageName: 'stages', StageNameCasing: 'stages', DL3024: 'stages',
};

export function outlineFacet(id: string): OutlineFacet {
  return OUTLINE_FACETS[id] ?? 'texts';
}

// Deliberately 'file' (run on every lint): CopyIgnoredFile (reads .dockerignore on disk).

export function ruleScope(id: string): RuleScope {
  return STAGE_RULES.has(id) ? 'stage' : OUTLINE_RULES.has(id) ? 'outline' : 'file';
}
