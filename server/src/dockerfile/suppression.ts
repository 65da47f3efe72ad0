// Suppression hooks: every way a finding can be silenced or re-levelled by the file itself.
// Each hook sees the parsed file and the configuration and returns a filter over findings.
import type { ShipshapeConfig } from '../config/config';
import type { Finding } from '../core/finding';
import { buildkitCheckDirectives } from './checkDirectives';
import type { DockerfileContext } from './context';
import { isIgnoredByPragma } from './pragmas';

/** Returns the finding (possibly changed, e.g. re-levelled), or undefined to drop it. */
export type FindingFilter = (finding: Finding) => Finding | undefined;
export type SuppressionHook = (context: DockerfileContext, config: ShipshapeConfig) => FindingFilter;

/** `# hadolint ignore=…` / `global ignore=` / `stage ignore=`, unless `disable-ignore-pragma`. */
export const hadolintPragmas: SuppressionHook = (context, config) => {
  if (config.disableIgnorePragma) return (finding) => finding;
  const pragmas = context.pragmas;
  if (pragmas.ignores.length === 0) return (finding) => finding;
  return (finding) => isIgnoredByPragma(pragmas, context, finding.code, finding.range.start.line) ? undefined : finding;
};

export const suppressionHooks: readonly SuppressionHook[] = [hadolintPragmas, buildkitCheckDirectives];
