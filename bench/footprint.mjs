// Footprint: language-server memory with every corpus file open, and the size of the shipped
// bundles. The production bundles are built here into a temp dir with the same settings as
// `node esbuild.mjs --production` (minified, no source maps), so the checkout's dist/ (a dev
// build other people are using) is left alone.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { corpusFiles } from './lib/parseFloor.mjs';
import { cpuMs, LspSession, memoryMiB } from './lib/lspSession.mjs';
import { ROOT } from './lib/servers.mjs';

const LANGUAGE = { dockerfile: 'dockerfile', yaml: 'yaml' };

/** Opens every corpus file in one server (workspace = the corpus), waits for all diagnostics. */
export async function measureAllOpenRun(server, root) {
  const files = corpusFiles(root);
  const session = new LspSession({ command: server.command, args: server.args, cwd: root, settings: server.settings });
  try {
    await session.initialize(root, server.initializationOptions);
    const started = performance.now();
    const pending = [];
    for (const file of files) {
      const uri = pathToFileURL(file.path).href;
      pending.push(session.nextDiagnostics(uri, () => true, 600000));
      await session.open(uri, LANGUAGE[file.kind], readFileSync(file.path, 'utf8'));
    }
    await Promise.all(pending);
    const allPublishedMs = performance.now() - started;
    // The steady state is what stays resident while the user works: after the server's
    // background work (the workspace crawl goes on after the last publish: 5–10 s of CPU on a
    // slow machine) and after the collector settled (V8 gives memory back after idle GCs).
    // Measured 10 s after the server was seen quiet (2 s without work); a fixed 10 s after the
    // last publish measured mid-crawl on a loaded machine.
    const quietAfterMs = await untilQuiet(session.pid) - started - allPublishedMs;
    await new Promise((r) => setTimeout(r, 10000));
    const memory = memoryMiB(session.pid);
    return { files: files.length, allPublishedMs, quietAfterMs, rssMiB: memory.rss, peakRssMiB: memory.peakRss };
  } finally {
    await session.shutdown();
  }
}

/** Resolves (with the time) once the process used under 5% of a CPU for 2 s running; gives up after 60 s. */
async function untilQuiet(pid) {
  const deadline = performance.now() + 60000;
  let quietSince = performance.now();
  let cpu = cpuMs(pid);
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs(pid);
    if (now - cpu > 25) quietSince = performance.now();
    cpu = now;
    if (performance.now() - quietSince >= 2000) return quietSince;
  }
  return performance.now();
}

function sizeOf(dir, filter) {
  let total = 0;
  const files = {};
  const walk = (d) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      const stats = statSync(path);
      if (stats.isDirectory()) walk(path);
      else if (filter(path)) { total += stats.size; files[path.slice(dir.length + 1)] = stats.size; }
    }
  };
  walk(dir);
  return { total, files };
}

/** Builds production bundles into `outDir` (same entries as esbuild.mjs); returns their sizes. */
export async function productionBundles(outDir) {
  const esbuild = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  rmSync(outDir, { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, minify: true, logLevel: 'silent',
    mainFields: ['module', 'main'], define: { SHIPSHAPE_VERSION: JSON.stringify(pkg.version) }, absWorkingDir: ROOT };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: join(outDir, 'extension.js'), external: ['vscode'] }),
    // Loaded by extension.js after activation / on first use (see esbuild.mjs).
    esbuild.build({ ...common, entryPoints: ['client/src/languageClient.ts'], outfile: join(outDir, 'languageClient.js'), external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: ['client/src/features.ts'], outfile: join(outDir, 'features.js'), external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: join(outDir, 'server.js') }),
    esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: join(outDir, 'cli.js') }),
  ]);
  return sizeOf(outDir, () => true);
}

/** The checkout's dist/ as it is (a dev build: source maps, test bundle). */
export function devDistSize() {
  const all = sizeOf(join(ROOT, 'dist'), () => true);
  const js = sizeOf(join(ROOT, 'dist'), (p) => p.endsWith('.js') && !p.includes('/test/'));
  return { allBytes: all.total, shippedJsBytes: js.total };
}
