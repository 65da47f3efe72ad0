// Push, copy and signing commands, wired with one call from extension.ts. The registry explorer
// integrates through `setPushCredentialProvider` (./access) and `signatureBadgeFor` /
// `onDidChangeSignatures` (../signing/badge); tree nodes pass themselves as the command argument
// (see ./reference for the accepted shapes).
import * as vscode from 'vscode';
import { registerCommand } from '../commandRegistry';
import { TransferCancelledError } from '../../../server/src/registry/upload';
import { initSignatureBadges } from '../signing/badge';
import { generateKeyCommand, signImageCommand, signingTools, signWithCliCommand, verifySignaturesCommand } from '../signing/commands';
import { copyTo, pushImage, pushLayout } from './commands';

export { setPushCredentialProvider } from './access';
export { onDidChangeSignatures, signatureBadgeFor } from '../signing/badge';

/** `signingToolsChecked`: the extension entry already set the signing-CLI context key. */
export function registerPushAndSign(context: vscode.ExtensionContext, output?: vscode.OutputChannel, signingToolsChecked = false): void {
  const channel = output ?? vscode.window.createOutputChannel('Shipshape');
  if (!output) context.subscriptions.push(channel);
  initSignatureBadges(context);
  const ctx = { extension: context, output: channel };
  const run = <A extends unknown[]>(name: string, fn: (...args: A) => Promise<void>) => (...args: A) => fn(...args).catch((error: unknown) => {
    if (error instanceof TransferCancelledError) {
      channel.appendLine(`[${name}] cancelled`);
      void vscode.window.showWarningMessage(`Shipshape: ${name} cancelled.`);
      return;
    }
    channel.appendLine(`[${name}] ${(error as Error).stack ?? String(error)}`);
    void vscode.window.showErrorMessage(`Shipshape: ${(error as Error).message}`, 'Show Output').then((c) => { if (c) channel.show(true); });
  });
  context.subscriptions.push(
    registerCommand('shipshape.push.pushImage', run('push', (arg?: unknown) => pushImage(ctx, arg))),
    registerCommand('shipshape.push.pushLayout', run('push', (arg?: unknown) => pushLayout(ctx, arg))),
    registerCommand('shipshape.push.copyTo', run('copy', (arg?: unknown) => copyTo(ctx, arg))),
    registerCommand('shipshape.signing.signImage', run('sign', (arg?: unknown) => signImageCommand(ctx, arg))),
    registerCommand('shipshape.signing.verify', run('verify', (arg?: unknown) => verifySignaturesCommand(ctx, arg))),
    registerCommand('shipshape.signing.generateKey', run('keys', () => generateKeyCommand(ctx))),
    registerCommand('shipshape.signing.signWithCli', run('sign', (arg?: unknown) => signWithCliCommand(ctx, arg))),
  );
  if (vscode.workspace.isTrusted && !signingToolsChecked) signingTools();
}
