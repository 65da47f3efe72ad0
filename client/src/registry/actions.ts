// Context-menu actions on registry explorer nodes: copy, inspect, delete (listing every tag that
// goes with the manifest), untag, retag/copy, cleanup with a dry run, image pull Secrets.
import * as vscode from 'vscode';
import { planCleanup } from '../../../server/src/registry/cleanup';
import { RegistryError } from '../../../server/src/registry/errors';
import { isIndexMediaType } from '../../../server/src/registry/mediaTypes';
import { formatAge, shortDigest } from '../../../server/src/registry/format';
import { kubectlCreateSecretCommand, pullSecretManifest, validSecretName } from '../../../server/src/registry/pullSecret';
import { parseImageReference } from '../../../server/src/image/reference';
import { copyImage } from '../../../server/src/oci/copy';
import type { ListedTag } from '../../../server/src/registry/providers';
import type { CredentialProvider } from '../../../server/src/credentials/types';
import { registryClient } from '../push/access';
import type { ManifestDocuments } from './manifestDocument';
import { imageOf, type PlatformNode, type ReferrerNode, type RegistryNode, type RepositoryNode, type TagNode } from './nodes';
import type { RegistryTreeProvider } from './tree';

export interface ActionContext {
  tree: RegistryTreeProvider;
  documents: ManifestDocuments;
  credentials: CredentialProvider;
  output: vscode.OutputChannel;
}

/** `host/repository` as people write it in image references. */
export function imageName(registry: RegistryNode, repository: string): string {
  return `${registry.provider.client.host}/${repository}`;
}

function showError(output: vscode.OutputChannel, error: unknown): void {
  const message = error instanceof RegistryError ? error.message : (error as Error).message;
  output.appendLine(`[registry] ${message}`);
  void vscode.window.showErrorMessage(`Shipshape: ${message}`);
}

export async function copyReference(ctx: ActionContext, node: TagNode | PlatformNode | ReferrerNode, what: 'reference' | 'digest' | 'pull'): Promise<void> {
  const image = imageOf(node);
  const name = imageName(image.registry, image.repository);
  let text: string;
  if (what === 'digest') {
    const digest = image.digest ?? (node.kind === 'tag' ? (await ctx.tree.tagDetails(node).catch((e: unknown) => { showError(ctx.output, e); return undefined; }))?.digest : undefined);
    if (!digest) return;
    text = digest ?? '';
  } else {
    const ref = image.tag ? `${name}:${image.tag}` : `${name}@${image.digest}`;
    text = what === 'pull' ? `docker pull ${ref}` : ref;
  }
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
}

export async function inspectManifest(ctx: ActionContext, node: TagNode | PlatformNode | ReferrerNode): Promise<void> {
  const image = imageOf(node);
  const uri = ctx.documents.uriFor(image.registry.provider.client, image.repository, image.digest ?? image.tag!);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** Every tag of a repository (all pages). */
async function allTags(registry: RegistryNode, repository: string): Promise<ListedTag[]> {
  const tags: ListedTag[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await registry.provider.listTags(repository, { pageSize: 100, ...(cursor ? { cursor } : {}) });
    tags.push(...page.items);
    if (!page.next || page.next === cursor || page.items.length === 0) break;
    cursor = page.next;
  }
  return tags;
}

/** Tags pointing at `digest` (known digests from the listing, HEAD for the rest, 8 at a time). */
async function tagsOnDigest(registry: RegistryNode, repository: string, digest: string, tags: ListedTag[]): Promise<string[]> {
  const client = registry.provider.client;
  const result: string[] = [];
  const unknown = tags.filter((t) => { if (t.digest) { if (t.digest === digest) result.push(t.name); return false; } return true; });
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(8, unknown.length) }, async () => {
    while (next < unknown.length) {
      const tag = unknown[next++]!;
      const head = await client.headManifest(repository, tag.name).catch(() => undefined);
      if (head?.digest === digest) result.push(tag.name);
    }
  }));
  return result.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

export async function deleteManifest(ctx: ActionContext, node: TagNode | PlatformNode): Promise<void> {
  const image = imageOf(node);
  const { registry, repository } = image;
  try {
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Shipshape: finding the tags on this manifest…', cancellable: false }, async () => {
      const head = await registry.provider.client.headManifest(repository, image.digest ?? image.tag!);
      const digest = image.digest ?? head?.digest;
      if (!digest) throw new Error(`${repository}:${image.tag} no longer exists`);
      return { digest, isIndex: isIndexMediaType(head?.mediaType), tags: await tagsOnDigest(registry, repository, digest, await allTags(registry, repository)) };
    });
    const list = plan.tags.length ? plan.tags.join(', ') : '(no tags)';
    const detail = `${imageName(registry, repository)}@${plan.digest}\n\nThese ${plan.tags.length} tag(s) will be deleted with it: ${list}` +
      (node.kind === 'platform' ? '\n\nThis is one platform of a multi-platform index: the index will point at a missing manifest.' : '') +
      (plan.isIndex ? '\n\nThis is a multi-platform index: its platform manifests stay in the registry, untagged, until garbage collection.' : '') +
      '\n\nThis cannot be undone.';
    const answer = await vscode.window.showWarningMessage(`Delete manifest ${shortDigest(plan.digest)} and ${plan.tags.length} tag(s)?`, { modal: true, detail }, 'Delete');
    if (answer !== 'Delete') return;
    await registry.provider.deleteManifest(repository, plan.digest);
    void vscode.window.showInformationMessage(`Deleted ${imageName(registry, repository)}@${shortDigest(plan.digest)} (${list}).`);
    ctx.tree.refresh(node.kind === 'tag' ? node.repository : node.tag.repository);
  } catch (error) {
    showError(ctx.output, error);
  }
}

export async function untag(ctx: ActionContext, node: TagNode): Promise<void> {
  const { registry } = node;
  if (!registry.provider.untag) return;
  const answer = await vscode.window.showWarningMessage(`Remove tag ${node.tag.name} from ${node.repository.name}?`, { modal: true, detail: 'The manifest and its other tags stay.' }, 'Remove Tag');
  if (answer !== 'Remove Tag') return;
  try {
    const digest = node.tag.digest ?? (await ctx.tree.tagDetails(node)).digest;
    await registry.provider.untag(node.repository.name, node.tag.name, digest);
    ctx.tree.refresh(node.repository);
  } catch (error) {
    showError(ctx.output, error);
  }
}

export async function retagOrCopy(ctx: ActionContext, node: TagNode): Promise<void> {
  const source = `${imageName(node.registry, node.repository.name)}:${node.tag.name}`;
  const target = await vscode.window.showInputBox({
    title: `Retag / copy ${source}`, prompt: 'Target image reference (same registry: blobs are mounted, nothing is downloaded)',
    value: `${imageName(node.registry, node.repository.name)}:`, valueSelection: [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    validateInput: (value) => { const r = parseImageReference(value.trim()); return r.ok ? (r.reference.tag || r.reference.digest ? undefined : 'add a :tag') : r.error; },
  });
  if (!target) return;
  const parsed = parseImageReference(target.trim());
  if (!parsed.ok) return;
  const ref = parsed.reference;
  const sourceClient = node.registry.provider.client;
  const targetHost = ref.registry;
  const targetClient = targetHost === sourceClient.host ? sourceClient : registryClient(targetHost, ctx.output);
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Shipshape: copying to ${target}`, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return copyImage({ client: sourceClient, repository: node.repository.name, reference: node.tag.digest ?? node.tag.name },
        { client: targetClient, repository: ref.repository, reference: ref.tag ?? ref.digest! }, { signal: controller.signal });
    });
    void vscode.window.showInformationMessage(`Copied ${source} → ${target} (${shortDigest(result.digest)}; ${result.blobs.mounted} blob(s) mounted, ${result.blobs.uploaded} uploaded).`);
    ctx.tree.refresh();
  } catch (error) {
    showError(ctx.output, error);
  }
}

export async function cleanup(ctx: ActionContext, node: RepositoryNode): Promise<void> {
  const days = await vscode.window.showInputBox({ title: `Clean up ${node.name} (1/2)`, prompt: 'Delete tags older than how many days? (empty: any age)', validateInput: (v) => (v.trim() === '' || /^\d+$/.test(v.trim()) ? undefined : 'a whole number of days') });
  if (days === undefined) return;
  const pattern = await vscode.window.showInputBox({ title: `Clean up ${node.name} (2/2)`, prompt: 'Only tags matching this glob (pr-*, v1.*) or /regex/ (empty: any name). "latest" is always kept.' });
  if (pattern === undefined) return;
  if (!days.trim() && !pattern.trim()) { void vscode.window.showWarningMessage('Shipshape: a cleanup needs an age, a pattern or both.'); return; }
  try {
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Shipshape: reading tags of ${node.name} (dry run)…` }, async () => {
      const tags = await allTags(node.registry, node.name);
      if (days.trim()) {
        // Dates only where the listing lacks them, 4 requests at a time, cached.
        await Promise.all(tags.filter((t) => !t.date).map(async (t) => {
          const details = await ctx.tree.details.get(node.registry.provider.client, node.name, t.digest ?? t.name).catch(() => undefined);
          if (details?.created) t.date = details.created;
          if (details?.digest) t.digest ??= details.digest;
        }));
      }
      return planCleanup(tags.map((t) => ({ name: t.name, ...(t.date ? { date: t.date } : {}), ...(t.digest ? { digest: t.digest } : {}) })), {
        ...(days.trim() ? { olderThanDays: Number(days) } : {}), ...(pattern.trim() ? { pattern: pattern.trim() } : {}),
      });
    });
    if (plan.remove.length === 0) {
      void vscode.window.showInformationMessage(`Shipshape: nothing to clean up in ${node.name}${plan.undated.length ? ` (${plan.undated.length} tag(s) have no known date)` : ''}.`);
      return;
    }
    const picks = await vscode.window.showQuickPick(plan.remove.map((t) => ({ label: t.name, description: [shortDigest(t.digest), formatAge(t.date)].filter(Boolean).join(' · '), picked: true, tag: t })), {
      title: `Dry run: ${plan.remove.length} tag(s) of ${node.name} would be deleted — untick to keep`, canPickMany: true,
    });
    if (!picks?.length) return;
    const untagOnly = Boolean(node.registry.provider.untag);
    const answer = await vscode.window.showWarningMessage(`Delete ${picks.length} tag(s) from ${node.name}?`, { modal: true,
      detail: (untagOnly ? 'Tags are removed; manifests stay until garbage collection.' : 'Manifests are deleted by digest: other tags on the same digest go with them.') + `\n\n${picks.map((p) => p.label).join(', ')}` }, 'Delete');
    if (answer !== 'Delete') return;
    const failures: string[] = [];
    const done = new Set<string>();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Shipshape: deleting ${picks.length} tag(s)…` }, async (progress) => {
      for (const pick of picks) {
        progress.report({ message: pick.label, increment: 100 / picks.length });
        try {
          const digest = pick.tag.digest ?? (await node.registry.provider.client.headManifest(node.name, pick.label))?.digest;
          if (!digest || done.has(digest)) continue;
          if (node.registry.provider.untag) await node.registry.provider.untag(node.name, pick.label, digest);
          else { await node.registry.provider.deleteManifest(node.name, digest); done.add(digest); }
        } catch (error) {
          failures.push(`${pick.label}: ${(error as Error).message}`);
        }
      }
    });
    ctx.tree.refresh(node);
    if (failures.length) { ctx.output.appendLine(failures.join('\n')); void vscode.window.showErrorMessage(`Shipshape: ${failures.length} tag(s) could not be deleted — see the Shipshape output.`); }
    else void vscode.window.showInformationMessage(`Shipshape: deleted ${picks.length} tag(s) from ${node.name}.`);
  } catch (error) {
    showError(ctx.output, error);
  }
}

export async function createPullSecret(ctx: ActionContext, node: RegistryNode): Promise<void> {
  const host = node.provider.client.host;
  const stored = await ctx.credentials.get(host).catch(() => undefined);
  let username = stored?.username;
  let password = stored?.secret;
  if (!username || !password) {
    username = await vscode.window.showInputBox({ title: `Pull Secret for ${host}`, prompt: 'Registry user name (or robot account)' });
    if (!username) return;
    password = await vscode.window.showInputBox({ title: `Pull Secret for ${host}`, prompt: 'Password or access token (read-only token recommended)', password: true });
    if (!password) return;
  }
  const name = await vscode.window.showInputBox({ title: 'Secret name', value: `${host.replace(/[^a-z0-9]+/gi, '-').toLowerCase().replace(/^-|-$/g, '')}-pull`, validateInput: validSecretName });
  if (!name) return;
  const namespace = await vscode.window.showInputBox({ title: 'Namespace (empty: none)', validateInput: (v) => (!v || !validSecretName(v) ? undefined : 'not a valid namespace name') });
  if (namespace === undefined) return;
  const choice = await vscode.window.showQuickPick([
    { label: 'Write a Secret manifest into the workspace', value: 'file' as const, detail: 'kubernetes.io/dockerconfigjson — the file holds the credential' },
    { label: 'Copy the kubectl create secret docker-registry command', value: 'command' as const, detail: 'the password is read from $REGISTRY_PASSWORD' },
  ], { title: `Image pull Secret "${name}" for ${host}` });
  if (!choice) return;
  const input = { name, ...(namespace ? { namespace } : {}), registry: host, username };
  if (choice.value === 'command') {
    await vscode.env.clipboard.writeText(kubectlCreateSecretCommand(input));
    void vscode.window.showInformationMessage('Shipshape: kubectl command copied. Set REGISTRY_PASSWORD in your shell before running it.');
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const target = await vscode.window.showSaveDialog({ ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, `${name}.secret.yaml`) } : {}), filters: { YAML: ['yaml', 'yml'] }, title: 'Save image pull Secret' });
  if (!target) return;
  const ok = await vscode.window.showWarningMessage(`${target.fsPath.split(/[\\/]/).pop()} will hold a credential for ${host}.`, { modal: true, detail: 'Base64 is not encryption. Do not commit this file; add it to .gitignore or use a sealed/external secret.' }, 'Write File');
  if (ok !== 'Write File') return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(pullSecretManifest({ ...input, password })));
  await vscode.window.showTextDocument(target);
}
