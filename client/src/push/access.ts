// Registry clients for the push/copy/sign commands in the editor: THE registry client, with the
// credentials the explorer has (it hands its provider over with `setPushCredentialProvider`;
// until then Docker/Podman configs and helpers) and the per-registry caFile/insecure settings
// from `shipshape.registries`. Nothing secret is read from or written to settings.
import * as vscode from 'vscode';
import { DockerCredentialStore } from '../../../server/src/credentials/dockerConfig';
import type { CredentialProvider, RegistryCredential } from '../../../server/src/credentials/types';
import { RegistryClient } from '../../../server/src/registry/client';
import { parseRegistryAddress } from '../../../server/src/registry/url';

export interface RegistrySetting { name?: string; url: string; kind?: string; caFile?: string; insecure?: boolean }

let provider: CredentialProvider | undefined;
let docker: DockerCredentialStore | undefined;
const clients = new Map<string, RegistryClient>();

/** Called by the registry explorer: its provider = SecretStorage + Docker config. */
export function setPushCredentialProvider(credentials: CredentialProvider): void {
  provider = credentials;
  clients.clear();
}

export function credentialProvider(output?: vscode.OutputChannel): CredentialProvider {
  docker ??= new DockerCredentialStore({ onWarning: (m) => output?.appendLine(`[credentials] ${m}`) });
  return provider ?? docker;
}

export function registrySettings(): RegistrySetting[] {
  const value = vscode.workspace.getConfiguration('shipshape').get<unknown>('registries');
  return Array.isArray(value) ? value.filter((r): r is RegistrySetting => typeof r?.url === 'string') : [];
}

function hostOf(url: string): string | undefined {
  try {
    return parseRegistryAddress(url).host;
  } catch {
    return undefined;
  }
}

export function settingFor(host: string): RegistrySetting | undefined {
  return registrySettings().find((r) => hostOf(r.url) === host);
}

/** Registries to offer as push targets: configured ones, then Docker-config ones. */
export function knownRegistryHosts(output?: vscode.OutputChannel): string[] {
  const hosts = registrySettings().map((r) => hostOf(r.url)).filter((h): h is string => Boolean(h));
  docker ??= new DockerCredentialStore({ onWarning: (m) => output?.appendLine(`[credentials] ${m}`) });
  try {
    hosts.push(...docker.knownRegistries());
  } catch { /* unreadable config: reported through onWarning */ }
  return [...new Set(hosts)];
}

export function registryClient(host: string, output?: vscode.OutputChannel): RegistryClient {
  let client = clients.get(host);
  if (!client) {
    const setting = settingFor(host);
    client = new RegistryClient({
      url: setting?.url ?? host,
      credentials: credentialProvider(output),
      ...(setting?.caFile ? { caFile: setting.caFile } : {}),
      ...(setting?.insecure ? { insecure: true } : {}),
      onWarning: (message) => output?.appendLine(`[registry] ${message}`),
    });
    clients.set(host, client);
  }
  return client;
}

export async function credentialFor(host: string, output?: vscode.OutputChannel): Promise<RegistryCredential | undefined> {
  try {
    return await credentialProvider(output).get(host);
  } catch (error) {
    output?.appendLine(`[credentials] none for ${host}: ${(error as Error).message}`);
    return undefined;
  }
}

export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`Shipshape: ${what} contacts registries or runs external tools, which is disabled in untrusted workspaces. Trust the workspace to use it.`);
  return false;
}
