// Finds the `imagePullSecrets[].name` under the cursor and what it resolves to (for hover and
// go-to-definition).
import type { Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ShipshapeConfig } from '../config/config';
import type { Range } from '../core/finding';
import { KubernetesContext, type PullSecretReference } from '../kubernetes/context';
import { parseManifestFile } from '../kubernetes/manifest';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { uriToPath } from './uri';

export interface ReferenceAtPosition { reference: PullSecretReference; range: Range; context: KubernetesContext }

export function pullSecretAt(document: TextDocument, position: Position, index: WorkspaceIndex, config: ShipshapeConfig): ReferenceAtPosition | undefined {
  const path = uriToPath(document.uri);
  const text = document.getText();
  if (!text.includes('imagePullSecrets')) return undefined;
  const file = parseManifestFile(path, text);
  const context = new KubernetesContext(file, config, index);
  for (const reference of context.pullSecretReferences()) {
    const range = context.nodeRange(reference.object.source, reference.entry.nameNode);
    if (contains(range, position)) return { reference, range, context };
  }
  return undefined;
}

function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}
