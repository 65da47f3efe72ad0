// Sign Image…, Verify Signatures, Generate Signing Key and Sign with cosign CLI.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateCosignKeyPair, loadPublicKey } from '../../../server/src/signing/cosignKey';
import { signImage } from '../../../server/src/signing/signImage';
import { signatureStatus, verifyImage, type VerifyResult } from '../../../server/src/signing/verifyImage';
import { registryClient, requireTrust } from '../push/access';
import { runStreaming } from '../push/engineCli';
import { parseReference, referenceText } from '../push/reference';
import type { ImageReference } from '../../../server/src/image/reference';
import { signaturesChanged } from './badge';
import { signingTools } from './tools';

export { signingTools } from './tools';
import { askPassword, pickPrivateKey, pickPublicKey, rememberKeyPair, storePassword, unlockKey } from './keys';

export interface SigningContext {
  extension: vscode.ExtensionContext;
  output: vscode.OutputChannel;
}

async function askReference(arg: unknown, title: string): Promise<ImageReference | undefined> {
  const text = referenceText(arg) ?? (await vscode.window.showInputBox({
    title, prompt: 'Image reference (registry/repository:tag or @sha256:…)', ignoreFocusOut: true,
    validateInput: (v) => { const r = parseReference(v); return !v.trim() || typeof r !== 'string' ? undefined : r; },
  }));
  if (!text?.trim()) return undefined;
  const ref = parseReference(text);
  if (typeof ref === 'string') {
    void vscode.window.showErrorMessage(`Shipshape: "${text}" is not an image reference: ${ref}`);
    return undefined;
  }
  return ref;
}

const selector = (ref: ImageReference): string => ref.digest ?? ref.tag ?? 'latest';

export async function signImageCommand(ctx: SigningContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Signing an image')) return;
  const ref = await askReference(arg, 'Sign Image');
  if (!ref) return;
  const keyPath = await pickPrivateKey(ctx.extension);
  if (!keyPath) return;
  const key = await unlockKey(ctx.extension, keyPath);
  if (!key) return;
  const client = registryClient(ref.registry, ctx.output);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Signing ${ref.original}`, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return signImage(client, ref.repository, selector(ref), key.privateKey, key.publicKey, { signal: controller.signal });
  });
  ctx.output.appendLine(`[sign] ${result.identity}@${result.digest}: ${result.signatures} signature(s) in ${result.signatureTag}${result.referrer ? `; Sigstore bundle referrer ${result.referrer.digest}` : ''}`);
  if (result.referrerError) ctx.output.appendLine(`[sign] the OCI referrer was not stored: ${result.referrerError}`);
  signaturesChanged(result.digest);
  const choice = await vscode.window.showInformationMessage(`Shipshape: signed ${ref.original} (${result.digest.slice(0, 19)}…); ${result.signatures} signature(s) now.`, 'Verify');
  if (choice) await verifySignaturesCommand(ctx, `${result.identity}@${result.digest}`);
}

function describe(result: VerifyResult): string[] {
  const lines = [`[verify] ${result.reference} (${result.digest}): ${signatureStatus(result)}`];
  for (const s of result.signatures) lines.push(`[verify]   ${s.verified ? 'OK  ' : 'FAIL'} ${s.kind} (${s.source}) ${s.digest}${s.identity ? ` for ${s.identity}` : ''}${s.verified ? '' : ` — ${s.reason}`}`);
  for (const o of result.other) lines.push(`[verify]   other referrer ${o.digest} ${o.predicateType ?? o.artifactType ?? ''}`);
  for (const p of result.problems) lines.push(`[verify]   ${p}`);
  return lines;
}

export async function verifySignaturesCommand(ctx: SigningContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Verifying signatures')) return;
  const ref = await askReference(arg, 'Verify Signatures');
  if (!ref) return;
  const keyPath = await pickPublicKey(ctx.extension);
  if (!keyPath) return;
  const publicKey = loadPublicKey(await readFile(keyPath, 'utf8'));
  const client = registryClient(ref.registry, ctx.output);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Verifying ${ref.original}`, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return verifyImage(client, ref.repository, selector(ref), publicKey, { signal: controller.signal });
  });
  for (const line of describe(result)) ctx.output.appendLine(line);
  signaturesChanged(result.digest);
  const status = signatureStatus(result);
  const good = result.signatures.filter((s) => s.verified).length;
  const show = (message: Thenable<string | undefined>): void => { void message.then((c) => { if (c) ctx.output.show(true); }); };
  if (status === 'signed') show(vscode.window.showInformationMessage(`Shipshape: ${ref.original} is signed — ${good} of ${result.signatures.length} signature(s) verified with ${keyPath}.`, 'Show Details'));
  else if (status === 'invalid') show(vscode.window.showErrorMessage(`Shipshape: ${ref.original} has ${result.signatures.length} signature(s) but none verifies with ${keyPath} (${result.signatures[0]?.reason}).`, 'Show Details'));
  else show(vscode.window.showWarningMessage(`Shipshape: ${ref.original} is not signed (no .sig tag and no signature referrer). Sign it with "Shipshape: Sign Image…".`, 'Show Details'));
}

export async function generateKeyCommand(ctx: SigningContext): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Generate Signing Key — where to write cosign.key (cosign.pub goes beside it)',
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'cosign.key') } : {}),
    filters: { 'cosign private key': ['key'] }, saveLabel: 'Generate',
  });
  if (!target) return;
  const keyPath = target.fsPath.endsWith('.key') ? target.fsPath : `${target.fsPath}.key`;
  const pubPath = keyPath.replace(/\.key$/, '.pub');
  if (existsSync(pubPath) || existsSync(keyPath)) {
    const overwrite = await vscode.window.showWarningMessage(`Shipshape: ${existsSync(keyPath) ? keyPath : pubPath} exists. Overwrite the key pair?`, { modal: true }, 'Overwrite');
    if (!overwrite) return;
  }
  const password = await askPassword('Password for the new signing key', true);
  if (password === undefined) return;
  const storage = await vscode.window.showQuickPick([
    { label: 'Ask each time', description: 'the password is not stored anywhere', remember: false },
    { label: 'Remember in VS Code Secret Storage', description: "the OS keychain; never in settings or files", remember: true },
  ], { title: 'Key password', placeHolder: 'Keep the password?', ignoreFocusOut: true });
  if (!storage) return;
  const pair = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Generating an ECDSA P-256 key pair (cosign format)' }, () => generateCosignKeyPair(password));
  await writeFile(keyPath, pair.privateKeyPem, { mode: 0o600 });
  await writeFile(pubPath, pair.publicKeyPem);
  if (storage.remember) await storePassword(ctx.extension, keyPath, password);
  await rememberKeyPair(ctx.extension, keyPath, pubPath);
  ctx.output.appendLine(`[keys] wrote ${keyPath} (encrypted, scrypt + nacl/secretbox) and ${pubPath}`);
  const gitignored = existsSync(join(dirname(keyPath), '.git')) ? ' Do not commit cosign.key.' : '';
  const choice = await vscode.window.showInformationMessage(`Shipshape: wrote ${keyPath} and ${pubPath}.${gitignored}`, 'Open Public Key');
  if (choice) await vscode.window.showTextDocument(vscode.Uri.file(pubPath));
}

/** Which external signing tools are on PATH (refreshes the `shipshape.signingCliAvailable` context key). */

export async function signWithCliCommand(ctx: SigningContext, arg?: unknown): Promise<void> {
  if (!requireTrust('Signing with an external tool')) return;
  const tools = signingTools();
  if (tools.length === 0) {
    void vscode.window.showWarningMessage('Shipshape: neither cosign nor notation is on PATH. Install one for keyless or KMS signing, or use "Shipshape: Sign Image…" with a key file.');
    return;
  }
  const ref = await askReference(arg, 'Sign with CLI');
  if (!ref) return;
  const modes = [
    ...(tools.includes('cosign') ? [
      { label: 'cosign: keyless (OIDC, Fulcio + Rekor)', tool: 'cosign', args: ['sign', '--yes', ref.original] },
      { label: 'cosign: KMS or hardware key…', tool: 'cosign', args: ['sign', '--yes', '--key', '<KMS>', ref.original] },
      { label: 'cosign: key file…', tool: 'cosign', args: ['sign', '--yes', '--key', '<FILE>', ref.original] },
    ] : []),
    ...(tools.includes('notation') ? [{ label: 'notation: default signing key', tool: 'notation', args: ['sign', ref.original] }] : []),
  ];
  const mode = await vscode.window.showQuickPick(modes, { title: `Sign ${ref.original}`, ignoreFocusOut: true });
  if (!mode) return;
  const args = [...mode.args];
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (args.includes('<KMS>')) {
    const uri = await vscode.window.showInputBox({ title: 'KMS key', prompt: 'e.g. awskms:///alias/signing, gcpkms://…, azurekms://…, hashivault://…, pkcs11:…', ignoreFocusOut: true });
    if (!uri) return;
    args[args.indexOf('<KMS>')] = uri;
  }
  if (args.includes('<FILE>')) {
    const keyPath = await pickPrivateKey(ctx.extension);
    if (!keyPath) return;
    args[args.indexOf('<FILE>')] = keyPath;
    const password = await askPassword(`Password for ${keyPath}`);
    if (password === undefined) return;
    env['COSIGN_PASSWORD'] = password; // to the child's environment only
  }
  ctx.output.show(true);
  ctx.output.appendLine(`$ ${mode.tool} ${args.join(' ')}`);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${mode.tool} sign ${ref.original}`, cancellable: true }, (_p, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return runStreaming(mode.tool, args, { env, signal: controller.signal, onLine: (line) => ctx.output.appendLine(`[${mode.tool}] ${line}`) })
      .catch((error: Error) => ({ code: -1, output: error.message }));
  });
  if (result.code === 0) {
    signaturesChanged();
    void vscode.window.showInformationMessage(`Shipshape: ${mode.tool} signed ${ref.original}.`);
  } else {
    void vscode.window.showErrorMessage(`Shipshape: ${mode.tool} sign failed (${result.code === -1 ? result.output : `exit ${result.code}`}); see the output for its messages.`, 'Show Output').then((c) => { if (c) ctx.output.show(true); });
  }
}
