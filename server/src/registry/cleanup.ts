// Tag cleanup selection: tags older than N days and/or matching a pattern, shown as a dry run
// before anything is deleted. Tags without a known date are never selected by age.
import { globToRegExp } from './format';

export interface CleanupCandidate { name: string; date?: string; digest?: string }

export interface CleanupRule {
  /** Select tags created/pushed more than this many days ago. */
  olderThanDays?: number;
  /** Glob (`v1.*`, `pr-*`) or `/regex/`. */
  pattern?: string;
  /** Never select these tags (default: `latest`). */
  keep?: string[];
  /** Keep the newest N of the selected tags. */
  keepNewest?: number;
  now?: number;
}

export interface CleanupPlan {
  remove: CleanupCandidate[];
  keep: CleanupCandidate[];
  /** Tags whose age is unknown (skipped by an age rule). */
  undated: string[];
}

export function parsePattern(pattern: string): RegExp {
  const regex = pattern.match(/^\/(.*)\/([i]*)$/);
  if (regex) {
    try {
      return new RegExp(regex[1]!, regex[2]);
    } catch (error) {
      throw new Error(`invalid pattern ${pattern}: ${(error as Error).message}`);
    }
  }
  return globToRegExp(pattern);
}

export function planCleanup(tags: CleanupCandidate[], rule: CleanupRule): CleanupPlan {
  if (rule.olderThanDays === undefined && !rule.pattern) throw new Error('a cleanup needs an age, a pattern or both');
  const now = rule.now ?? Date.now();
  const keepNames = new Set(rule.keep ?? ['latest']);
  const pattern = rule.pattern ? parsePattern(rule.pattern) : undefined;
  const cutoff = rule.olderThanDays !== undefined ? now - rule.olderThanDays * 86_400_000 : undefined;
  const undated: string[] = [];
  let selected: CleanupCandidate[] = [];
  const keep: CleanupCandidate[] = [];
  for (const tag of tags) {
    let chosen = !keepNames.has(tag.name);
    if (chosen && pattern) chosen = pattern.test(tag.name);
    if (chosen && cutoff !== undefined) {
      const date = tag.date ? Date.parse(tag.date) : NaN;
      if (!Number.isFinite(date)) { undated.push(tag.name); chosen = false; } else chosen = date < cutoff;
    }
    (chosen ? selected : keep).push(tag);
  }
  if (rule.keepNewest && rule.keepNewest > 0) {
    const byNewest = [...selected].sort((a, b) => (Date.parse(b.date ?? '') || 0) - (Date.parse(a.date ?? '') || 0));
    const spared = new Set(byNewest.slice(0, rule.keepNewest));
    keep.push(...selected.filter((t) => spared.has(t)));
    selected = selected.filter((t) => !spared.has(t));
  }
  return { remove: selected, keep, undated };
}
