import type { Fix, Language, Level, Range } from './finding';

/** Where rule documentation pages live; each rule's page sits beside its source file. */
export const REPOSITORY_URL = 'https://github.com/shipshape-dev/shipshape';

export interface RuleMeta {
  /** The code shown in diagnostics and CLI output (e.g. `DL3007`, `image-tag-latest`). */
  id: string;
  language: Language;
  /** Default level; `ignore` means off unless raised by configuration. */
  severity: Level;
  /** One-line summary, also the default message. */
  title: string;
  /** Repository-relative path of the rule's documentation page. */
  docs: string;
}

export function docsUrl(meta: Pick<RuleMeta, 'docs'>): string {
  return `${REPOSITORY_URL}/blob/main/${meta.docs}`;
}

/** What a rule hands to its reporter: the place, and optionally a sharper message and fixes. */
export interface Report {
  range: Range;
  message?: string;
  fixes?: Fix[];
}
