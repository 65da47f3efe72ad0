// The language server: wiring only. Runs over IPC (VS Code) or `--stdio` (any LSP editor).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rememberConfigLookups } from './dockerfile/hadolintConfig';
import { quickFixes } from './lsp/codeActions';
import { completions } from './lsp/completion';
import { DocumentLinter } from './lsp/documentLinter';
import { pullSecretDefinition } from './lsp/definition';
import { pullSecretHover } from './lsp/hover';
import { uriToPath } from './lsp/uri';
import { WorkspaceIndexing } from './lsp/workspaceIndexing';
import { CONFIG_FILE, WorkspaceConfig } from './lsp/workspaceConfig';
import { applyShellcheckSettings, initShellcheck, refreshDockerfile, trustWorkspace } from './lsp/shellcheckOnSave';

const connection = createConnection(ProposedFeatures.all);
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

documents.onDidChangeContent((event) => {
  indexing.documentChanged(event.document);
  linter.schedule(event.document);
});
documents.onDidClose((event) => {
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
// ShellCheck runs on open and save only; results are cached by script text.
const relint = (document: TextDocument) => linter.schedule(document, true);
documents.onDidOpen((event) => void refreshDockerfile(event.document, relint, (m) => connection.console.warn(m)));
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

/**
 * V8 keeps the heap it grew to during a burst of work (opening every file of a workspace, the
 * index crawl, a configuration change re-linting everything) and rarely gives it back on its own:
 * after opening 3,700 files the heap stayed at ~350 MB for ~85 MB of live data. Once the server
 * has been quiet for two seconds after such a burst, full collections (one a second, up to
 * three, while they still shrink the heap) return that memory. Quiet is measured on the
 * event loop, so the collector's own background threads never count as work. Never during
 * typing: a keystroke's lint is far below the burst threshold, and any work restarts the wait.
 */
function collectGarbageWhenIdle(): void {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as (() => void) | undefined;
  } catch {
    return;
  }
  if (typeof gc !== 'function') return;
  const GIVEN_BACK_BYTES = 8 * 1024 * 1024;
  let last = performance.eventLoopUtilization();
  let collectingMs = 0;
  let busyMs = 0;
  let quietTicks = 0;
  let collections = 0;
  setInterval(() => {
    const now = performance.eventLoopUtilization();
    const workMs = now.active - last.active - collectingMs;
    last = now;
    collectingMs = 0;
    if (workMs > 50) {
      busyMs += workMs;
      quietTicks = 0;
      collections = 0;
      return;
    }
    if (busyMs < 1000 || ++quietTicks < 2 || collections >= 3) return;
    const before = getHeapStatistics().total_heap_size;
    const started = performance.now();
    gc!();
    collectingMs = performance.now() - started;
    // Another collection only while they still give memory back.
    collections = before - getHeapStatistics().total_heap_size < GIVEN_BACK_BYTES ? 3 : collections + 1;
    if (collections >= 3) busyMs = 0;
  }, 1000).unref();
}
