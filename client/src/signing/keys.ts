// Signing keys in the editor: which key files to use (remembered paths, or the
// shipshape.signing.* settings) and their passwords — kept in VS Code SecretStorage when the user
// chooses to, otherwise asked each time. A password never goes to settings, files or logs.
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { decryptCosignKey, SigningKeyError, type DecryptedKey } from '../../../server/src/signing/cosignKey';

const PRIVATE_KEY_STATE = 'shipshape.signing.lastPrivateKey';
const PUBLIC_KEY_STATE = 'shipshape.signing.lastPublicKey';
const secretKey = (keyPath: string): string => `shipshape.signing.password:${keyPath}`;

function configured(name: 'privateKey' | 'publicKey'): string | undefined {
  const value = vscode.workspace.getConfiguration('shipshape.signing').get<string>(name, '').trim();
  if (!value) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return value.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(value) || !folder ? value : vscode.Uri.joinPath(vscode.Uri.file(folder), value).fsPath;
}

async function pickFile(context: vscode.ExtensionContext, stateKey: string, title: string, filters: Record<string, string[]>, preferred?: string): Promise<string | undefined> {
  const last = preferred ?? context.globalState.get<string>(stateKey);
  if (last) {
    const choice = await vscode.window.showQuickPick([{ label: `$(key) ${last}`, path: last }, { label: '$(folder-opened) Choose another file…', path: '' }], { title, ignoreFocusOut: true });
    if (!choice) return undefined;
    if (choice.path) return choice.path;
  }
  const picked = await vscode.window.showOpenDialog({ title, canSelectFiles: true, canSelectMany: false, filters, openLabel: 'Use Key' });
  const path = picked?.[0]?.fsPath;
  if (path) await context.globalState.update(stateKey, path);
  return path;
}

export function pickPrivateKey(context: vscode.ExtensionContext): Promise<string | undefined> {
  return pickFile(context, PRIVATE_KEY_STATE, 'Signing key (cosign.key)', { 'cosign private key': ['key'], 'All files': ['*'] }, configured('privateKey'));
}

export function pickPublicKey(context: vscode.ExtensionContext): Promise<string | undefined> {
  return pickFile(context, PUBLIC_KEY_STATE, 'Public key to verify with (cosign.pub)', { 'public key': ['pub', 'pem'], 'All files': ['*'] }, configured('publicKey'));
}

/** The public key for badges: setting, else the last one used. No prompt. */
export function defaultPublicKeyPath(context: vscode.ExtensionContext): string | undefined {
  return configured('publicKey') ?? context.globalState.get<string>(PUBLIC_KEY_STATE);
}

export async function rememberKeyPair(context: vscode.ExtensionContext, privatePath: string, publicPath: string): Promise<void> {
  await context.globalState.update(PRIVATE_KEY_STATE, privatePath);
  await context.globalState.update(PUBLIC_KEY_STATE, publicPath);
}

export async function storePassword(context: vscode.ExtensionContext, keyPath: string, password: string): Promise<void> {
  await context.secrets.store(secretKey(keyPath), password);
}

export async function askPassword(title: string, confirm = false): Promise<string | undefined> {
  const password = await vscode.window.showInputBox({ title, prompt: 'Key password', password: true, ignoreFocusOut: true });
  if (password === undefined || !confirm) return password;
  const again = await vscode.window.showInputBox({ title, prompt: 'Repeat the password', password: true, ignoreFocusOut: true, validateInput: (v) => (v === password ? undefined : 'The passwords differ') });
  return again === undefined ? undefined : password;
}

/**
 * Decrypts the key at `keyPath`: the stored password first (dropped when it no longer works),
 * then asking, with the offer to remember it.
 */
export async function unlockKey(context: vscode.ExtensionContext, keyPath: string): Promise<DecryptedKey | undefined> {
  const pem = await readFile(keyPath, 'utf8');
  const stored = await context.secrets.get(secretKey(keyPath));
  if (stored !== undefined) {
    try {
      return await decryptCosignKey(pem, stored);
    } catch (error) {
      if (!(error instanceof SigningKeyError) || !/wrong password/.test(error.message)) throw error;
      await context.secrets.delete(secretKey(keyPath));
    }
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const password = await askPassword(attempt === 0 ? `Password for ${keyPath}` : 'Wrong password — try again');
    if (password === undefined) return undefined;
    try {
      const key = await decryptCosignKey(pem, password);
      const remember = await vscode.window.showQuickPick(['Ask each time', 'Remember in VS Code Secret Storage'], { title: 'Key password', placeHolder: 'Remember the password for this key?' });
      if (remember === 'Remember in VS Code Secret Storage') await storePassword(context, keyPath, password);
      return key;
    } catch (error) {
      if (!(error instanceof SigningKeyError) || !/wrong password/.test(error.message)) throw error;
    }
  }
  void vscode.window.showErrorMessage('Shipshape: the key could not be decrypted: wrong password.');
  return undefined;
}
