// Wires the registry explorer: tree view in its own activity-bar container, commands, settings
// watch, workspace-trust gating. The only function extension.ts calls.
import * as vscode from 'vscode';
import { registerCommand } from '../commandRegistry';
import { setPushCredentialProvider } from '../push/access';
import { onDidChangeScans, scanBadgeFor, setScanCredentialProvider } from '../scan/register';
import { onDidChangeSignatures, signatureBadgeFor } from '../signing/badge';
import { addRegistry } from './addRegistry';
import { cleanup, copyReference, createPullSecret, deleteManifest, inspectManifest, retagOrCopy, untag, type ActionContext } from './actions';
import { MANIFEST_SCHEME, ManifestDocuments } from './manifestDocument';
import type { ExplorerNode, LoadMoreNode, MessageNode, PlatformNode, ReferrerNode, RegistryNode, RepositoryNode, TagNode } from './nodes';
import { createExplorerCredentials, SECRET_KEY_PREFIX } from './secrets';
import { hostOf, readRegistrySettings, removeRegistrySetting } from './settings';
import { RegistryTreeProvider } from './tree';

export const VIEW_ID = 'shipshape.registryExplorer';

/** A tree view the extension entry created at activation, with a provider that forwards to ours. */
export interface ExplorerViewHost {
  view: vscode.TreeView<unknown>;
  attach(tree: RegistryTreeProvider): void;
}

export function registerRegistryExplorer(context: vscode.ExtensionContext, output?: vscode.OutputChannel, host?: ExplorerViewHost): RegistryTreeProvider {
  const log = output ?? vscode.window.createOutputChannel('Shipshape Registries');
  if (!output) context.subscriptions.push(log);
  const credentials = createExplorerCredentials(context, log);
  setPushCredentialProvider(credentials.chain);
  setScanCredentialProvider(credentials.chain);
  const reported = new Set<string>();
  const tree = new RegistryTreeProvider({
    credentials: credentials.chain,
    output: log,
    settings: () => readRegistrySettings((problem) => { if (!reported.has(problem)) { reported.add(problem); log.appendLine(`[settings] ${problem}`); } }),
    signatureBadge: signatureBadgeFor,
    scanBadge: (reference) => scanBadgeFor(reference),
    dockerHosts: () => (vscode.workspace.isTrusted && vscode.workspace.getConfiguration('shipshape').get<boolean>('registryExplorer.showDockerLogins', true) ? credentials.docker.knownRegistries() : []),
  });
  const documents = new ManifestDocuments();
  const view = (host?.view as vscode.TreeView<ExplorerNode> | undefined) ?? vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  host?.attach(tree);
  const ctx: ActionContext = { tree, documents, credentials: credentials.chain, output: log };
  const describeView = () => {
    view.description = [tree.filter ? `filter: ${tree.filter}` : '', tree.tagSort === 'date' ? 'newest first' : ''].filter(Boolean).join(' · ') || undefined;
    view.message = vscode.workspace.isTrusted ? undefined : 'Registries are not contacted in untrusted workspaces.';
    void vscode.commands.executeCommand('setContext', 'shipshape.registry.filtered', Boolean(tree.filter));
    void vscode.commands.executeCommand('setContext', 'shipshape.registry.sortByDate', tree.tagSort === 'date');
  };
  describeView();

  const command = (id: string, fn: (...args: never[]) => unknown) => registerCommand(`shipshape.registry.${id}`, fn);
  context.subscriptions.push(
    ...(host ? [] : [view]),
    vscode.workspace.registerTextDocumentContentProvider(MANIFEST_SCHEME, documents),
    command('addRegistry', async () => { if (await addRegistry(credentials, log)) tree.refresh(); }),
    command('refresh', (node?: ExplorerNode) => tree.refresh(node)),
    command('retry', (node: MessageNode) => tree.refresh(node.retry)),
    command('loadMore', async (node: LoadMoreNode) => tree.loadMore(node.parent)),
    command('filter', async () => {
      const value = await vscode.window.showInputBox({ title: 'Filter repositories and tags', prompt: 'Part of a name, or a glob (v1.*, *-rc?)', value: tree.filter ?? '' });
      if (value === undefined) return;
      tree.filter = value.trim() || undefined;
      describeView();
      tree.rerender();
    }),
    command('clearFilter', () => { tree.filter = undefined; describeView(); tree.rerender(); }),
    command('sortByDate', async () => {
      tree.tagSort = 'date';
      describeView();
      await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => Promise.all(tree.loadedRepositories().map((r) => tree.loadTagDates(r))));
    }),
    command('sortByName', () => { tree.tagSort = 'name'; describeView(); tree.rerender(); }),
    command('copyReference', (node: TagNode | PlatformNode | ReferrerNode) => copyReference(ctx, node, 'reference')),
    command('copyDigest', (node: TagNode | PlatformNode | ReferrerNode) => copyReference(ctx, node, 'digest')),
    command('copyPullCommand', (node: TagNode | PlatformNode | ReferrerNode) => copyReference(ctx, node, 'pull')),
    command('inspectManifest', (node: TagNode | PlatformNode | ReferrerNode) => inspectManifest(ctx, node)),
    command('deleteManifest', (node: TagNode | PlatformNode) => deleteManifest(ctx, node)),
    command('untag', (node: TagNode) => untag(ctx, node)),
    command('retag', (node: TagNode) => retagOrCopy(ctx, node)),
    command('cleanup', (node: RepositoryNode) => cleanup(ctx, node)),
    command('createPullSecret', (node?: RegistryNode) => (node ? createPullSecret(ctx, node) : pickRegistry(tree).then((n) => n && createPullSecret(ctx, n)))),
    command('removeRegistry', async (node: RegistryNode) => {
      if (node.source === 'docker') {
        void vscode.window.showInformationMessage(`${node.settings.url} comes from your Docker/Podman login. Run "docker logout ${node.settings.url}" to remove it, or set "shipshape.registryExplorer.showDockerLogins" to false.`);
        return;
      }
      const answer = await vscode.window.showWarningMessage(`Remove registry ${node.settings.name ?? node.settings.url} from Shipshape?`, { modal: true, detail: 'Its entry in shipshape.registries and any credentials Shipshape stored for it are removed. Docker logins are not touched.' }, 'Remove');
      if (answer !== 'Remove') return;
      await removeRegistrySetting(node.settings.url);
      await credentials.secrets.delete(hostOf(node.settings.url));
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('shipshape.registries') || e.affectsConfiguration('shipshape.registryExplorer')) tree.refresh(); }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { describeView(); tree.refresh(); }),
    onDidChangeSignatures(() => { tree.clearBadges(); tree.rerender(); }),
    onDidChangeScans(() => tree.rerender()),
    context.secrets.onDidChange((e) => { if (e.key.startsWith(SECRET_KEY_PREFIX)) tree.refresh(); }),
  );
  return tree;
}

async function pickRegistry(tree: RegistryTreeProvider): Promise<RegistryNode | undefined> {
  const registries = tree.registries();
  if (registries.length === 0) { void vscode.window.showInformationMessage('Shipshape: add a registry first ("Shipshape: Add Registry").'); return undefined; }
  const pick = await vscode.window.showQuickPick(registries.map((r) => ({ label: r.settings.name ?? r.settings.url, description: r.provider.client.host, node: r })), { title: 'Registry for the image pull Secret' });
  return pick?.node;
}
