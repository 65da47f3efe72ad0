// The configuration the editor lints with: `shipshape.kubernetes.*` / `shipshape.rules` settings,
// with the workspace's `.shipshape.yaml` on top (the repository's choice wins over the user's).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, emptyConfig, mergeConfig, parseConfig, type ShipshapeConfig } from '../config/config';
import { isLevel, type Level } from '../core/finding';

export const CONFIG_FILE = '.shipshape.yaml';

export class WorkspaceConfig {
  private file: Partial<ShipshapeConfig> = {};
  private settings: Partial<ShipshapeConfig> = {};

  constructor(private readonly apply: (config: ShipshapeConfig) => void, private readonly log: (message: string) => void) {}

  effective(): ShipshapeConfig {
    return mergeConfig(mergeConfig(emptyConfig(), this.settings), this.file);
  }

  /** Reads `<root>/.shipshape.yaml` (absent = nothing); a broken file is reported and ignored. */
  async loadFile(root: string | undefined): Promise<void> {
    this.file = {};
    if (root) {
      const path = join(root, CONFIG_FILE);
      let text: string | undefined;
      try { text = await readFile(path, 'utf8'); } catch { text = undefined; }
      if (text !== undefined) {
        try {
          this.file = withoutDefaults(parseConfig(text, path));
        } catch (error) {
          this.log(error instanceof ConfigError ? error.message : `${path}: ${(error as Error).message}`);
        }
      }
    }
    this.apply(this.effective());
  }

  /** `settings` is the `shipshape` section of the editor settings. */
  setSettings(section: unknown): void {
    this.settings = settingsLayer(section);
    this.apply(this.effective());
  }
}

/** Only the keys the file really sets, so that it does not erase the settings layer. */
function withoutDefaults(config: ShipshapeConfig): Partial<ShipshapeConfig> {
  const layer: Partial<ShipshapeConfig> = { ...config };
  if (config.trustedRegistries.length === 0) delete layer.trustedRegistries;
  return layer;
}

function settingsLayer(section: unknown): Partial<ShipshapeConfig> {
  const layer: Partial<ShipshapeConfig> = {};
  if (typeof section !== 'object' || section === null) return layer;
  const k8s = (section as Record<string, unknown>)['kubernetes'];
  if (typeof k8s === 'object' && k8s !== null) {
    const values = k8s as Record<string, unknown>;
    const list = (v: unknown) => Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
    const trusted = list(values['trustedRegistries']);
    if (trusted?.length) layer.trustedRegistries = trusted;
    const privateRegistries = list(values['privateRegistries']);
    if (privateRegistries?.length) layer.privateRegistries = privateRegistries;
    if (typeof values['requireDigest'] === 'boolean') layer.requireDigest = values['requireDigest'];
    if (typeof values['requirePullPolicyAlways'] === 'boolean') layer.requirePullPolicyAlways = values['requirePullPolicyAlways'];
  }
  const rules = (section as Record<string, unknown>)['rules'];
  if (typeof rules === 'object' && rules !== null) {
    layer.rules = Object.fromEntries(Object.entries(rules).filter((entry): entry is [string, Level] => isLevel(entry[1])));
  }
  return layer;
}
