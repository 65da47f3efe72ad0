// Helpers for rule tests: lint with every rule raised, pick one code, apply a fix to the text.
import { emptyConfig, type ShipshapeConfig } from '../config/config';
import type { Finding, Fix } from '../core/finding';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintDockerfile } from './lint';

export function findingsOf(code: string, text: string, config: Partial<ShipshapeConfig> = {}): Finding[] {
  const base = emptyConfig();
  return lintDockerfile(text, { ...base, ...config, rules: { [code]: 'warning', ...(config.rules ?? {}) } }).filter((f) => f.code === code);
}

/** The text each finding covers. */
export function covered(text: string, findings: Finding[]): string[] {
  const doc = TextDocument.create('file:///x', 'dockerfile', 0, text);
  return findings.map((f) => doc.getText(f.range));
}

export function applyFix(text: string, fix: Fix): string {
  const doc = TextDocument.create('file:///x', 'dockerfile', 0, text);
  return TextDocument.applyEdits(doc, fix.edits);
}
