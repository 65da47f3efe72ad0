// Go to definition from an `imagePullSecrets[].name` to the Secret(s) of that name.
import { pathToFileURL } from 'node:url';
import type { DefinitionParams, Location, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ShipshapeConfig } from '../config/config';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { pullSecretAt } from './pullSecretLookup';

export function pullSecretDefinition(params: DefinitionParams, documents: TextDocuments<TextDocument>, index: WorkspaceIndex, config: ShipshapeConfig): Location[] | null {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const found = pullSecretAt(document, params.position, index, config);
  if (!found) return null;
  const { resolution } = found.reference;
  // The resolved Secret first; for a wrong namespace, the Secrets that do exist elsewhere.
  const secrets = resolution.secret ? [resolution.secret] : index.secretsNamed(resolution.name).map((s) => s.secret);
  if (secrets.length === 0) return null;
  return secrets.map((s) => ({ uri: pathToFileURL(s.file).href, range: s.range }));
}
