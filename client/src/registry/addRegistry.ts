// "Shipshape: Add Registry": URL, kind, name, credentials (kept in SecretStorage only), optional
// CA file; checks the connection before saving the entry to `shipshape.registries`.
import * as vscode from 'vscode';
import { RegistryError } from '../../../server/src/registry/errors';
import { createProvider, detectKind, REGISTRY_KINDS, type RegistryKind, type RegistrySettings } from '../../../server/src/registry/providers';
import { isLoopbackHost, parseRegistryAddress } from '../../../server/src/registry/url';
import type { RegistryCredential } from '../../../server/src/credentials/types';
import type { ExplorerCredentials } from './secrets';
import { addRegistrySetting } from './settings';

const KIND_LABELS: Record<RegistryKind, string> = {
  generic: 'Generic OCI registry (Docker Registry, Nexus, Artifactory, Gitea, Zot…)',
  dockerhub: 'Docker Hub', ghcr: 'GitHub Container Registry', gitlab: 'GitLab Container Registry', quay: 'Quay',
  harbor: 'Harbor', ecr: 'Amazon ECR (credential helper ecr-login)', acr: 'Azure Container Registry', gcr: 'Google Artifact/Container Registry',
};

export async function addRegistry(credentials: ExplorerCredentials, output: vscode.OutputChannel, preset?: string): Promise<RegistrySettings | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Shipshape: registries are not contacted in untrusted workspaces. Trust the workspace to add one.');
    return undefined;
  }
  const url = preset ?? await vscode.window.showInputBox({
    title: 'Add Registry (1/4): address', prompt: 'host[:port][/namespace-or-repository], or a URL (https://… / http://…)', placeHolder: 'harbor.example.com, ghcr.io/OWNER/IMAGE, localhost:5000',
    validateInput: (v) => { try { parseRegistryAddress(v); return undefined; } catch (e) { return (e as Error).message; } },
  });
  if (!url) return undefined;
  const address = parseRegistryAddress(url);
  const guessed = detectKind(url);
  const kindPick = await vscode.window.showQuickPick(REGISTRY_KINDS.map((k) => ({ label: k, description: KIND_LABELS[k], picked: k === guessed })).sort((a, b) => (a.label === guessed ? -1 : b.label === guessed ? 1 : 0)), { title: 'Add Registry (2/4): kind' });
  if (!kindPick) return undefined;
  const kind = kindPick.label as RegistryKind;
  const name = await vscode.window.showInputBox({ title: 'Add Registry (3/4): display name', value: address.host + (address.repository ? `/${address.repository}` : '') });
  if (name === undefined) return undefined;
  const authChoice = await vscode.window.showQuickPick([
    { label: 'Use docker / podman login', value: 'docker' as const, detail: 'credentials from ~/.docker/config.json, credential helpers or auth.json' },
    { label: 'User name and password or token', value: 'password' as const, detail: 'kept in VS Code secret storage (the OS keychain), never in settings' },
    { label: 'Anonymous', value: 'anonymous' as const },
  ], { title: 'Add Registry (4/4): credentials' });
  if (!authChoice) return undefined;
  let credential: RegistryCredential | undefined;
  if (authChoice.value === 'password') {
    const username = await vscode.window.showInputBox({ title: `User name for ${address.host}`, ignoreFocusOut: true });
    if (!username) return undefined;
    const secret = await vscode.window.showInputBox({ title: `Password or access token for ${username}@${address.host}`, password: true, ignoreFocusOut: true });
    if (!secret) return undefined;
    credential = { username, secret };
  }
  let caFile: string | undefined;
  let insecure = false;
  if (address.baseUrl.protocol === 'https:') {
    const tls = await vscode.window.showQuickPick([
      { label: 'Default trust store', value: 'default' as const },
      { label: 'Private CA certificate file…', value: 'ca' as const },
      { label: 'Skip TLS verification (insecure)', value: 'insecure' as const, detail: 'anyone on the network can impersonate this registry' },
    ], { title: `TLS for ${address.host}` });
    if (!tls) return undefined;
    if (tls.value === 'ca') {
      const file = await vscode.window.showOpenDialog({ canSelectMany: false, title: 'CA certificate (PEM)', filters: { Certificates: ['pem', 'crt', 'cer'], All: ['*'] } });
      if (!file?.[0]) return undefined;
      caFile = file[0].fsPath;
    }
    insecure = tls.value === 'insecure';
  } else if (!isLoopbackHost(address.baseUrl.hostname)) {
    insecure = true;
  }
  const settings: RegistrySettings = { url: url.trim(), kind, ...(name && name !== address.host ? { name } : {}), ...(caFile ? { caFile } : {}), ...(insecure ? { insecure: true } : {}) };

  // Check with the credentials about to be saved, before saving anything.
  const check = createProvider(settings, {
    credentials: { get: async (host) => credential ? { ...credential, origin: { source: 'the credentials just entered', updateHint: '"Shipshape: Add Registry"' } } : authChoice.value === 'docker' ? credentials.docker.get(host) : undefined },
    onWarning: (m) => output.appendLine(`[registry] ${m}`), retries: 1, timeoutMs: 15_000,
  });
  const problem = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Shipshape: connecting to ${address.host}…` }, async () => {
    try {
      if (check.hasProjects && check.listProjects) await check.listProjects({ pageSize: 1 });
      else if (address.repository && kind !== 'dockerhub') await check.listTags(address.repository, { pageSize: 1 });
      else await check.listRepositories({ pageSize: 1 });
      return undefined;
    } catch (error) {
      return error instanceof RegistryError ? error.message : (error as Error).message;
    }
  });
  if (problem) {
    const answer = await vscode.window.showWarningMessage(`Shipshape: ${problem}`, { modal: true, detail: 'Save the registry anyway?' }, 'Save Anyway');
    if (answer !== 'Save Anyway') return undefined;
  }
  if (credential) await credentials.secrets.store(address.host, credential);
  await addRegistrySetting(settings);
  return settings;
}
