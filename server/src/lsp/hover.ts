// Hover on a pull-secret name: which Secret it resolved to, where, in which namespace, and the
// registries it covers. Never the credentials.
import { relative } from 'node:path';
import { MarkupKind, type Hover, type HoverParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ShipshapeConfig } from '../config/config';
import type { SecretFact } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { pullSecretAt } from './pullSecretLookup';

export function pullSecretHover(params: HoverParams, documents: TextDocuments<TextDocument>, index: WorkspaceIndex, config: ShipshapeConfig, root?: string): Hover | null {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const found = pullSecretAt(document, params.position, index, config);
  if (!found) return null;
  const { resolution } = found.reference;
  const name = '`' + resolution.name + '`';
  const where = (s: SecretFact) => (root ? relative(root, s.file) : s.file) || s.file;
  const lines: string[] = [];
  switch (resolution.state) {
    case 'missing':
      lines.push(`**Pull secret ${name}**: no Secret, SealedSecret, ExternalSecret or secretGenerator of this name in the workspace.`);
      break;
    case 'wrong-namespace':
      lines.push(`**Pull secret ${name}**: only in namespace ${(resolution.elsewhere ?? []).map((n) => '`' + n + '`').join(', ')}, not in this Pod's namespace.`);
      break;
    default: {
      const secret = resolution.secret!;
      const namespace = index.namespaceFor(secret.file, secret.namespace);
      lines.push(`**Pull secret ${name}** → ${secret.kind} \`${secret.name}\``);
      lines.push('', `- File: \`${where(secret)}\` (line ${secret.range.start.line + 1})`);
      lines.push(`- Namespace: ${namespace ? '`' + namespace + '`' : 'unspecified'}`);
      lines.push(`- Type: \`${secret.type ?? 'Opaque'}\``);
      lines.push(`- Registries: ${registriesLine(secret)}`);
      if (resolution.state === 'wrong-type') lines.push('', 'The kubelet ignores it for pulls: the type must be `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`.');
      if (resolution.state === 'undecodable' && secret.content.state === 'undecodable') lines.push('', `Unusable: ${secret.content.problem}.`);
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: found.range };
}

function registriesLine(secret: SecretFact): string {
  switch (secret.content.state) {
    case 'decoded': return secret.content.registries.map((r) => '`' + r + '`').join(', ');
    case 'opaque': return 'not visible (encrypted, generated or templated data)';
    case 'undecodable': return 'none (undecodable)';
    default: return 'none';
  }
}
