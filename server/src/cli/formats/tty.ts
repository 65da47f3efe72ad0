import type { Severity } from '../../core/finding';
import type { FileFinding } from './types';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', style: '\x1b[35m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

/** `file:line:column code severity: message`, one per line, like hadolint's tty output. */
export function formatTty(findings: FileFinding[], color: boolean): string {
  const lines = findings.map((f) => {
    const where = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const severity = color ? `${COLORS[f.severity]}${f.severity}${RESET}` : f.severity;
    return `${color ? DIM + where + RESET : where} ${f.code} ${severity}: ${f.message}`;
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}
