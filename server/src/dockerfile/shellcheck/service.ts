// ShellCheck findings for a Dockerfile, cached by script text. The CLI runs missing scripts
// synchronously; the language server reads the cache while typing and fills it on open/save
// (`refreshShellcheck`), so ShellCheck never runs on every keystroke. Never runs in an
// untrusted workspace, and everything else works without the executable.
import type { ShipshapeConfig } from '../../config/config';
import { isLevel, isSeverity, type Finding, type Fix, type Severity } from '../../core/finding';
import { DockerfileContext } from '../context';
import { findShellcheck, runShellcheck, runShellcheckSync, type ShellcheckComment } from './runner';
import { offsetInDocument, shellScripts, type ShellScriptJob } from './scripts';

export interface ShellcheckSettings {
  /** `off`: never; `sync`: run missing scripts during lint (CLI); `cached`: use what refresh computed (LSP). */
  mode: 'off' | 'sync' | 'cached';
  /** `shipshape.shellcheck.enable`. */
  enabled: boolean;
  /** `shipshape.shellcheck.path`; default: `shellcheck` on PATH. */
  path?: string;
  /** Workspace trust: an untrusted workspace never runs external tools. */
  trusted: boolean;
}

let settings: ShellcheckSettings = { mode: 'off', enabled: true, trusted: true };
let executable: string | null | undefined; // undefined: not looked up yet; null: not found
const CACHE_LIMIT = 20000;
const cache = new Map<string, ShellcheckComment[]>();
let lastError: string | undefined;
const inFlight = new Map<string, Promise<void>>();

export function configureShellcheck(update: Partial<ShellcheckSettings>): void {
  if (update.path !== settings.path) executable = undefined;
  settings = { ...settings, ...update };
  generation++;
}

/**
 * Bumped whenever a script's known findings could change other than by arriving for the first
 * time: settings changed, results forgotten. Arrivals are tracked per script (pendingArrived).
 */
let generation = 0;

/**
 * For the incremental lint (lint.ts): a key that stays the same while shellcheckFindings gives
 * the same findings for the same scripts, or undefined when it may run ShellCheck itself (sync).
 */
export function shellcheckCacheKey(): string | undefined {
  return settings.mode === 'sync' ? undefined : `${generation}`;
}

/** The last failure of the executable (shown once in the server log). */
export function takeShellcheckError(): string | undefined { const e = lastError; lastError = undefined; return e; }

function active(): string | undefined {
  if (settings.mode === 'off' || !settings.enabled || !settings.trusted) return undefined;
  if (executable === undefined) executable = findShellcheck(settings.path) ?? null;
  return executable ?? undefined;
}

function remember(content: string, comments: ShellcheckComment[]): void {
  if (cache.size >= CACHE_LIMIT) {
    cache.delete(cache.keys().next().value!);
    generation++;
  }
  cache.set(content, comments);
}

/** ShellCheck findings of a parsed Dockerfile (called by the Dockerfile linter). */
/** Findings for `context`'s scripts, and the scripts whose results are not known yet. */
export function shellcheckFindingsAndPending(context: DockerfileContext, config: ShipshapeConfig): { findings: Finding[]; pending: string[] } {
  const findings = shellcheckFindings(context, config);
  if (!active()) return { findings, pending: [] };
  const pending = [...new Set(shellScripts(context).map((j) => j.content).filter((c) => !cache.has(c)))];
  return { findings, pending };
}

/** Whether results arrived for any of these scripts since they were pending. */
export function pendingArrived(pending: readonly string[]): boolean {
  return pending.some((content) => cache.has(content));
}

export function shellcheckFindings(context: DockerfileContext, config: ShipshapeConfig): Finding[] {
  const exe = active();
  if (!exe) return [];
  const jobs = shellScripts(context);
  if (settings.mode === 'sync') {
    const missing = [...new Set(jobs.map((j) => j.content).filter((c) => !cache.has(c)))];
    if (missing.length) {
      try {
        runShellcheckSync(exe, missing).forEach((comments, i) => remember(missing[i]!, comments));
      } catch (error) {
        lastError = (error as Error).message;
      }
    }
  }
  const findings: Finding[] = [];
  for (const job of jobs) {
    for (const comment of cache.get(job.content) ?? []) {
      const finding = toFinding(context, job, comment, config);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

/** Scripts per shellcheck process: one process for many scripts halves the cost (startup). */
const BATCH = 100;

/**
 * CLI: checks the scripts of many Dockerfiles up front, in batches, so that the per-file lint
 * that follows finds them in the cache.
 */
export function prefetchShellcheckSync(files: { text: string; path?: string }[]): void {
  const exe = active();
  if (!exe || settings.mode !== 'sync') return;
  const missing = new Set<string>();
  for (const file of files) {
    for (const job of shellScripts(new DockerfileContext(file.text, file.path))) if (!cache.has(job.content)) missing.add(job.content);
  }
  const all = [...missing];
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    try {
      runShellcheckSync(exe, batch).forEach((comments, k) => remember(batch[k]!, comments));
    } catch (error) {
      lastError = (error as Error).message;
      return;
    }
  }
}

/**
 * Runs ShellCheck for the scripts of `text` not in the cache yet. Resolves to true when new
 * results arrived (the caller re-lints to show them).
 */
export async function refreshShellcheck(text: string, path?: string): Promise<boolean> {
  const exe = active();
  if (!exe) return false;
  const scripts = [...new Set(shellScripts(new DockerfileContext(text, path)).map((j) => j.content).filter((c) => !cache.has(c)))];
  // Saves in quick succession: a script already being checked is awaited, not run twice.
  const waiting = scripts.filter((c) => inFlight.has(c)).map((c) => inFlight.get(c)!);
  const missing = scripts.filter((c) => !inFlight.has(c));
  if (scripts.length === 0) return false;
  const run = missing.length ? runShellcheck(exe, missing) : Promise.resolve([]);
  const done = run.then((results) => { results.forEach((comments, i) => remember(missing[i]!, comments)); });
  for (const content of missing) inFlight.set(content, done);
  try {
    await Promise.all([done, ...waiting]);
    return true;
  } catch (error) {
    lastError = (error as Error).message;
    return false;
  } finally {
    for (const content of missing) inFlight.delete(content);
  }
}

/** Test hook: forget cached results and the executable lookup. */
export function resetShellcheck(): void {
  generation++;
  cache.clear();
  executable = undefined;
  settings = { mode: 'off', enabled: true, trusted: true };
}

function toFinding(context: DockerfileContext, job: ShellScriptJob, comment: ShellcheckComment, config: ShipshapeConfig): Finding | undefined {
  const code = `SC${comment.code}`;
  const level = config.rules[code];
  if (level !== undefined && isLevel(level) && !isSeverity(level)) return undefined;
  const severity: Severity = level && isSeverity(level) ? level : comment.level;
  const start = offsetInDocument(job, comment.line, comment.column);
  if (start === undefined) return undefined;
  const end = offsetInDocument(job, comment.endLine, comment.endColumn) ?? start;
  return {
    code,
    severity,
    message: comment.message,
    range: context.rangeOf(start, Math.max(start, end)),
    language: 'dockerfile',
    docs: `https://www.shellcheck.net/wiki/${code}`,
    fixes: fixOf(context, job, comment, code),
  };
}

function fixOf(context: DockerfileContext, job: ShellScriptJob, comment: ShellcheckComment, code: string): Fix[] | undefined {
  const replacements = comment.fix?.replacements ?? [];
  if (replacements.length === 0) return undefined;
  const edits: Fix['edits'] = [];
  for (const r of replacements) {
    const start = offsetInDocument(job, r.line, r.column);
    const end = offsetInDocument(job, r.endLine, r.endColumn);
    if (start === undefined || end === undefined || end < start) return undefined;
    edits.push({ range: context.rangeOf(start, end), newText: r.replacement });
  }
  return [{ title: `Apply ShellCheck's fix for ${code}`, edits }];
}
