// The `shipshape.registries` setting ([{name, url, kind, caFile?, insecure?}], no secrets).
import * as vscode from 'vscode';
import { parseRegistrySettings, type RegistrySettings } from '../../../server/src/registry/providers';
import { parseRegistryAddress } from '../../../server/src/registry/url';

export const SETTING = 'registries';

/** Valid entries; invalid ones are reported once through `onProblem`. User-level entries only in untrusted workspaces. */
export function readRegistrySettings(onProblem: (message: string) => void): RegistrySettings[] {
  const config = vscode.workspace.getConfiguration('shipshape');
  const inspected = config.inspect<unknown[]>(SETTING);
  const raw = vscode.workspace.isTrusted ? config.get<unknown[]>(SETTING) : inspected?.globalValue;
  if (!Array.isArray(raw)) return [];
  const result: RegistrySettings[] = [];
  raw.forEach((entry, i) => {
    const parsed = parseRegistrySettings(entry, `shipshape.registries[${i}]`);
    if (typeof parsed === 'string') onProblem(parsed);
    else result.push(parsed);
  });
  return result;
}

export function hostOf(url: string): string {
  try {
    return parseRegistryAddress(url).host;
  } catch {
    return url;
  }
}

/** Adds (or replaces, by URL) an entry in the user settings. */
export async function addRegistrySetting(entry: RegistrySettings): Promise<void> {
  const config = vscode.workspace.getConfiguration('shipshape');
  const current = (config.inspect<RegistrySettings[]>(SETTING)?.globalValue ?? []).filter((r) => r?.url !== entry.url);
  await config.update(SETTING, [...current, entry], vscode.ConfigurationTarget.Global);
}

/** Removes an entry (by URL) from every settings level that has it. */
export async function removeRegistrySetting(url: string): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('shipshape');
  const inspected = config.inspect<RegistrySettings[]>(SETTING);
  let removed = false;
  const levels: [RegistrySettings[] | undefined, vscode.ConfigurationTarget][] = [
    [inspected?.globalValue, vscode.ConfigurationTarget.Global],
    [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
    [inspected?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
  ];
  for (const [value, target] of levels) {
    if (!Array.isArray(value) || !value.some((r) => r?.url === url)) continue;
    await config.update(SETTING, value.filter((r) => r?.url !== url), target);
    removed = true;
  }
  return removed;
}
