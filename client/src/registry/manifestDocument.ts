// Read-only JSON documents for "Inspect Manifest": a TextDocumentContentProvider (documents of a
// content provider cannot be edited or saved over the registry).
import * as vscode from 'vscode';
import type { RegistryClient } from '../../../server/src/registry/client';

export const MANIFEST_SCHEME = 'shipshape-manifest';

interface Source { client: RegistryClient; repository: string; reference: string }

export class ManifestDocuments implements vscode.TextDocumentContentProvider {
  private readonly sources = new Map<string, Source>();

  uriFor(client: RegistryClient, repository: string, reference: string): vscode.Uri {
    const safeRef = reference.replace(/:/g, '-');
    const uri = vscode.Uri.from({ scheme: MANIFEST_SCHEME, path: `/${client.host}/${repository}/${safeRef}.json` });
    this.sources.set(uri.toString(), { client, repository, reference });
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = this.sources.get(uri.toString());
    if (!source) return '// This manifest view is gone: inspect the tag again from the registry explorer.';
    try {
      const manifest = await source.client.getManifest(source.repository, source.reference);
      return `${JSON.stringify(manifest.json, null, 2)}\n`;
    } catch (error) {
      return `// ${(error as Error).message}\n`;
    }
  }
}
