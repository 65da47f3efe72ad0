import type { Severity } from '../../core/finding';
import { docsUrl, REPOSITORY_URL } from '../../core/rule';
import { ruleMeta } from '../../ruleCatalog';
import type { FileFinding } from './types';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/** SARIF 2.1.0 with one run, a rule table for every code that appears, and exact regions. */
export function formatSarif(findings: FileFinding[], version: string): string {
  const ruleIds = [...new Set(findings.map((f) => f.code))].sort();
  const rules = ruleIds.map((id) => {
    const meta = ruleMeta(id);
    const sample = findings.find((f) => f.code === id)!;
    return {
      id,
      shortDescription: { text: meta?.title ?? sample.message },
      helpUri: meta ? docsUrl(meta) : sample.docs,
      defaultConfiguration: { level: meta && meta.severity in SARIF_LEVEL ? SARIF_LEVEL[meta.severity as Severity] : 'none' },
      properties: { language: sample.language },
    };
  });
  const results = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: ruleIds.indexOf(f.code),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: f.file.split('\\').join('/') },
        region: {
          startLine: f.range.start.line + 1,
          startColumn: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
        },
      },
    }],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'shipshape', version, informationUri: REPOSITORY_URL, rules } },
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
