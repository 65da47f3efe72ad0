// The registry tree's signed / unsigned / invalid badge, for the explorer to call:
//
//   import { signatureBadgeFor, onDidChangeSignatures } from '../signing/badge';
//   const badge = await signatureBadgeFor(client, repository, digest);   // never throws
//   item.description += ` · ${badge.label}`; item.tooltip += `\n${badge.detail}`;
//   onDidChangeSignatures(() => treeProvider.refresh());                  // after Sign Image…
//
// It verifies with the public key from `shipshape.signing.publicKey` (or the last one used);
// without one it reports whether signatures exist ("signed (unverified)").
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { RegistryClient } from '../../../server/src/registry/client';
import { loadPublicKey } from '../../../server/src/signing/cosignKey';
import { invalidateSignatureBadges, signatureBadge, type SignatureBadge } from '../../../server/src/signing/badge';
import { defaultPublicKeyPath } from './keys';

let extensionContext: vscode.ExtensionContext | undefined;
const changed = new vscode.EventEmitter<string | undefined>();

export function initSignatureBadges(context: vscode.ExtensionContext): void {
  extensionContext = context;
  context.subscriptions.push(changed);
}

/** Fires with the digest whose signatures changed (undefined: all). */
export const onDidChangeSignatures = changed.event;

export function signaturesChanged(digest?: string): void {
  invalidateSignatureBadges(digest);
  changed.fire(digest);
}

function publicKey(): KeyObject | undefined {
  const path = extensionContext ? defaultPublicKeyPath(extensionContext) : undefined;
  if (!path) return undefined;
  try {
    return loadPublicKey(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function signatureBadgeFor(client: RegistryClient, repository: string, digest: string): Promise<SignatureBadge> {
  return signatureBadge(client, repository, digest, publicKey());
}
