// Small statistics helpers: percentiles of one run, and "median (min–max)" across runs.

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1; // nearest-rank
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)];
}

export function median(values) {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{median, min, max, runs}` of one metric over several runs. */
export function summarize(values) {
  const finite = values.filter(Number.isFinite);
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), runs: finite.length };
}

/** Summaries of every numeric key across an array of per-run records. */
export function summarizeRuns(runs) {
  const keys = new Set(runs.flatMap((r) => Object.keys(r).filter((k) => typeof r[k] === 'number')));
  return Object.fromEntries([...keys].map((k) => [k, summarize(runs.map((r) => r[k]))]));
}

export function fmt(value, digits = 1) {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toFixed(digits);
}

/** "12.3 (10.1–15.0)" */
export function fmtSummary(summary, digits = 1) {
  if (!summary || !Number.isFinite(summary.median)) return 'n/a';
  if (summary.runs === 1 || summary.min === summary.max) return fmt(summary.median, digits);
  return `${fmt(summary.median, digits)} (${fmt(summary.min, digits)}–${fmt(summary.max, digits)})`;
}
