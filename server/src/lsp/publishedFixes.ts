import type { Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix, Range } from '../core/finding';

/**
 * The fixes of the findings last published for recently linted documents, looked up when the
 * editor asks for code actions. Diagnostics do not carry them: a large file publishes ~1,000
 * diagnostics on every keystroke, and fixes made up a fifth of those bytes while hardly any are
 * ever applied. Only the most recent documents are kept (every YAML finding has an "ignore"
 * fix: a whole open workspace's fixes took MBs); `has` says when to lint again for them.
 */
export class PublishedFixes {
  /**
   * Least recently published first. The findings as published; indexed by key on the first
   * lookup only (code actions are asked for far less often than keystrokes publish).
   */
  private readonly byUri = new Map<string, { findings: readonly Finding[]; index?: Map<string, Fix[]> }>();
  constructor(private readonly limit = 32) {}

  /** Replaces what is known of `uri` with the fixes among `findings` (just published). */
  remember(uri: string, findings: readonly Finding[]): void {
    this.byUri.delete(uri);
    this.byUri.set(uri, { findings });
    if (this.byUri.size > this.limit) this.byUri.delete(this.byUri.keys().next().value!);
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** The fixes of a diagnostic the editor sends back (as it was published). */
  lookup(uri: string, diagnostic: Diagnostic): Fix[] {
    if (typeof diagnostic.code !== 'string') return [];
    const published = this.byUri.get(uri);
    if (!published) return [];
    published.index ??= indexFixes(published.findings);
    return published.index.get(fixKey(diagnostic.code, diagnostic.range, diagnostic.message)) ?? [];
  }
}

function indexFixes(findings: readonly Finding[]): Map<string, Fix[]> {
  const index = new Map<string, Fix[]>();
  for (const finding of findings) {
    if (!finding.fixes?.length) continue;
    const key = fixKey(finding.code, finding.range, finding.message);
    index.set(key, [...(index.get(key) ?? []), ...finding.fixes]);
  }
  return index;
}

function fixKey(code: string, range: Range, message: string): string {
  return `${code}\u0000${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}\u0000${message}`;
}
