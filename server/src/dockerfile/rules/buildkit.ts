// BuildKit's checks (`docker build --check`), under BuildKit's own names, and Shipshape's own
// opt-in image rules (SS….). Each rule: `<Name>.ts` + `<Name>.md` beside this file.
import type { DockerfileRule } from '../rule';
import { ConsistentInstructionCasing } from './ConsistentInstructionCasing';
import { CopyIgnoredFile } from './CopyIgnoredFile';
import { DuplicateStageName } from './DuplicateStageName';
import { ExposeInvalidFormat } from './ExposeInvalidFormat';
import { ExposeProtoCasing } from './ExposeProtoCasing';
import { FromAsCasing } from './FromAsCasing';
import { FromPlatformFlagConstDisallowed } from './FromPlatformFlagConstDisallowed';
import { InvalidDefaultArgInFrom } from './InvalidDefaultArgInFrom';
import { JSONArgsRecommended } from './JSONArgsRecommended';
import { LegacyKeyValueFormat } from './LegacyKeyValueFormat';
import { MaintainerDeprecated } from './MaintainerDeprecated';
import { MultipleInstructionsDisallowed } from './MultipleInstructionsDisallowed';
import { NoEmptyContinuation } from './NoEmptyContinuation';
import { RedundantTargetPlatform } from './RedundantTargetPlatform';
import { ReservedStageName } from './ReservedStageName';
import { SecretsUsedInArgOrEnv } from './SecretsUsedInArgOrEnv';
import { StageNameCasing } from './StageNameCasing';
import { UndefinedArgInFrom } from './UndefinedArgInFrom';
import { UndefinedVar } from './UndefinedVar';
import { SS1001 } from './SS1001';
import { SS1002 } from './SS1002';
import { WorkdirRelativePath } from './WorkdirRelativePath';

/** BuildKit's checks that need no engine (BuildKit's InvalidBaseImagePlatform needs image configs). */
export const buildkitChecks: readonly DockerfileRule[] = [
  ConsistentInstructionCasing, CopyIgnoredFile, DuplicateStageName, ExposeInvalidFormat, ExposeProtoCasing,
  FromAsCasing, FromPlatformFlagConstDisallowed, InvalidDefaultArgInFrom, JSONArgsRecommended, LegacyKeyValueFormat,
  MaintainerDeprecated, MultipleInstructionsDisallowed, NoEmptyContinuation, RedundantTargetPlatform, ReservedStageName,
  SecretsUsedInArgOrEnv, StageNameCasing, UndefinedArgInFrom, UndefinedVar, WorkdirRelativePath,
];

const BUILDKIT_CHECK_IDS = new Set(buildkitChecks.map((rule) => rule.meta.id));

/** True for BuildKit's own check names (what `# check=skip=all` and `error=true` cover). */
export function isBuildkitCheck(code: string): boolean {
  return BUILDKIT_CHECK_IDS.has(code);
}

/** Shipshape's own Dockerfile rules. */
export const shipshapeDockerfileRules: readonly DockerfileRule[] = [SS1001, SS1002];

/** Everything registered here (kept under this name: rules/index.ts spreads it). */
export const buildkitRules: readonly DockerfileRule[] = [...buildkitChecks, ...shipshapeDockerfileRules];
