import { existsSync, readFileSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { emptyConfig, isFailureThreshold, parseConfig, type FailureThreshold, type ShipshapeConfig } from '../config/config';
import { hadolintFailureThreshold } from '../dockerfile/hadolintConfig';
import { severityRank } from '../core/finding';
import { setStageRuleCache } from '../dockerfile/lint';
import { configureShellcheck, prefetchShellcheckSync } from '../dockerfile/shellcheck/service';
import { fileKind, lintFile } from '../lint';
import { oneOf, parseArgs, UsageError } from './args';
import { describeFsError, discoverFiles } from './files';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatTty } from './formats/tty';
import type { FileFinding } from './formats/types';
import { WorkspaceIndex } from '../workspace/workspaceIndex';

export const LINT_USAGE = `Usage: shipshape lint [paths…] [options]

Lints Dockerfiles and Kubernetes YAML. Folders are searched recursively; "-" reads a
Dockerfile from standard input. Without paths, the current folder.

Options:
  --format tty|json|sarif      output format (default tty)
  --config FILE                configuration file (default ./.shipshape.yaml when present)
  --failure-threshold LEVEL    error|warning|info|style|none: exit 1 when a finding is at
                               least this severe (default info, like hadolint)
  --no-color                   plain tty output
  --no-shellcheck              do not run ShellCheck on RUN scripts (runs when on PATH)
`;

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTty: boolean;
  version: string;
  readStdin: () => string;
}

const FORMATS = ['tty', 'json', 'sarif'] as const;
const THRESHOLDS = ['error', 'warning', 'info', 'style', 'none'] as const;

/** Runs `shipshape lint`; returns the exit code. */
export function runLint(argv: string[], io: CommandIO): number {
  const { positionals, options } = parseArgs(argv, ['format', 'config', 'failure-threshold'], ['no-color', 'no-shellcheck', 'help', 'h']);
  if (options['help'] || options['h']) { io.stdout(LINT_USAGE); return 0; }
  // The CLI runs ShellCheck (when installed) synchronously on every RUN script.
  configureShellcheck({ mode: options['no-shellcheck'] ? 'off' : 'sync' });
  // Each file is linted once: the editor's per-stage reuse would only cost time here.
  setStageRuleCache(false, true);
  const format = oneOf(options['format'], FORMATS, 'format') ?? 'tty';
  const cliThreshold = oneOf(options['failure-threshold'], THRESHOLDS, 'failure-threshold');
  const config = loadConfig(options['config'] as string | undefined, io.cwd);
  const threshold: FailureThreshold = cliThreshold ?? config.failureThreshold ?? hadolintFailureThreshold(io.cwd) ?? 'info';

  const paths = positionals.length ? positionals : ['.'];
  const findings: FileFinding[] = [];
  let unreadable = 0;
  const discovery = discoverFiles(paths.filter((p) => p !== '-'));
  for (const problem of discovery.problems) {
    io.stderr(`shipshape: cannot read ${problem.path}: ${problem.reason}\n`);
    unreadable++;
  }
  if (paths.includes('-')) lintOne('-', io.readStdin(), findings, config, io.cwd, undefined, 'dockerfile');
  const texts = new Map<string, string>();
  for (const file of discovery.files) {
    try {
      texts.set(file, readFileSync(file, 'utf8'));
    } catch (error) {
      io.stderr(`shipshape: cannot read ${file}: ${describeFsError(error)}\n`);
      unreadable++;
    }
  }
  // The same workspace index the editor builds, over the paths given: cross-file pull secrets.
  const workspace = new WorkspaceIndex();
  for (const [file, text] of texts) if (fileKind(file) === 'yaml') workspace.update(file, text);
  prefetchShellcheckSync([...texts].filter(([file]) => fileKind(file) === 'dockerfile').map(([path, text]) => ({ path, text })));
  for (const [file, text] of texts) lintOne(file, text, findings, config, io.cwd, workspace);

  if (format === 'json') io.stdout(formatJson(findings));
  else if (format === 'sarif') io.stdout(formatSarif(findings, io.version));
  else io.stdout(formatTty(findings, io.isTty && !options['no-color'] && !process.env['NO_COLOR']));

  if (unreadable > 0) return 2;
  return reachesThreshold(findings, threshold) ? 1 : 0;
}

function lintOne(file: string, text: string, out: FileFinding[], config: ShipshapeConfig, cwd: string, workspace?: WorkspaceIndex, kind = fileKind(file) ?? 'dockerfile'): void {
  const shown = isAbsolute(file) ? file : relative(cwd, file) || file;
  for (const finding of lintFile({ path: file, text, kind }, config, workspace)) out.push({ ...finding, file: shown });
}

function loadConfig(explicit: string | undefined, cwd: string): ShipshapeConfig {
  const file = explicit ?? (existsSync(`${cwd}/.shipshape.yaml`) ? `${cwd}/.shipshape.yaml` : undefined);
  if (!file) return emptyConfig();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config ${file}: ${describeFsError(error)}`);
  }
  return parseConfig(text, file);
}

export function reachesThreshold(findings: FileFinding[], threshold: FailureThreshold): boolean {
  if (!isFailureThreshold(threshold) || threshold === 'none') return false;
  const bar = severityRank(threshold);
  return findings.some((f) => severityRank(f.severity) >= bar);
}
