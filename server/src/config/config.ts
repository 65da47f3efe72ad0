// Shipshape's configuration: `.shipshape.yaml` (and hadolint's keys, read the same way),
// merged with editor settings by the caller. Everything here is plain data, no secrets.
import { parse as parseYaml } from 'yaml';
import { isLevel, isSeverity, type Level, type Severity } from '../core/finding';
import type { RuleMeta } from '../core/rule';

export type FailureThreshold = Severity | 'none';

export interface ShipshapeConfig {
  /** Per-rule level overrides, for any language: `{DL3007: error, image-tag-latest: off}`. */
  rules: Record<string, Level>;
  failureThreshold?: FailureThreshold;
  trustedRegistries: string[];
  /** Kubernetes: registries (or registry/path prefixes) that need pull credentials. */
  privateRegistries?: string[];
  /** Kubernetes: turn on `image-not-digest-pinned`. */
  requireDigest?: boolean;
  /** Kubernetes: turn on `pull-policy-not-always`. */
  requirePullPolicyAlways?: boolean;
  /** hadolint `label-schema`: label name → type (text, url, semver, hash, rfc3339, spdx, email). */
  labelSchema?: Record<string, string>;
  /** hadolint `strict-labels`: labels not in the schema are reported (DL3049…). */
  strictLabels?: boolean;
  /** hadolint `disable-ignore-pragma`: inline `# hadolint ignore=` comments are not honoured. */
  disableIgnorePragma?: boolean;
  /** Where the lookup of `.hadolint.yaml` stops going up (the workspace folder). */
  workspaceRoot?: string;
  /** Set to false to skip looking up `.hadolint.yaml` files next to linted Dockerfiles. */
  hadolintConfigLookup?: boolean;
}

export function emptyConfig(): ShipshapeConfig {
  return { rules: {}, trustedRegistries: [] };
}

export class ConfigError extends Error {}

/** Parses `.shipshape.yaml`; also accepts hadolint's `ignored` and `override` keys. */
export function parseConfig(text: string, file: string): ShipshapeConfig {
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (e) {
    throw new ConfigError(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${file}: expected a mapping at the top level`);
  }
  return mergeConfig(emptyConfig(), readConfigObject(data as Record<string, unknown>, file));
}

function readConfigObject(data: Record<string, unknown>, file: string): Partial<ShipshapeConfig> {
  const rules: Record<string, Level> = {};
  const result: Partial<ShipshapeConfig> = { rules };
  for (const id of stringList(data['ignored'], `${file}: ignored`)) rules[id] = 'off';
  const override = data['override'];
  if (override !== undefined) {
    if (typeof override !== 'object' || override === null) throw new ConfigError(`${file}: override must be a mapping`);
    for (const [level, ids] of Object.entries(override)) {
      if (!isSeverity(level)) throw new ConfigError(`${file}: override.${level}: expected error, warning, info or style`);
      for (const id of stringList(ids, `${file}: override.${level}`)) rules[id] = level;
    }
  }
  const ruleLevels = data['rules'];
  if (ruleLevels !== undefined) {
    if (typeof ruleLevels !== 'object' || ruleLevels === null) throw new ConfigError(`${file}: rules must be a mapping`);
    for (const [id, level] of Object.entries(ruleLevels)) {
      if (!isLevel(level)) throw new ConfigError(`${file}: rules.${id}: expected off, error, warning, info or style`);
      rules[id] = level;
    }
  }
  const threshold = data['failure-threshold'] ?? data['failureThreshold'];
  if (threshold !== undefined) {
    if (!isFailureThreshold(threshold)) throw new ConfigError(`${file}: failure-threshold: expected error, warning, info, style or none`);
    result.failureThreshold = threshold;
  }
  if (data['trustedRegistries'] !== undefined) {
    result.trustedRegistries = stringList(data['trustedRegistries'], `${file}: trustedRegistries`);
  }
  if (data['privateRegistries'] !== undefined) {
    result.privateRegistries = stringList(data['privateRegistries'], `${file}: privateRegistries`);
  }
  for (const key of ['requireDigest', 'requirePullPolicyAlways'] as const) {
    if (data[key] === undefined) continue;
    if (typeof data[key] !== 'boolean') throw new ConfigError(`${file}: ${key}: expected true or false`);
    result[key] = data[key];
  }
  const labelSchema = data['label-schema'] ?? data['labelSchema'];
  if (labelSchema !== undefined && labelSchema !== null) {
    if (typeof labelSchema !== 'object' || Array.isArray(labelSchema)) throw new ConfigError(`${file}: label-schema must be a mapping`);
    result.labelSchema = Object.fromEntries(Object.entries(labelSchema).map(([k, v]) => [k, String(v)]));
  }
  for (const [key, field] of [['strict-labels', 'strictLabels'], ['disable-ignore-pragma', 'disableIgnorePragma']] as const) {
    const value = data[key] ?? data[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') throw new ConfigError(`${file}: ${key}: expected true or false`);
    result[field] = value;
  }
  return result;
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ConfigError(`${where}: expected a list of strings`);
  return value as string[];
}

export function isFailureThreshold(value: unknown): value is FailureThreshold {
  return value === 'none' || isSeverity(value);
}

/** Later layers win per key; rule maps merge. */
export function mergeConfig(base: ShipshapeConfig, layer: Partial<ShipshapeConfig>): ShipshapeConfig {
  return {
    ...base,
    ...layer,
    rules: { ...base.rules, ...(layer.rules ?? {}) },
    trustedRegistries: layer.trustedRegistries ?? base.trustedRegistries,
  };
}

/** The effective severity of a rule, or undefined when it is switched off. */
export function effectiveSeverity(meta: Pick<RuleMeta, 'id' | 'severity'>, config: ShipshapeConfig): Severity | undefined {
  const level = config.rules[meta.id] ?? meta.severity;
  return isSeverity(level) ? level : undefined;
}
