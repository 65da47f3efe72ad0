// The language server: wiring only. Runs over IPC (VS Code) or `--stdio` (any LSP editor).
import { join } from 'node:path';
import { createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rememberConfigLookups } from './dockerfile/hadolintConfig';
import { quickFixes } from './lsp/codeActions';
import { collectGarbageWhenIdle } from './lsp/idleCollection';
import { completions } from './lsp/completion';
import { DocumentLinter } from './lsp/documentLinter';
import { pullSecretDefinition } from './lsp/definition';
import { pullSecretHover } from './lsp/hover';
import { createStdioConnection } from './lsp/stdioConnection';
import { uriToPath } from './lsp/uri';
import { WorkspaceIndexing } from './lsp/workspaceIndexing';
import { CONFIG_FILE, WorkspaceConfig } from './lsp/workspaceConfig';
import { applyShellcheckSettings, initShellcheck, QuietStart, refreshDockerfile, trustWorkspace } from './lsp/shellcheckOnSave';

// Over stdio, diagnostics are written with messageEncoder.ts; over IPC (VS Code), Node serializes.
const connection = process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all);
// A `.hadolint.yaml` appearing or going away is seen within a second, not looked for per keystroke.
rememberConfigLookups(1000);
const documents = new TextDocuments(TextDocument);
const linter = new DocumentLinter(connection, documents);
// Every YAML file of the workspace (pull secrets, ServiceAccounts, kustomizations).
const indexing = new WorkspaceIndexing(documents, { relint: (d) => linter.scheduleIfStale(d), log: (m) => connection.console.log(m) });
linter.workspace = indexing.index;
let workspaceFolders: string[] = [];
let configRoot: string | undefined;
// `.shipshape.yaml` of the first workspace folder over the `shipshape.*` settings.
const workspaceConfig = new WorkspaceConfig((config) => { linter.config = { ...config, workspaceRoot: configRoot }; linter.lintAll(); }, (m) => connection.console.warn(m));
let watchYamlDynamically = false;

connection.onInitialize((params) => {
  const trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
  // Untrusted workspaces: open files only, no crawl of the folders.
  workspaceFolders = !trusted ? [] : params.workspaceFolders?.length
    ? params.workspaceFolders.map((f) => uriToPath(f.uri))
    : params.rootUri ? [uriToPath(params.rootUri)] : [];
  configRoot = params.workspaceFolders?.length ? uriToPath(params.workspaceFolders[0]!.uri) : params.rootUri ? uriToPath(params.rootUri) : undefined;
  watchYamlDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  initShellcheck((params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      hoverProvider: true,
      definitionProvider: true,
      // `=`/`,` in pragmas, space after `# shipshape-ignore`/`:`, quotes in annotations.
      completionProvider: { triggerCharacters: ['=', ',', ' ', ':', '"'] },
    },
    serverInfo: { name: 'shipshape-language-server' },
  };
});

// ShellCheck runs on open (once typing pauses) and save only; results are cached by script text.
const relint = (document: TextDocument) => linter.schedule(document, true);
const shellcheckAfterOpen = new QuietStart((uri) => {
  const document = documents.get(uri);
  if (document) void refreshDockerfile(document, relint, (m) => connection.console.warn(m));
});
linter.onPublished = (uri) => shellcheckAfterOpen.published(uri);
documents.onDidChangeContent((event) => {
  shellcheckAfterOpen.edited(event.document.uri);
  indexing.documentChanged(event.document);
  linter.schedule(event.document);
});
documents.onDidClose((event) => {
  shellcheckAfterOpen.closed(event.document.uri);
  linter.close(event.document.uri);
  indexing.documentClosed(event.document);
});
connection.onInitialized(() => {
  if (watchYamlDynamically) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
  }
  void workspaceConfig.loadFile(configRoot);
  void indexing.start(workspaceFolders);
});
connection.onDidChangeWatchedFiles((params) => {
  if (configRoot && params.changes.some((c) => uriToPath(c.uri) === join(configRoot!, CONFIG_FILE))) void workspaceConfig.loadFile(configRoot);
  void indexing.filesChanged(params);
});
connection.onHover((params) => pullSecretHover(params, documents, indexing.index, linter.config, workspaceFolders[0]));
connection.onCompletion((params) => completions(params, documents, indexing.index));
connection.onDefinition((params) => pullSecretDefinition(params, documents, indexing.index, linter.config));
documents.onDidOpen((event) => shellcheckAfterOpen.opened(event.document.uri));
documents.onDidSave((event) => void refreshDockerfile(event.document, relint, (m) => connection.console.warn(m)));
connection.onNotification('shipshape/workspaceTrusted', () => {
  trustWorkspace();
  for (const document of documents.all()) void refreshDockerfile(document, relint, (m) => connection.console.warn(m));
});
connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings as { shipshape?: { enable?: unknown } } | undefined)?.shipshape;
  linter.enabled = settings?.enable !== false;
  workspaceConfig.setSettings(settings);
  applyShellcheckSettings((change.settings as { shipshape?: { shellcheck?: object } } | undefined)?.shipshape?.shellcheck);
  linter.lintAll();
  for (const document of documents.all()) void refreshDockerfile(document, relint, (m) => connection.console.warn(m));
});
connection.onCodeAction((params) => {
  linter.ensureFixes(params.textDocument.uri);
  return quickFixes(params, linter.fixes, documents.get(params.textDocument.uri));
});

documents.listen(connection);
connection.listen();
collectGarbageWhenIdle();
