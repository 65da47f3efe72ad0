#!/usr/bin/env node
// `npm run bench`: runs every benchmark, Shipshape next to its peers on identical inputs in one
// run, and writes bench/results/latest.json + latest.md (plus a timestamped copy of the JSON).
// Not part of `npm test`. Needs a fresh `npm run build` (it measures dist/).
//
// Options: --runs N (default 5), --edits N (default 50), --only lsp,throughput,registry,footprint
//          --no-peers (Shipshape only, for quick checks while tuning)
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureActivationRun } from './activation.mjs';
import { devDistSize, measureAllOpenRun, productionBundles } from './footprint.mjs';
import { editPositions, generateDockerfile, generateKubernetes, generateKubernetesSecrets } from './lib/generate.mjs';
import { writeKubernetesSchema } from './lib/k8s-schema.mjs';
import { dockerfileLanguageServer, ROOT, shipshape, yamlLanguageServer } from './lib/servers.mjs';
import { summarize, summarizeRuns } from './lib/stats.mjs';
import { measureLspRun } from './lsp.mjs';
import { renderMarkdown } from './report.mjs';
import { CORPUS, measureThroughputRun } from './throughput.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(option('runs', 5)));
const EDITS = Number(option('edits', 50));
const ONLY = new Set((option('only', 'lsp,throughput,registry,footprint')).split(','));
const PEERS = !argv.includes('--no-peers');
const K8S_EDITS = Number(option('k8s-edits', 10));
const THROUGHPUT_RUNS = Number(option('throughput-runs', Math.min(RUNS, 3)));
const WORK = join(process.env.TMPDIR ?? '/tmp', `shipshape-bench-${process.pid}`);
const log = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

if (!existsSync(join(ROOT, 'dist/server.js'))) {
  process.stderr.write('bench: dist/ is missing; run `npm run build` first\n');
  process.exit(2);
}

/** The largest Dockerfile and the largest YAML with workloads in the corpus. */
function largestCorpusFiles() {
  const largest = (dir, accept) => {
    let best;
    const walk = (d) => {
      for (const entry of readdirSafe(d)) {
        const path = join(d, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (accept(entry.name, path)) {
          const size = statSize(path);
          if (!best || size > best.size) best = { path, size };
        }
      }
    };
    walk(dir);
    return best?.path;
  };
  const dockerfile = largest(join(CORPUS, 'dockerfiles'), (name) => /^(?:Docker|Container)file(?:\..+)?$|\.dockerfile$/i.test(name));
  const yaml = largest(join(CORPUS, 'k8s'), (name, path) => /\.ya?ml$/.test(name) && /^kind:\s*(Deployment|StatefulSet|DaemonSet)\s*$/m.test(readFileSync(path, 'utf8')));
  return { dockerfile, yaml };
}

const readdirSafe = (d) => { try { return readdirSync(d, { withFileTypes: true }); } catch { return []; } };
const statSize = (p) => statSync(p).size;

async function repeat(label, runs, once) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    log(`${label}: run ${i + 1}/${runs}`);
    results.push(await once(i));
  }
  return results;
}

async function lspScenarios() {
  mkdirSync(join(WORK, 'docker'), { recursive: true });
  mkdirSync(join(WORK, 'k8s', 'secrets'), { recursive: true });
  const dockerfile = generateDockerfile(2000);
  const kubernetes = generateKubernetes(1000);
  writeFileSync(join(WORK, 'docker', 'Dockerfile'), dockerfile);
  writeFileSync(join(WORK, 'k8s', 'deploy.yaml'), kubernetes);
  writeFileSync(join(WORK, 'k8s', 'secrets', 'regcred.yaml'), generateKubernetesSecrets());
  const schemaUri = writeKubernetesSchema(join(WORK, 'k8s-schema'));
  const real = largestCorpusFiles();
  const scenarios = [
    { id: 'dockerfile-2000', title: 'Dockerfile, 2,000 lines (generated)', languageId: 'dockerfile', path: join(WORK, 'docker', 'Dockerfile'), workspace: join(WORK, 'docker'),
      text: dockerfile, peer: dockerfileLanguageServer(), edits: EDITS, runs: RUNS },
    { id: 'k8s-1000', title: 'Kubernetes, 1,000 objects (generated; Secrets in another file)', languageId: 'yaml', path: join(WORK, 'k8s', 'deploy.yaml'), workspace: join(WORK, 'k8s'),
      // yaml-language-server needs ~4 s of CPU per edit on this file: 10 edits per run (the same
      // positions for both servers) keep 5 runs of both within minutes.
      text: kubernetes, peer: yamlLanguageServer(schemaUri), edits: Math.min(EDITS, PEERS ? K8S_EDITS : EDITS), runs: RUNS },
  ];
  if (real.dockerfile) scenarios.push({ id: 'dockerfile-largest-real', title: `largest corpus Dockerfile (${real.dockerfile.slice(CORPUS.length + 1)})`, languageId: 'dockerfile',
    path: real.dockerfile, workspace: join(real.dockerfile, '..'), text: readFileSync(real.dockerfile, 'utf8'), peer: dockerfileLanguageServer(), edits: EDITS, runs: Math.min(RUNS, 3) });
  if (real.yaml) scenarios.push({ id: 'k8s-largest-real', title: `largest corpus manifest with workloads (${real.yaml.slice(CORPUS.length + 1)})`, languageId: 'yaml',
    path: real.yaml, workspace: join(real.yaml, '..'), text: readFileSync(real.yaml, 'utf8'), peer: yamlLanguageServer(schemaUri),
    // yaml-language-server needs several seconds per edit on a 2 MB file: fewer edits and runs.
    edits: Math.min(EDITS, 10), runs: Math.min(RUNS, 3) });

  const out = {};
  for (const scenario of scenarios) {
    const edits = editPositions(scenario.text, scenario.edits);
    const servers = [shipshape(), ...(PEERS ? [scenario.peer] : [])];
    const results = { title: scenario.title, lines: scenario.text.split('\n').length - 1, bytes: Buffer.byteLength(scenario.text), edits: edits.length, servers: {} };
    // Interleave servers run by run, so background load hits both alike.
    const perServer = Object.fromEntries(servers.map((s) => [s.name, []]));
    for (let i = 0; i < scenario.runs; i++) {
      for (const server of servers) {
        log(`${scenario.id} ${server.name}: run ${i + 1}/${scenario.runs}`);
        try {
          perServer[server.name].push(await measureLspRun({ server, path: scenario.path, languageId: scenario.languageId, text: scenario.text, workspace: scenario.workspace, edits }));
        } catch (error) {
          log(`  failed: ${error.message}`);
          perServer[server.name].push({ error: error.message });
        }
      }
    }
    for (const server of servers) {
      const runs = perServer[server.name].filter((r) => !r.error);
      results.servers[server.name] = runs.length ? { runs: runs.length, ...summarizeRuns(runs) } : { unavailable: perServer[server.name][0]?.error ?? 'no runs' };
    }
    out[scenario.id] = results;
  }
  return out;
}

function runRegistry(runs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/registry.ts'), String(runs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: WORK } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr = (stderr + c).slice(-3000); });
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch {
        const reason = `bench/registry.ts exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`;
        resolve({ catalog: { unavailable: reason }, tags: { unavailable: reason }, push: { unavailable: reason } });
      }
    });
  });
}

function summarizeRegistry(raw) {
  const rows = (value) => Array.isArray(value) ? summarizeRuns(value) : value;
  const push = raw.push?.native ? {
    native: summarizeRuns(raw.push.native), skopeo: summarizeRuns(raw.push.skopeo), imageBytes: raw.push.imageBytes, layers: raw.push.layers,
    ratio: summarize(raw.push.native.map((n, i) => n.ms / raw.push.skopeo[i].ms)),
  } : raw.push;
  return { repositories: raw.repositories, tagsInRepository: raw.tagsInRepository, page: raw.page, catalog: rows(raw.catalog), tags: rows(raw.tags), push };
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  // Measure one fixed build: copy the bundles aside (see distDir in lib/servers.mjs).
  const dist = join(WORK, 'dist');
  mkdirSync(dist, { recursive: true });
  for (const name of ['server.js', 'cli.js', 'extension.js']) copyFileSync(join(ROOT, 'dist', name), join(dist, name));
  process.env.SHIPSHAPE_BENCH_DIST = dist;
  const started = Date.now();
  const results = {
    when: new Date().toISOString(),
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length, loadavg: (await import('node:os')).loadavg() },
    commit: await gitHead(),
    runs: RUNS,
  };
  if (ONLY.has('lsp')) results.lsp = await lspScenarios();
  if (ONLY.has('throughput')) {
    // ShellCheck (an external program, minutes over the corpus) is measured in the first run only.
    const runs = await repeat('throughput', THROUGHPUT_RUNS, (i) => measureThroughputRun(CORPUS, { shellcheck: i === 0 }));
    results.throughput = { corpus: CORPUS, runs: runs.length, ...summarizeRuns(runs) };
  }
  if (ONLY.has('footprint')) {
    const prod = await productionBundles(join(WORK, 'dist-prod'));
    const activationProd = await repeat('activation (production bundle)', RUNS, () => measureActivationRun(join(WORK, 'dist-prod', 'extension.js')));
    const activationDev = await repeat('activation (dist/ dev bundle)', RUNS, () => measureActivationRun());
    const allOpen = await repeat('all corpus files open', Number(option('all-open-runs', 1)), () => measureAllOpenRun(shipshape(), CORPUS));
    results.footprint = {
      productionBundleBytes: prod.total, productionBundles: prod.files, devDist: devDistSize(),
      activationProduction: summarizeRuns(activationProd.map(({ outcome, ...n }) => n)),
      activationDev: summarizeRuns(activationDev.map(({ outcome, ...n }) => n)),
      allCorpusOpen: summarizeRuns(allOpen),
    };
  }
  if (ONLY.has('registry')) {
    log('registry (docker-registry, 2,000 repos + 3,000 tags, 200 MB image; run last, on its own)');
    results.registry = summarizeRegistry(await runRegistry(RUNS));
  }
  results.durationSec = (Date.now() - started) / 1000;
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const markdown = renderMarkdown(results);
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.md'), markdown);
  process.stdout.write(markdown);
}

function gitHead() {
  return new Promise((resolve) => {
    const child = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.on('exit', () => resolve(out.trim()));
    child.on('error', () => resolve('unknown'));
  });
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exit(1);
}).finally(() => {
  // Generated inputs and schema copies live in WORK; keep nothing behind.
  import('node:fs').then(({ rmSync }) => rmSync(WORK, { recursive: true, force: true }));
});
