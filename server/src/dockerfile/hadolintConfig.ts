// `.hadolint.yaml` lookup, like hadolint: from the Dockerfile's folder up to the workspace root,
// then hadolint's user locations. The file found is the base; Shipshape's own configuration
// (`.shipshape.yaml`, editor settings) is layered on top and can add to it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, parseConfig, type ShipshapeConfig } from '../config/config';

const NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/** hadolint's user-level locations, in its order of preference. */
export function userConfigCandidates(env: NodeJS.ProcessEnv = process.env, home = homedir()): string[] {
  const xdg = env['XDG_CONFIG_HOME'] || join(home, '.config');
  return [
    join(xdg, 'hadolint.yaml'), join(xdg, 'hadolint.yml'),
    join(home, '.hadolint', 'hadolint.yaml'), join(home, '.hadolint', 'hadolint.yml'),
    join(home, 'hadolint', 'hadolint.yaml'), join(home, 'hadolint', 'hadolint.yml'),
    join(home, '.hadolint.yaml'), join(home, '.hadolint.yml'),
  ];
}

/** The `.hadolint.yaml` that applies to `file`, or undefined. */
export function findHadolintConfig(file: string, workspaceRoot?: string, userCandidates = userConfigCandidates()): string | undefined {
  let dir = dirname(resolve(file));
  const root = workspaceRoot ? resolve(workspaceRoot) : undefined;
  for (;;) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    if (dir === root) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    // Without a workspace root, stop at the repository root.
    if (!root && existsSync(join(dir, '.git'))) break;
    dir = parent;
  }
  return userCandidates.find(isFile);
}

/**
 * Whether a config candidate exists can be remembered for a while: the language server lints on
 * every keystroke, and each lint looked for ten candidate files on disk. A `.hadolint.yaml`
 * created or deleted is then seen by the lints after that time. Off (0) unless asked for.
 */
const seenFiles = new Map<string, { at: number; isFile: boolean }>();
let seenForMs = 0;

/** The language server remembers lookups for `ms` (a second); the CLI looks every time. */
export function rememberConfigLookups(ms: number): void {
  seenForMs = ms;
  seenFiles.clear();
}

function isFile(path: string): boolean {
  const now = Date.now();
  const seen = seenFiles.get(path);
  if (seen && now - seen.at < seenForMs) return seen.isFile;
  let found: boolean;
  try { found = statSync(path).isFile(); } catch { found = false; }
  if (seenFiles.size > 1000) seenFiles.clear();
  seenFiles.set(path, { at: now, isFile: found });
  return found;
}

const cache = new Map<string, { stamp: string; config: Partial<ShipshapeConfig> | ConfigError }>();

/** Reads and parses a hadolint config (cached by modification time). */
export function readHadolintConfig(path: string): Partial<ShipshapeConfig> {
  const stat = statSync(path);
  const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  const hit = cache.get(path);
  if (hit && hit.stamp === stamp) {
    if (hit.config instanceof ConfigError) throw hit.config;
    return hit.config;
  }
  let config: Partial<ShipshapeConfig> | ConfigError;
  try {
    config = parseConfig(readFileSync(path, 'utf8'), path);
  } catch (error) {
    config = error instanceof ConfigError ? error : new ConfigError(`${path}: ${(error as Error).message}`);
  }
  cache.set(path, { stamp, config });
  if (config instanceof ConfigError) throw config;
  return config;
}

/** hadolint settings at the bottom, Shipshape's configuration on top (lists add up). */
export function layerOnHadolint(hadolint: Partial<ShipshapeConfig>, config: ShipshapeConfig): ShipshapeConfig {
  return {
    ...hadolint,
    ...config,
    rules: { ...(hadolint.rules ?? {}), ...config.rules },
    trustedRegistries: [...new Set([...(hadolint.trustedRegistries ?? []), ...config.trustedRegistries])],
    labelSchema: hadolint.labelSchema || config.labelSchema ? { ...(hadolint.labelSchema ?? {}), ...(config.labelSchema ?? {}) } : undefined,
    failureThreshold: config.failureThreshold ?? hadolint.failureThreshold,
    strictLabels: config.strictLabels ?? hadolint.strictLabels,
    disableIgnorePragma: config.disableIgnorePragma ?? hadolint.disableIgnorePragma,
  };
}

/** The same two configurations on every keystroke: layered once (and so the same object). */
const layerings = new WeakMap<Partial<ShipshapeConfig>, WeakMap<ShipshapeConfig, ShipshapeConfig>>();
function layered(hadolint: Partial<ShipshapeConfig>, config: ShipshapeConfig): ShipshapeConfig {
  let byConfig = layerings.get(hadolint);
  if (!byConfig) layerings.set(hadolint, byConfig = new WeakMap());
  let result = byConfig.get(config);
  if (!result) byConfig.set(config, result = layerOnHadolint(hadolint, config));
  return result;
}

/**
 * The configuration that applies to one Dockerfile on disk. A broken `.hadolint.yaml` is
 * reported through `onError` and otherwise ignored: linting goes on with the rest.
 */
export function configForDockerfile(path: string | undefined, config: ShipshapeConfig, onError?: (message: string) => void): ShipshapeConfig {
  if (!path || path === '-' || config.hadolintConfigLookup === false) return config;
  const found = findHadolintConfig(path, config.workspaceRoot);
  if (!found) return config;
  try {
    return layered(readHadolintConfig(found), config);
  } catch (error) {
    onError?.((error as Error).message);
    return config;
  }
}

/** hadolint's `failure-threshold` from the `.hadolint.yaml` that applies in `dir` (for the CLI exit code). */
export function hadolintFailureThreshold(dir: string, workspaceRoot?: string): ShipshapeConfig['failureThreshold'] {
  const found = findHadolintConfig(join(dir, 'Dockerfile'), workspaceRoot);
  if (!found) return undefined;
  try { return readHadolintConfig(found).failureThreshold; } catch { return undefined; }
}
