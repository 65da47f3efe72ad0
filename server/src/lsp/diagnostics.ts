import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../core/finding';

export const DIAGNOSTIC_SOURCE = 'shipshape';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  // Hints are invisible in the Problems panel; style findings should still be listed.
  style: DiagnosticSeverity.Information,
};

/**
 * Findings of unchanged stages are the same objects from one keystroke to the next (the
 * incremental lint reuses them): so are their diagnostics, instead of ~1,000 new ones per
 * publish for the collector.
 */
const diagnostics = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(finding: Finding): Diagnostic {
  let diagnostic = diagnostics.get(finding);
  if (!diagnostic) diagnostics.set(finding, diagnostic = makeDiagnostic(finding));
  return diagnostic;
}

function makeDiagnostic(finding: Finding): Diagnostic {
  // No `data`: fixes are looked up when code actions are asked for (publishedFixes.ts).
  return {
    range: finding.range,
    severity: LSP_SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: finding.docs ? { href: finding.docs } : undefined,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
}
