// LSP latency: one run = spawn a server, initialize, didOpen, time to the first
// publishDiagnostics, then single-character incremental edits at different places, each timed
// from didChange to the publishDiagnostics that answers it. Also CPU per edit and peak RSS.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { cpuMs, LspSession, memoryMiB } from './lib/lspSession.mjs';
import { percentile } from './lib/stats.mjs';

/**
 * @param {object} options
 * @param {ReturnType<import('./lib/servers.mjs').shipshape>} options.server
 * @param {string} options.path file on disk (inside `workspace`) the document claims to be
 * @param {string} options.languageId
 * @param {string} options.text
 * @param {string} [options.workspace] root folder handed to the server
 * @param {Array<{line:number, character:number}>} options.edits
 */
export async function measureLspRun({ server, path, languageId, text, workspace, edits, timeoutMs = 180000 }) {
  const session = new LspSession({ command: server.command, args: server.args, cwd: workspace, settings: server.settings });
  const uri = pathToFileURL(path).href;
  try {
    await session.initialize(workspace, server.initializationOptions);
    // A versioned publish must be for the version we wait for; unversioned (the peers) = the next one.
    const forVersion = (v) => (p) => p.version === undefined || p.version === null || p.version === v;
    const openStart = performance.now();
    const first = session.nextDiagnostics(uri, forVersion(1), timeoutMs);
    await session.open(uri, languageId, text, 1);
    const firstAt = (await first).at;
    const firstDiagnostics = (await first).params.diagnostics.length;
    const latencies = [];
    const cpuBefore = cpuMs(session.pid);
    let version = 1;
    let lastCount = firstDiagnostics;
    for (const edit of edits) {
      version += 1;
      const answer = session.nextDiagnostics(uri, forVersion(version), timeoutMs);
      const sent = performance.now();
      await session.change(uri, version, [{ range: { start: edit, end: edit }, rangeLength: 0, text: 'x' }]);
      const { at, params } = await answer;
      latencies.push(at - sent);
      lastCount = params.diagnostics.length;
    }
    const cpuAfter = cpuMs(session.pid);
    const memory = memoryMiB(session.pid);
    return {
      firstDiagnosticsMs: firstAt - openStart,
      editP50Ms: percentile(latencies, 50),
      editP95Ms: percentile(latencies, 95),
      editMaxMs: Math.max(...latencies),
      cpuPerEditMs: (cpuAfter - cpuBefore) / edits.length,
      peakRssMiB: memory.peakRss,
      diagnosticsFirst: firstDiagnostics,
      diagnosticsLast: lastCount,
      edits: edits.length,
    };
  } finally {
    await session.shutdown();
  }
}
