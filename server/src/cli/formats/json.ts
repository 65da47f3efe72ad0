import type { FileFinding } from './types';

/**
 * The JSON contract (version 1) other tools consume. 1-based lines and columns; end column is
 * exclusive, like the LSP range it comes from.
 */
export function formatJson(findings: FileFinding[]): string {
  return JSON.stringify({
    version: 1,
    findings: findings.map((f) => ({
      file: f.file,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      code: f.code,
      severity: f.severity,
      message: f.message,
      language: f.language,
    })),
  }, null, 2) + '\n';
}
