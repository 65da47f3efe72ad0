// Completions where the user types something Shipshape owns: rule ids in suppression comments
// (`# hadolint ignore=`, `# check=skip=`, `# shipshape-ignore`, the `shipshape.dev/ignore`
// annotation), `imagePullPolicy` values, and pull-secret names from the workspace's Secrets.
// Purely textual on the current line: it works in broken files too.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl, type RuleMeta } from '../core/rule';
import { dockerfileRules } from '../dockerfile/rules';
import { kubernetesRules } from '../kubernetes/rules';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

const PULL_POLICIES: [string, string][] = [
  ['Always', 'Resolve the tag at the registry on every start (cached layers are reused).'],
  ['IfNotPresent', 'Pull only when the node has no image of this name; a mutable tag can then run stale code.'],
  ['Never', 'Never pull: the image must already be on the node.'],
];

// Each pattern matches the line up to the cursor; group 1 is the id list typed so far.
const HADOLINT_PRAGMA = /^\s*#\s*hadolint\s+(?:global\s+|stage\s+)?ignore\s*=\s*([\w,\s-]*)$/i;
const CHECK_SKIP = /^\s*#\s*check\s*=\s*(?:[^;]*;)*\s*skip\s*=\s*([\w,\s]*)$/i;
const SHIPSHAPE_IGNORE = /^\s*#\s*shipshape-ignore\s+([\w,\s-]*)$/;
const IGNORE_ANNOTATION = /^\s*shipshape\.dev\/ignore\s*:\s*["']?([\w,\s-]*)$/;
const PULL_POLICY = /^\s*(?:-\s+)?imagePullPolicy\s*:\s*["']?(\w*)$/;
const PULL_SECRET_NAME = /^\s*-?\s*name\s*:\s*["']?([\w.-]*)$/;

export function completions(params: CompletionParams, documents: TextDocuments<TextDocument>, index: WorkspaceIndex): CompletionItem[] {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const { line, character } = params.position;
  const before = document.getText({ start: { line, character: 0 }, end: { line, character } });
  if (document.languageId === 'dockerfile') return dockerfileCompletions(before);
  if (document.languageId === 'yaml') return yamlCompletions(before, document, line, index);
  return [];
}

function dockerfileCompletions(before: string): CompletionItem[] {
  const pragma = HADOLINT_PRAGMA.exec(before);
  if (pragma) return ruleItems(dockerfileRules.map((r) => r.meta).filter((m) => !isBuildKitName(m.id)), typedIds(pragma[1]!));
  const skip = CHECK_SKIP.exec(before);
  if (skip) {
    const items = ruleItems(dockerfileRules.map((r) => r.meta).filter((m) => isBuildKitName(m.id)), typedIds(skip[1]!));
    return typedIds(skip[1]!).size === 0 ? [{ label: 'all', kind: CompletionItemKind.Keyword, detail: 'skip every BuildKit check' }, ...items] : items;
  }
  return [];
}

function yamlCompletions(before: string, document: TextDocument, line: number, index: WorkspaceIndex): CompletionItem[] {
  const ignore = SHIPSHAPE_IGNORE.exec(before) ?? IGNORE_ANNOTATION.exec(before);
  if (ignore) return ruleItems(kubernetesRules.map((r) => r.meta), typedIds(ignore[1]!));
  if (PULL_POLICY.test(before)) {
    return PULL_POLICIES.map(([label, documentation], i) => ({ label, kind: CompletionItemKind.EnumMember, documentation, sortText: String(i) }));
  }
  if (PULL_SECRET_NAME.test(before) && underImagePullSecrets(document, line)) return pullSecretItems(index);
  return [];
}

/** BuildKit's checks are CamelCase words; hadolint's and Shipshape's are codes like DL3008. */
function isBuildKitName(id: string): boolean {
  return /^[A-Z][a-z]/.test(id);
}

function typedIds(list: string): Set<string> {
  // The last entry is the one being typed: it still gets completed.
  return new Set(list.split(',').slice(0, -1).map((s) => s.trim()).filter(Boolean));
}

function ruleItems(metas: RuleMeta[], already: Set<string>): CompletionItem[] {
  return metas.filter((m) => !already.has(m.id)).map((meta) => ({
    label: meta.id,
    kind: CompletionItemKind.Value,
    detail: meta.title,
    documentation: { kind: MarkupKind.Markdown, value: `${meta.title}\n\nDefault: ${meta.severity === 'ignore' ? 'off' : meta.severity} · [documentation](${docsUrl(meta)})` },
  }));
}

/** Whether `line` is an entry of an `imagePullSecrets:` list (the nearest less-indented key). */
function underImagePullSecrets(document: TextDocument, line: number): boolean {
  const current = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = current.search(/\S/);
  for (let l = line - 1; l >= 0 && l >= line - 50; l--) {
    const text = document.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/\r?\n$/, '');
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const lineIndent = text.search(/\S/);
    if (lineIndent < indent || (lineIndent === indent && !text.trimStart().startsWith('-'))) return /^\s*imagePullSecrets\s*:\s*$/.test(text);
  }
  return false;
}

function pullSecretItems(index: WorkspaceIndex): CompletionItem[] {
  const seen = new Map<string, CompletionItem>();
  for (const secret of index.secrets()) {
    const usable = secret.type === 'kubernetes.io/dockerconfigjson' || secret.type === 'kubernetes.io/dockercfg';
    if (seen.has(secret.name) || (!usable && secret.kind === 'Secret')) continue;
    const namespace = secret.namespace ? ` in ${secret.namespace}` : '';
    const registries = secret.content.state === 'decoded' ? secret.content.registries.join(', ') : '';
    seen.set(secret.name, {
      label: secret.name,
      kind: CompletionItemKind.Reference,
      detail: `${secret.kind}${namespace}${registries ? ` — ${registries}` : ''}`,
    });
  }
  return [...seen.values()];
}
