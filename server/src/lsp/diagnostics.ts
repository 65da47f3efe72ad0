import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../core/finding';

export const DIAGNOSTIC_SOURCE = 'shipshape';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  // Hints are invisible in the Problems panel; style findings should still be listed.
  style: DiagnosticSeverity.Information,
};

/** The fixes travel with the diagnostic so code actions need no second lint. */
export interface DiagnosticData { fixes?: Fix[] }

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { fixes: finding.fixes };
  return {
    range: finding.range,
    severity: LSP_SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: finding.docs ? { href: finding.docs } : undefined,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}
