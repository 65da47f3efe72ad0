// Credentials for registries added in the UI, kept only in VS Code SecretStorage (OS keychain),
// then Docker/Podman logins and credential helpers: the explorer's CredentialProvider.
import * as vscode from 'vscode';
import { CredentialChain, DockerCredentialStore, credentialHostKey } from '../../../server/src/credentials/dockerConfig';
import type { CredentialProvider, RegistryCredential, ResolvedCredential } from '../../../server/src/credentials/types';

export const SECRET_KEY_PREFIX = 'shipshape.registry.credential:';
const KEY_PREFIX = SECRET_KEY_PREFIX;

export class SecretStorageCredentials implements CredentialProvider {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(registryHost: string): Promise<ResolvedCredential | undefined> {
    const stored = await this.secrets.get(KEY_PREFIX + credentialHostKey(registryHost));
    if (!stored) return undefined;
    try {
      const data = JSON.parse(stored) as RegistryCredential;
      return { ...data, origin: { source: 'VS Code secret storage', updateHint: '"Shipshape: Add Registry" (enter the new credentials)' } };
    } catch {
      return undefined;
    }
  }

  async store(registryHost: string, credential: RegistryCredential): Promise<void> {
    await this.secrets.store(KEY_PREFIX + credentialHostKey(registryHost), JSON.stringify(credential));
  }

  async delete(registryHost: string): Promise<void> {
    await this.secrets.delete(KEY_PREFIX + credentialHostKey(registryHost));
  }
}

export interface ExplorerCredentials {
  secrets: SecretStorageCredentials;
  docker: DockerCredentialStore;
  /** SecretStorage first, then Docker/Podman configs and helpers. */
  chain: CredentialProvider;
}

export function createExplorerCredentials(context: vscode.ExtensionContext, output: vscode.OutputChannel): ExplorerCredentials {
  const secrets = new SecretStorageCredentials(context.secrets);
  const docker = new DockerCredentialStore({ onWarning: (message) => output.appendLine(`[credentials] ${message}`) });
  return { secrets, docker, chain: new CredentialChain([secrets, docker]) };
}
