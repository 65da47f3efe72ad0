// The `registries` list of `.shipshape.yaml` (same shape as the `shipshape.registries` setting):
// [{name?, url, kind?, caFile?, insecure?}] — never secrets.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseRegistrySettings, type RegistrySettings } from './providers';
import { parseRegistryAddress } from './url';

export class RegistrySettingsError extends Error {}

/** Reads `registries` from a YAML config file; relative `caFile`s resolve against the file's folder. */
export function readRegistriesFromYaml(text: string, file: string): RegistrySettings[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new RegistrySettingsError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)['registries'] : undefined;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new RegistrySettingsError(`${file}: registries must be a list`);
  return list.map((entry, i) => {
    const parsed = parseRegistrySettings(entry, `${file}: registries[${i}]`);
    if (typeof parsed === 'string') throw new RegistrySettingsError(parsed);
    if (parsed.caFile && !isAbsolute(parsed.caFile)) parsed.caFile = resolve(dirname(file), parsed.caFile);
    return parsed;
  });
}

export function loadRegistriesFile(file: string): RegistrySettings[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RegistrySettingsError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return readRegistriesFromYaml(text, file);
}

/** The configured entry for an address (same host; the longest matching path wins). */
export function findRegistrySettings(entries: RegistrySettings[], url: string): RegistrySettings | undefined {
  const wanted = parseRegistryAddress(url);
  let best: RegistrySettings | undefined;
  let bestLength = -1;
  for (const entry of entries) {
    let address;
    try { address = parseRegistryAddress(entry.url, entry.insecure); } catch { continue; }
    if (address.host !== wanted.host) continue;
    const prefix = address.repository ?? '';
    if (prefix && !(wanted.repository === prefix || wanted.repository?.startsWith(prefix + '/'))) continue;
    if (prefix.length > bestLength) { best = entry; bestLength = prefix.length; }
  }
  return best;
}
