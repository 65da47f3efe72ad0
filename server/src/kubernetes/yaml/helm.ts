// Helm chart templates are Go templates that print YAML, not YAML. Before parsing, template
// actions are blanked out without moving any offset: a line holding only actions becomes
// blank, an action inside a value becomes a run of TEMPLATE_MARK so that the value is known to
// be templated (and never checked as if it were literal).
import { dirname, basename, sep } from 'node:path';

export const TEMPLATE_MARK = '\u00a4';

const ACTION = /\{\{[\s\S]*?\}\}/g;

/** A file of a chart's `templates/` folder (any depth) that holds template actions. */
export function isHelmTemplate(path: string, text: string): boolean {
  if (!text.includes('{{')) return false;
  const parts = dirname(path).split(/[\\/]/);
  return parts.includes('templates') || path.includes(`${sep}templates${sep}`);
}

/** A chart's values file: `values.yaml` (or `values-*.yaml`) beside a `Chart.yaml`. */
export function isValuesFileName(path: string): boolean {
  return /^values(?:[-.][^/\\]*)?\.ya?ml$/i.test(basename(path));
}

export function neutraliseTemplates(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let carry = '';
  for (let i = 0; i < lines.length; i++) {
    const line = carry + lines[i]!;
    // Actions spanning several lines are joined, blanked, and split again.
    const opens = (line.match(/\{\{/g) ?? []).length;
    const closes = (line.match(/\}\}/g) ?? []).length;
    if (opens > closes && i < lines.length - 1) { carry = line + '\n'; continue; }
    carry = '';
    const joined = line.replace(ACTION, (a) => (a.includes('\n') ? a.replace(/[^\n]/g, ' ') : a));
    out.push(joined.split('\n').map((l) => blankLine(l)).join('\n'));
  }
  if (carry) out.push(carry.replace(/[^\n]/g, ' '));
  return out.join('\n');
}

function blankLine(line: string): string {
  if (!line.includes('{{') && !line.includes('}}')) return line;
  const withoutActions = line.replace(ACTION, '');
  const cr = line.endsWith('\r') ? '\r' : '';
  if (withoutActions.trim() === '') {
    // Only actions: control flow or included blocks YAML cannot see.
    return ' '.repeat(line.length - cr.length) + cr;
  }
  let result = line.replace(ACTION, (action) => TEMPLATE_MARK.repeat(action.length));
  // Leftover halves of an action broken across lines.
  result = result.replace(/\{\{[^\n]*$/, (rest) => TEMPLATE_MARK.repeat(rest.length));
  result = result.replace(/^[^\n]*?\}\}/, (rest) => rest.replace(/\S/g, TEMPLATE_MARK));
  return result;
}

export function isTemplated(value: string | undefined): boolean {
  return value !== undefined && (value.includes(TEMPLATE_MARK) || value.includes('{{'));
}
