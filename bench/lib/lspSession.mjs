// One language server under measurement: spawned over stdio, spoken to with JSON-RPC like an
// editor would, with its CPU time and peak RSS read from /proc/<pid>. Used identically for
// Shipshape and for the peers so the numbers are comparable.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';

const CLOCK_TICKS = 100; // USER_HZ on Linux; /proc/<pid>/stat counts CPU time in these.

/** utime + stime of a process in milliseconds (10 ms resolution). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Peak resident set size (VmHWM) and current RSS of a process, in MiB. */
export function memoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { peakRss: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

export class LspSession {
  /**
   * @param {{command: string, args: string[], cwd?: string, settings?: Record<string, unknown>}} spec
   * `settings` answers `workspace/configuration` by section (e.g. `{ yaml: {...} }`).
   */
  constructor(spec) {
    this.settings = spec.settings ?? {};
    this.child = spawn(spec.command, spec.args, { cwd: spec.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => { this.stderr = (this.stderr + chunk).slice(-4000); });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.waiters = [];
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      for (const waiter of [...this.waiters]) {
        if (waiter.match(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve({ at, params });
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params) => params.items.map((item) => this.settings[item.section] ?? null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => this.workspaceFolders ?? null);
    this.connection.onNotification(() => {});
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  get pid() { return this.child.pid; }

  async initialize(rootPath, initializationOptions = {}) {
    const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
    this.workspaceFolders = rootPath ? [{ uri: rootUri, name: 'bench' }] : null;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      rootPath: rootPath ?? null,
      workspaceFolders: this.workspaceFolders,
      capabilities: {
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true }, synchronization: { didSave: true } },
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true } },
      },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Resolves with `{at, params}` of the next publishDiagnostics for `uri` satisfying `match`. */
  nextDiagnostics(uri, match = () => true, timeoutMs = 120000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-500)}`));
      }, timeoutMs);
      const waiter = { match: (p) => p.uri === uri && match(p), resolve: (v) => { clearTimeout(timer); resolve(v); } };
      this.waiters.push(waiter);
    });
  }

  open(uri, languageId, text, version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async shutdown() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit');
    } catch { /* already gone */ }
    const code = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r('killed'), 3000))]);
    if (code === 'killed') this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}
