// A minimal LSP client for tests: spawns the real bundled server over stdio and speaks JSON-RPC.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER_JS = join(__dirname, '../../dist/server.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{ code?: string | number; message: string; source?: string; severity?: number;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    codeDescription?: { href: string }; data?: unknown }>;
}

export class LspTestClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly published: PublishedDiagnostics[] = [];
  private readonly waiters: Array<{ match: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }> = [];
  stderr = '';
  /** window/logMessage notifications: what the server logged. */
  readonly logs: Array<{ type: number; message: string }> = [];

  constructor(command = process.execPath, args: string[] = [SERVER_JS, '--stdio']) {
    this.process = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => { this.stderr += chunk; });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    // Servers may ask for configuration or register capabilities; answer like an editor would.
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => { this.logs.push(params); });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  async initialize(rootPath?: string, initializationOptions: unknown = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootPath ? [{ uri: rootUri, name: 'test' }] : null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: {} }, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** Resolves with the next publishDiagnostics for `uri` that satisfies `match`. */
  nextDiagnostics(uri: string, match: (p: PublishedDiagnostics) => boolean = () => true, timeoutMs = 10000): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ match: (p) => p.uri === uri && match(p), resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Closes the server's input without shutdown/exit (an editor that went away); resolves with the exit code. */
  closeInput(): Promise<number | null> {
    return this.exitAfter(async () => { this.process.stdin!.end(); });
  }

  shutdown(): Promise<number | null> {
    return this.exitAfter(async () => {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    });
  }

  /** The exit code once `stop` made the server exit; null (and killed) when it still runs 3 s later. */
  private async exitAfter(stop: () => Promise<void>): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await stop();
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => { this.process.kill(); r(null); }, 3000))]);
    this.connection.dispose();
    return code;
  }
}
