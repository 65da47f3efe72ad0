// A compact severity badge for scanned tags in the registry tree ("2C 5H"), with a tooltip.
import { formatCounts, SCAN_SEVERITIES, worstSeverity, type ScanSeverity, type SeverityCounts } from './model';

export interface ScanBadge {
  /** Short text for a tree item description, e.g. "2C 5H 1M"; "✓ 0" when nothing was found. */
  text: string;
  /** Worst severity present, for choosing an icon colour. */
  worst?: ScanSeverity;
  tooltip: string;
}

export function scanBadge(counts: SeverityCounts, scannedAt?: string): ScanBadge {
  const parts = SCAN_SEVERITIES.filter((s) => s !== 'UNKNOWN' && counts[s] > 0).map((s) => `${counts[s]}${s[0]}`);
  const when = scannedAt ? ` (scanned ${scannedAt.replace('T', ' ').slice(0, 16)} UTC)` : '';
  return { text: parts.length > 0 ? parts.join(' ') : '✓ 0', worst: worstSeverity(counts), tooltip: `Vulnerabilities: ${formatCounts(counts)}${when}` };
}
