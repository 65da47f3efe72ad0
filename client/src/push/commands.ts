// Push Image… (through docker/podman), Push OCI Layout/Archive… (native), Copy to…, and the
// "pushed" notification with Copy Digest / Sign / Scan.
import * as vscode from 'vscode';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { copyImage, pushFromSource } from '../../../server/src/oci/copy';
import { openImageSource, type ImageSource, type SourceImage } from '../../../server/src/oci/imageSource';
import { TransferCancelledError, type PushProgress, type PushResult } from '../../../server/src/oci/push';
import { credentialFor, registryClient, requireTrust } from './access';
import { askDestination } from './destination';
import { chooseEngine, listLocalImages, login, looksUnauthorized, pushedDigest, runStreaming, type Engine, type LocalImage } from './engineCli';
import { destinationHint, parseReference, referenceText } from './reference';

export interface PushContext {
  extension: vscode.ExtensionContext;
  output: vscode.OutputChannel;
}

const LAST_IMAGE_KEY = 'shipshape.push.lastLocalImage';

/** "Pushed …" with the follow-up actions the issue asks for. */
export async function showPushed(reference: string, digest: string): Promise<void> {
  const pinned = `${reference.replace(/:[^:/@]+$/, '')}@${digest}`;
  const choice = await vscode.window.showInformationMessage(`Shipshape: pushed ${reference} (${digest.slice(0, 19)}…)`, 'Copy Digest', 'Sign', 'Scan');
  if (choice === 'Copy Digest') await vscode.env.clipboard.writeText(digest);
  else if (choice === 'Sign') await vscode.commands.executeCommand('shipshape.signing.signImage', pinned);
  else if (choice === 'Scan') await vscode.commands.executeCommand('shipshape.scan.scanImage', pinned);
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Runs a native push/copy with a cancellable progress notification fed by per-blob progress. */
function withPushProgress(title: string, ctx: PushContext, work: (onProgress: (p: PushProgress) => void, signal: AbortSignal) => Promise<PushResult>): Thenable<PushResult | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    const onProgress = (p: PushProgress): void => {
      const percent = p.totalBytes > 0 ? (100 * p.doneBytes) / p.totalBytes : (100 * p.blobsDone) / Math.max(1, p.blobsTotal);
      const message = p.manifest
        ? `manifest ${p.manifest.reference.slice(0, 26)}`
        : `${p.blobsDone}/${p.blobsTotal} blobs · ${mib(p.doneBytes)} of ${mib(p.totalBytes)}${p.blob ? ` · ${p.blob.digest.slice(7, 19)} ${p.blob.state}` : ''}`;
      progress.report({ increment: Math.max(0, percent - reported), message });
      reported = Math.max(reported, percent);
      if (p.blob && p.blob.state !== 'pending' && p.blob.state !== 'uploading') ctx.output.appendLine(`[push] ${p.blob.digest} ${p.blob.state} (${mib(p.blob.size)})`);
      if (p.manifest) ctx.output.appendLine(`[push] manifest ${p.manifest.digest} → ${p.manifest.reference}`);
    };
    try {
      return await work(onProgress, controller.signal);
    } catch (error) {
      if (error instanceof TransferCancelledError) {
        ctx.output.appendLine('[push] cancelled — no manifest was written, the tag is unchanged');
        void vscode.window.showWarningMessage('Shipshape: push cancelled. Nothing was tagged; uploaded blobs stay (a later push skips them).');
        return undefined;
      }
      throw error;
    }
  });
}

function summary(result: PushResult): string {
  const b = result.blobs;
  return `${b.uploaded} uploaded (${mib(result.bytesUploaded)}), ${b.exists} already there, ${b.mounted} mounted, ${result.manifests} manifest(s)`;
}

// ------------------------------------------------------------------ native push

async function pickImage(source: ImageSource): Promise<SourceImage | undefined> {
  if (source.images.length === 1) return source.images[0];
  const items = source.images.map((image) => ({
    label: image.names[0] ?? image.descriptor.digest.slice(0, 19),
    description: image.descriptor.platform ? `${image.descriptor.platform.os}/${image.descriptor.platform.architecture}` : /index|list/.test(image.descriptor.mediaType) ? 'multi-platform index' : '',
    detail: image.descriptor.digest,
    image,
  }));
  return (await vscode.window.showQuickPick(items, { title: `Image in ${basename(source.location)}`, ignoreFocusOut: true }))?.image;
}

export async function pushLayout(ctx: PushContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Pushing an image')) return;
  let path = arg instanceof vscode.Uri ? arg.fsPath : undefined;
  const hint = destinationHint(arg);
  if (!path) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Push OCI Layout or Archive', canSelectFiles: true, canSelectFolders: true, canSelectMany: false,
      openLabel: 'Push', filters: { 'Image archives': ['tar', 'gz', 'tgz'], 'All files': ['*'] },
    });
    path = picked?.[0]?.fsPath;
  }
  if (!path) return;
  let source: ImageSource;
  try {
    source = await openImageSource(path);
  } catch (error) {
    void vscode.window.showErrorMessage(`Shipshape: cannot push ${basename(path)}: ${(error as Error).message}. Pick an OCI layout folder (with index.json), an OCI archive or a "docker save" tar.`);
    return;
  }
  try {
    const image = await pickImage(source);
    if (!image) return;
    const suggested = image.names.find((n) => n.includes('/') || n.includes(':'));
    const parsed = suggested ? parseReference(suggested) : undefined;
    const destination = await askDestination(ctx.extension, {
      title: `Push ${basename(path)}`, output: ctx.output, ...(hint ? { registry: hint.registry } : {}),
      ...(parsed && typeof parsed !== 'string' ? { suggestedRepository: parsed.repository.replace(/^library\//, ''), ...(parsed.tag ? { suggestedTag: parsed.tag } : {}) } : {}),
      ...(hint?.repository ? { suggestedRepository: hint.repository } : {}),
    });
    if (!destination) return;
    ctx.output.appendLine(`[push] ${source.kind} ${path} (${image.names[0] ?? image.descriptor.digest}) → ${destination.text}`);
    const client = registryClient(destination.registry, ctx.output);
    const result = await withPushProgress(`Pushing to ${destination.text}`, ctx, (onProgress, signal) =>
      pushFromSource(client, destination.repository, destination.tag, source, image, { onProgress, signal }));
    if (!result) return;
    ctx.output.appendLine(`[push] done: ${destination.text}@${result.digest} — ${summary(result)}`);
    void showPushed(destination.text, result.digest);
  } finally {
    source.close();
  }
}

// ------------------------------------------------------------------ copy

export async function copyTo(ctx: PushContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Copying an image')) return;
  const given = referenceText(arg) ?? (await vscode.window.showInputBox({ title: 'Copy Image', prompt: 'Source image reference (registry/repository:tag or @digest)', ignoreFocusOut: true }));
  if (!given) return;
  const from = parseReference(given);
  if (typeof from === 'string') { void vscode.window.showErrorMessage(`Shipshape: "${given}" is not an image reference: ${from}`); return; }
  const destination = await askDestination(ctx.extension, { title: `Copy ${given} to…`, output: ctx.output, suggestedRepository: from.repository, ...(from.tag ? { suggestedTag: from.tag } : {}) });
  if (!destination) return;
  const source = { client: registryClient(from.registry, ctx.output), repository: from.repository, reference: from.digest ?? from.tag ?? 'latest' };
  const target = { client: registryClient(destination.registry, ctx.output), repository: destination.repository, reference: destination.tag };
  ctx.output.appendLine(`[copy] ${given} → ${destination.text}`);
  const result = await withPushProgress(`Copying to ${destination.text}`, ctx, (onProgress, signal) => copyImage(source, target, { onProgress, signal }));
  if (!result) return;
  ctx.output.appendLine(`[copy] done: ${destination.text}@${result.digest} — ${summary(result)}`);
  void showPushed(destination.text, result.digest);
}

// ------------------------------------------------------------------ engine push

function engineSetting(): string {
  return vscode.workspace.getConfiguration('shipshape').get<string>('containerEngine', 'auto');
}

async function pickLocalImage(ctx: PushContext, engine: Engine, preselected?: string): Promise<LocalImage | undefined> {
  const images = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Listing ${engine} images` }, () => listLocalImages(engine));
  if (preselected) {
    const match = images.find((i) => i.name === preselected || i.id === preselected);
    if (match) return match;
  }
  if (images.length === 0) {
    void vscode.window.showWarningMessage(`Shipshape: ${engine} has no local images. Build one first, or use "Push OCI Layout/Archive…".`);
    return undefined;
  }
  const last = ctx.extension.globalState.get<string>(LAST_IMAGE_KEY);
  const items = images.map((image) => ({ label: image.name, description: [image.id, image.size, image.created].filter(Boolean).join(' · '), image }));
  items.sort((a, b) => Number(b.label === last) - Number(a.label === last));
  const picked = await vscode.window.showQuickPick(items, { title: `Push Image (${engine})`, placeHolder: 'Local image to push', matchOnDescription: true, ignoreFocusOut: true });
  if (picked) await ctx.extension.globalState.update(LAST_IMAGE_KEY, picked.image.name);
  return picked?.image;
}

export async function pushImage(ctx: PushContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Pushing an image')) return;
  const engine = chooseEngine(engineSetting());
  if (!engine) {
    const choice = await vscode.window.showErrorMessage('Shipshape: neither docker nor podman is on PATH. Push an OCI layout or archive without an engine instead?', 'Push OCI Layout/Archive…');
    if (choice) await pushLayout(ctx);
    return;
  }
  let image: LocalImage | undefined;
  try {
    image = await pickLocalImage(ctx, engine, destinationHint(arg) ? undefined : referenceText(arg));
  } catch (error) {
    const choice = await vscode.window.showErrorMessage(`Shipshape: ${(error as Error).message}. Is the ${engine} engine running?`, 'Show Output', 'Push OCI Layout/Archive…');
    if (choice === 'Show Output') ctx.output.show(true);
    else if (choice) await pushLayout(ctx);
    return;
  }
  if (!image) return;
  const source = image.repository ? parseReference(`${image.repository}:${image.tag ?? 'latest'}`) : undefined;
  const hint = destinationHint(arg);
  const destination = await askDestination(ctx.extension, {
    title: `Push ${image.name}`, output: ctx.output, ...(hint ? { registry: hint.registry } : {}),
    ...(source && typeof source !== 'string' ? { suggestedRepository: source.repository.replace(/^library\//, ''), ...(image.tag ? { suggestedTag: image.tag } : {}) } : {}),
    ...(hint?.repository ? { suggestedRepository: hint.repository } : {}),
  });
  if (!destination) return;
  const target = destination.text;
  ctx.output.show(true);
  const digest = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${engine} push ${target}`, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const log = (line: string): void => { ctx.output.appendLine(`[${engine}] ${line}`); if (line.trim()) progress.report({ message: line.trim().slice(0, 80) }); };
    try {
      if (image!.name !== target) {
        ctx.output.appendLine(`$ ${engine} tag ${image!.name} ${target}`);
        const tagged = await runStreaming(engine, ['tag', image!.name, target], { onLine: log, signal: controller.signal });
        if (tagged.code !== 0) throw new Error(`${engine} tag failed (exit ${tagged.code})`);
      }
      ctx.output.appendLine(`$ ${engine} push ${target}`);
      // podman prints no digest line; it writes the digest to --digestfile instead.
      const digestFile = engine === 'podman' ? join(tmpdir(), `shipshape-push-digest-${process.pid}-${Date.now()}`) : undefined;
      const pushArgs = digestFile ? ['push', '--digestfile', digestFile, target] : ['push', target];
      let pushed = await runStreaming(engine, pushArgs, { onLine: log, signal: controller.signal });
      if (pushed.code !== 0 && looksUnauthorized(pushed.output)) {
        // The explorer may know credentials the engine does not (SecretStorage): log in once, retry.
        const credential = await credentialFor(destination.registry, ctx.output);
        if (credential?.username && credential.secret) {
          ctx.output.appendLine(`$ ${engine} login ${destination.registry} --username ${credential.username} --password-stdin`);
          const loggedIn = await login(engine, destination.registry, credential.username, credential.secret, { onLine: log, signal: controller.signal });
          if (loggedIn.code === 0) pushed = await runStreaming(engine, pushArgs, { onLine: log, signal: controller.signal });
        }
      }
      if (pushed.code !== 0) {
        const authHint = looksUnauthorized(pushed.output) ? ` — sign in with "${engine} login ${destination.registry}" or add the registry's credentials in the Shipshape registry explorer` : '';
        throw new Error(`${engine} push failed (exit ${pushed.code})${authHint}`);
      }
      if (digestFile) {
        const written = await readFile(digestFile, 'utf8').catch(() => '');
        await rm(digestFile, { force: true });
        if (/^sha256:[a-f0-9]{64}$/.test(written.trim())) return written.trim();
      }
      return pushedDigest(pushed.output) ?? '';
    } catch (error) {
      if (controller.signal.aborted) {
        void vscode.window.showWarningMessage(`Shipshape: ${engine} push cancelled.`);
        return undefined;
      }
      throw error;
    }
  });
  if (digest) void showPushed(target, digest);
  else if (digest === '') void vscode.window.showInformationMessage(`Shipshape: pushed ${target}.`);
}
