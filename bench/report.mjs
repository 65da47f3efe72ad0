// Renders bench results as the markdown table `npm run bench` prints and writes to
// bench/results/latest.md: every number is "median (min–max)" over the runs, and each target
// row says the measured ratio and whether it is met.
import { fmt, fmtSummary } from './lib/stats.mjs';

const MiB = 1024 * 1024;

function verdict(ok) {
  return ok === undefined ? '—' : ok ? '**met**' : '**missed**';
}

function lspRows(lsp) {
  const lines = [];
  for (const [id, scenario] of Object.entries(lsp ?? {})) {
    const names = Object.keys(scenario.servers);
    lines.push(`### ${scenario.title}`, '', `${scenario.lines} lines, ${fmt(scenario.bytes / 1024)} KiB, ${scenario.edits} single-character edits per run.`, '');
    lines.push(`| metric | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`);
    const metric = (label, key, digits = 1) => {
      lines.push(`| ${label} | ${names.map((n) => scenario.servers[n].unavailable ? `not available: ${scenario.servers[n].unavailable.slice(0, 80)}` : fmtSummary(scenario.servers[n][key], digits)).join(' | ')} |`);
    };
    lines.push(`| runs | ${names.map((n) => scenario.servers[n].runs ?? 0).join(' | ')} |`);
    metric('first publishDiagnostics (ms)', 'firstDiagnosticsMs');
    metric('per-edit p50 (ms)', 'editP50Ms');
    metric('per-edit p95 (ms)', 'editP95Ms');
    metric('per-edit max (ms)', 'editMaxMs');
    metric('server CPU per edit (ms)', 'cpuPerEditMs');
    metric('server peak RSS (MiB)', 'peakRssMiB');
    metric('diagnostics after open', 'diagnosticsFirst', 0);
    lines.push('');
    void id;
  }
  return lines;
}

/** The rows of the target table: [target, measured, ratio text, ok]. */
export function targetRows(results) {
  const rows = [];
  const lspRatio = (id, peer, label) => {
    const scenario = results.lsp?.[id];
    if (!scenario) return;
    const ours = scenario.servers.shipshape?.editP95Ms?.median;
    const theirs = scenario.servers[peer]?.editP95Ms?.median;
    if (!Number.isFinite(ours) || !Number.isFinite(theirs)) {
      rows.push([label, 'not available', '—', undefined]);
      return;
    }
    const ratio = ours / theirs;
    rows.push([label, `${fmt(ours)} ms vs ${fmt(theirs)} ms`, `${ratio.toFixed(3)} (1/${fmt(1 / ratio)})`, ratio <= 0.2]);
  };
  lspRatio('dockerfile-2000', 'dockerfile-language-server-nodejs', 'Dockerfile 2,000 lines: per-edit p95 ≤ 1/5 of dockerfile-language-server-nodejs');
  lspRatio('k8s-1000', 'yaml-language-server', 'Kubernetes 1,000 objects: per-edit p95 ≤ 1/5 of yaml-language-server (+schema)');
  lspRatio('dockerfile-largest-real', 'dockerfile-language-server-nodejs', '(info) largest real Dockerfile: per-edit p95 vs dockerfile-language-server-nodejs');
  lspRatio('k8s-largest-real', 'yaml-language-server', '(info) largest real manifest: per-edit p95 vs yaml-language-server');
  const t = results.throughput;
  if (t) rows.push(['CLI over the corpus within 3× of the parse floor (`--no-shellcheck`)', `${fmt(t.cliMs.median)} ms vs ${fmt(t.floorMs.median)} ms`, `${t.cliOverFloor.median.toFixed(2)}× (${fmtSummary(t.cliOverFloor, 2)})`, t.cliOverFloor.median <= 3]);
  if (t?.cliShellcheckOverFloor) rows.push(['… the same with ShellCheck on PATH (default when installed)', `${fmt(t.cliShellcheckMs.median)} ms vs ${fmt(t.floorMs.median)} ms`, `${t.cliShellcheckOverFloor.median.toFixed(2)}× (${fmtSummary(t.cliShellcheckOverFloor, 2)})`, t.cliShellcheckOverFloor.median <= 3]);
  const push = results.registry?.push;
  if (push?.ratio) rows.push(['Native push within 1.2× of skopeo copy', `${fmt(push.native.ms.median)} ms vs ${fmt(push.skopeo.ms.median)} ms`, `${push.ratio.median.toFixed(2)}× (${fmtSummary(push.ratio, 2)})`, push.ratio.median <= 1.2]);
  else if (push?.unavailable) rows.push(['Native push within 1.2× of skopeo copy', `not available: ${push.unavailable}`, '—', undefined]);
  const f = results.footprint;
  if (f) {
    const rss = f.allCorpusOpen?.rssMiB?.median;
    rows.push([`Language server RSS < 150 MB with every corpus file open (${f.allCorpusOpen?.files?.median ?? '?'} files)`, `${fmtSummary(f.allCorpusOpen?.rssMiB)} MiB (peak ${fmtSummary(f.allCorpusOpen?.peakRssMiB)})`, `${fmt(rss / 150, 2)}× of budget`, rss < 150]);
    const act = f.activationProduction?.activationMs?.median;
    rows.push(['Extension activation < 50 ms (require + activate, production bundle)', `${fmtSummary(f.activationProduction?.activationMs)} ms`, `${fmt(act / 50, 2)}× of budget`, act < 50]);
    const size = f.productionBundleBytes / MiB;
    rows.push(['dist/ < 2 MB (production bundles)', `${fmt(size, 2)} MiB`, `${fmt(size / 2, 2)}× of budget`, size < 2]);
  }
  return rows;
}

export function renderMarkdown(results) {
  const lines = [`# Shipshape benchmarks`, '',
    `${results.when} · commit ${results.commit} · Node ${results.machine.node} · ${results.machine.cpus} CPUs · load ${results.machine.loadavg.map((l) => l.toFixed(1)).join(' ')} · ${results.runs} runs · ${fmt(results.durationSec)} s`, '',
    'Numbers are medians over the runs with (min–max). Ratios are Shipshape ÷ peer from the same run.', '',
    '## Targets', '', '| target | measured | ratio | verdict |', '|---|---|---|---|'];
  for (const [target, measured, ratio, ok] of targetRows(results)) lines.push(`| ${target} | ${measured} | ${ratio} | ${verdict(ok)} |`);
  lines.push('');
  if (results.lsp) lines.push('## LSP latency', '', ...lspRows(results.lsp));
  const t = results.throughput;
  if (t) {
    lines.push('## CLI throughput over the corpus', '', `${t.files.median} files, ${fmt(t.megabytes.median)} MiB (\`${t.corpus}\`); ${t.runs} runs without ShellCheck and of the parse floor, ${t.cliShellcheckMs?.runs ?? 0} with ShellCheck.`, '',
      '| | wall ms | files/s | MiB/s |', '|---|---|---|---|',
      `| \`shipshape lint --format json --no-shellcheck\` | ${fmtSummary(t.cliMs)} | ${fmtSummary(t.cliFilesPerSec)} | ${fmtSummary(t.cliMBPerSec, 2)} |`,
      ...(t.cliShellcheckMs ? [`| \`shipshape lint --format json\` (ShellCheck on every RUN script) | ${fmtSummary(t.cliShellcheckMs)} | ${fmtSummary(t.cliShellcheckFilesPerSec)} | ${fmtSummary(t.cliShellcheckMBPerSec, 2)} |`] : []),
      `| parse floor (dockerfile-ast + yaml) | ${fmtSummary(t.floorMs)} | ${fmtSummary(t.floorFilesPerSec)} | ${fmtSummary(t.floorMBPerSec, 2)} |`, '');
  }
  const r = results.registry;
  if (r) {
    lines.push('## Registry (local docker-registry, loopback)', '');
    const row = (label, summary, key) => summary?.unavailable ? `| ${label} | not available: ${summary.unavailable} |` : `| ${label} | ${fmtSummary(summary?.[key])} |`;
    lines.push('| | ms |', '|---|---|',
      row(`repositories (${r.repositories}): first page of ${r.page}`, r.catalog, 'firstPageMs'),
      row(`repositories (${r.repositories}): full listing`, r.catalog, 'fullMs'),
      row(`tags (${r.tagsInRepository} in one repository): first page`, r.tags, 'firstPageMs'),
      row(`tags (${r.tagsInRepository} in one repository): full listing`, r.tags, 'fullMs'));
    if (r.push?.native) {
      lines.push(`| native push (\`pushFromSource\`), ${fmt(r.push.imageBytes / MiB)} MiB in ${r.push.layers ?? '?'} layers, each run to a fresh registry | ${fmtSummary(r.push.native.ms)} |`,
        `| \`skopeo copy\` of the same OCI layout, same conditions | ${fmtSummary(r.push.skopeo.ms)} |`);
    } else {
      lines.push(`| native push vs skopeo | not available: ${r.push?.unavailable ?? 'not run'} |`);
    }
    lines.push('', 'docker-registry (distribution 2.8) ignores `n` for tags and sends all of them in one page: for tags, first page = full listing.', '');
  }
  const f = results.footprint;
  if (f) {
    lines.push('## Footprint', '', '| | |', '|---|---|',
      `| production bundles (extension.js + server.js + cli.js) | ${fmt(f.productionBundleBytes / MiB, 2)} MiB (${Object.entries(f.productionBundles).map(([k, v]) => `${k} ${fmt(v / 1024)} KiB`).join(', ')}) |`,
      `| checkout dist/ (dev build, incl. source maps and test bundle) | ${fmt(f.devDist.allBytes / MiB, 2)} MiB (shipped .js ${fmt(f.devDist.shippedJsBytes / MiB, 2)} MiB) |`,
      `| activation, production bundle: require / activate() call / total (ms) | ${fmtSummary(f.activationProduction.loadMs)} / ${fmtSummary(f.activationProduction.activateCallMs, 2)} / ${fmtSummary(f.activationProduction.activationMs)} |`,
      `| … CPU time of the require (ms; less sensitive to other load on the machine) | ${fmtSummary(f.activationProduction.loadCpuMs)} |`,
      `| activation, dist/ dev bundle: total (ms) | ${fmtSummary(f.activationDev.activationMs)} |`,
      `| server with every corpus file open: RSS / peak RSS (MiB) | ${fmtSummary(f.allCorpusOpen.rssMiB)} / ${fmtSummary(f.allCorpusOpen.peakRssMiB)} |`,
      `| … time until every file had diagnostics (ms) | ${fmtSummary(f.allCorpusOpen.allPublishedMs)} |`,
      `| … then until the server was quiet (background crawl; RSS measured 10 s after) (ms) | ${fmtSummary(f.allCorpusOpen.quietAfterMs)} |`, '');
  }
  return lines.join('\n') + '\n';
}
