// Hover on an image reference (Dockerfile `FROM`, manifest `image:`): whether the image is
// signed, verified with the configured cosign public key — the same badge the registry tree
// shows. Only for registries the user added or signed in to (no registry is contacted because a
// file names it), only in trusted workspaces, and answered from the badge cache for 5 minutes.
import * as vscode from 'vscode';
import { formatReference, parseImageReference } from '../../../server/src/image/reference';
import { knownRegistryHosts, registryClient } from '../push/access';
import { signatureBadgeFor } from './badge';

const FROM_LINE = /^(\s*FROM\s+(?:--\S+\s+)*)(\S+)/i;
const IMAGE_LINE = /^(\s*(?:-\s+)?image\s*:\s*["']?)([^\s"'#]+)/;
/** A registry that does not answer must not keep the hover waiting. */
const HOVER_TIMEOUT_MS = 4000;

/** The image reference text under `position`, with its range, if the line names one. */
export function imageReferenceAt(document: vscode.TextDocument, position: vscode.Position): { text: string; range: vscode.Range } | undefined {
  const line = document.lineAt(position.line).text;
  const match = (document.languageId === 'dockerfile' ? FROM_LINE : IMAGE_LINE).exec(line);
  if (!match) return undefined;
  const start = match[1]!.length;
  const end = start + match[2]!.length;
  if (position.character < start || position.character > end) return undefined;
  return { text: match[2]!, range: new vscode.Range(position.line, start, position.line, end) };
}

export async function signatureHover(document: vscode.TextDocument, position: vscode.Position, output?: vscode.OutputChannel): Promise<vscode.Hover | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const found = imageReferenceAt(document, position);
  if (!found || found.text.includes('$') || found.text.includes('{{')) return undefined;
  const parsed = parseImageReference(found.text);
  if (!parsed.ok) return undefined;
  const { registry, repository, tag, digest } = parsed.reference;
  if (!knownRegistryHosts(output).includes(registry)) return undefined;
  const work = (async () => {
    const client = registryClient(registry, output);
    const manifestDigest = digest ?? (await client.getManifest(repository, tag ?? 'latest')).digest;
    const badge = await signatureBadgeFor(client, repository, manifestDigest);
    const shown = formatReference({ registry, repository, digest: manifestDigest });
    return new vscode.Hover(new vscode.MarkdownString(`**Signatures** (Shipshape): ${badge.label} — ${badge.detail}\n\n\`${shown}\``), found.range);
  })();
  const answered = work.catch((error: unknown) => {
    output?.appendLine(`[signatures] hover for ${found.text}: ${(error as Error).message}`);
    return undefined;
  });
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), HOVER_TIMEOUT_MS).unref?.());
  return Promise.race([answered, timeout]);
}
