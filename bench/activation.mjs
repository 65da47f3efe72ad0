// Extension activation time outside VS Code: `require` of the bundled dist/extension.js plus the
// call of its `activate` with a stub `vscode` module (every API a no-op). Measured in a fresh
// process per run, like the extension host's first activation. The stub cannot start the real
// language client, so "activate returned" is the synchronous part plus whatever activate awaits
// before that; code loading is measured separately because it usually dominates. extension.js
// requires the language client bundle (languageClient.js) in the macrotask after activate():
// that load is not activation, but it is reported too (deferredLanguageClientLoadMs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { distDir, ROOT } from './lib/servers.mjs';

const CHILD = `
const Module = require('module');
const { performance } = require('perf_hooks');
// A universal no-op: any property is another stub, calling or constructing returns a stub,
// and it is not thenable (so awaiting it resolves at once).
const stub = () => new Proxy(function () {}, {
  get: (target, key) => key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : key === Symbol.iterator ? function* () {} : stub(),
  apply: () => stub(),
  construct: () => stub(),
});
// esbuild's CommonJS interop copies the module's own enumerable keys: list every export of the
// real API (from @types/vscode) as one.
const names = [...require('fs').readFileSync(require('path').join(process.argv[1], 'node_modules/@types/vscode/index.d.ts'), 'utf8')
  .matchAll(/^\\s*export (?:namespace|class|enum|const|function|let) (\\w+)/gm)].map((m) => m[1]);
const exportsObject = { ...Object.fromEntries(names.map((n) => [n, stub()])), version: '1.100.0' };
const vscode = new Proxy(exportsObject, { get: (target, key) => key in target ? target[key] : key === 'then' ? undefined : stub() });
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};
const context = { subscriptions: [], extensionPath: process.argv[1], extensionUri: stub(), globalState: stub(), workspaceState: stub(),
  secrets: stub(), asAbsolutePath: (p) => require('path').join(process.argv[1], p), storageUri: undefined, globalStorageUri: stub(),
  logUri: stub(), extensionMode: 1, environmentVariableCollection: stub(), extension: stub() };
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const extension = require(require('path').resolve(process.argv[2] || require('path').join(process.argv[1], 'dist/extension.js')));
const t1 = performance.now();
const cpuLoad = process.cpuUsage(cpu0);
let settled = false;
let t2;
try {
  const result = extension.activate(context);
  t2 = performance.now();
  Promise.resolve(result).then(() => 'resolved', (e) => 'rejected: ' + (e && e.message)).then((outcome) => {
    settled = true;
    report(outcome, performance.now());
  });
} catch (error) {
  t2 = performance.now();
  settled = true;
  report('threw: ' + error.message, t2);
}
function report(outcome, t3) {
  // Not part of activation, measured for the record: the language client bundle that extension.js
  // requires in the macrotask after activate() (see esbuild.mjs).
  const sibling = require('path').join(require('path').dirname(require('path').resolve(process.argv[2] || require('path').join(process.argv[1], 'dist/extension.js'))), 'languageClient.js');
  let deferredLoadMs = NaN;
  if (require('fs').existsSync(sibling)) { const t4 = performance.now(); require(sibling); deferredLoadMs = performance.now() - t4; }
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, loadCpuMs: (cpuLoad.user + cpuLoad.system) / 1000, activateCallMs: t2 - t1, activateSettledMs: t3 - t1, deferredLoadMs, outcome }) + '\\n');
  process.exit(0);
}
setTimeout(() => { if (!settled) report('pending after 3 s', NaN); }, 3000);
`;

/** `bundle`: path of the extension.js to load (default: this checkout's dist/extension.js). */
export function measureActivationRun(bundle) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD, ROOT, bundle ?? join(distDir(), 'extension.js')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err = (err + c).slice(-2000); });
    child.on('exit', () => {
      try {
        const r = JSON.parse(out.trim().split('\n').pop());
        resolve({ loadMs: r.loadMs, loadCpuMs: r.loadCpuMs, activateCallMs: r.activateCallMs, activationMs: r.loadMs + r.activateCallMs, activateSettledMs: r.activateSettledMs,
          ...(Number.isFinite(r.deferredLoadMs) ? { deferredLanguageClientLoadMs: r.deferredLoadMs } : {}), outcome: r.outcome });
      } catch { reject(new Error(`activation probe failed: ${out} ${err}`)); }
    });
  });
}

