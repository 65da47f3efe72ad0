// LABEL key/value pairs with ranges, and the value formats of hadolint's label schema.
import type { Label } from 'dockerfile-ast';
import type { Range } from '../core/finding';
import type { DockerfileContext, Stage } from './context';

export interface LabelPair {
  key: string;
  value: string;
  keyRange: Range;
  valueRange?: Range;
  stage?: Stage;
}

export function labelsOf(context: DockerfileContext): LabelPair[] {
  const pairs: LabelPair[] = [];
  for (const info of context.all('LABEL')) {
    for (const p of (info.node as Label).getProperties()) {
      pairs.push({ key: p.getName().replace(/^(["'])(.*)\1$/, '$2'), value: p.getValue() ?? '', keyRange: p.getNameRange(), valueRange: p.getValueRange() ?? undefined, stage: info.stage });
    }
  }
  return pairs;
}

/** Labels of the final image: the final stage and the stages it is built FROM. */
export function finalImageLabels(context: DockerfileContext): Set<string> {
  const keys = new Set<string>();
  const chain = new Set<Stage>();
  for (let s: Stage | undefined = context.stages[context.stages.length - 1]; s; s = s.base) chain.add(s);
  for (const pair of labelsOf(context)) if (pair.stage && chain.has(pair.stage)) keys.add(pair.key);
  return keys;
}

/** Schema labels of one type (`url`, `rfc3339`…) with a value to check. */
export function schemaLabels(context: DockerfileContext, schema: Record<string, string> | undefined, type: string): LabelPair[] {
  if (!schema) return [];
  return labelsOf(context).filter((p) => schema[p.key] === type && p.value !== '' && !p.value.includes('$'));
}

export const isUrl = (v: string): boolean => { try { const u = new URL(v); return /^[a-z][a-z0-9+.-]*:$/.test(u.protocol) && (u.host !== '' || u.protocol === 'mailto:'); } catch { return false; } };
export const isRfc3339 = (v: string): boolean => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T')));
export const isGitHash = (v: string): boolean => /^[0-9a-f]{7,40}$/.test(v) || /^[0-9a-f]{64}$/.test(v);
export const isSemver = (v: string): boolean => /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/.test(v);
export const isEmail = (v: string): boolean => /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(v);

/** Common SPDX license ids (the full list is long; these cover the licenses images use). */
const SPDX = new Set(['0BSD', 'AFL-3.0', 'AGPL-3.0', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.1', 'Apache-2.0', 'APSL-2.0', 'Artistic-2.0',
  'BSD-1-Clause', 'BSD-2-Clause', 'BSD-2-Clause-Patent', 'BSD-3-Clause', 'BSD-3-Clause-Clear', 'BSD-4-Clause', 'BSL-1.0', 'BUSL-1.1', 'CC0-1.0',
  'CC-BY-3.0', 'CC-BY-4.0', 'CC-BY-SA-3.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CDDL-1.0', 'CDDL-1.1', 'CPL-1.0', 'ECL-2.0', 'EPL-1.0', 'EPL-2.0',
  'EUPL-1.1', 'EUPL-1.2', 'GPL-1.0-only', 'GPL-1.0-or-later', 'GPL-2.0', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0', 'GPL-3.0-only',
  'GPL-3.0-or-later', 'ISC', 'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1', 'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0', 'LGPL-3.0-only',
  'LGPL-3.0-or-later', 'LPPL-1.3c', 'MIT', 'MIT-0', 'MPL-1.1', 'MPL-2.0', 'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL', 'NCSA', 'ODbL-1.0',
  'OFL-1.1', 'OpenSSL', 'OSL-3.0', 'PHP-3.0', 'PHP-3.01', 'PostgreSQL', 'Python-2.0', 'PSF-2.0', 'Ruby', 'SSPL-1.0', 'Unlicense', 'UPL-1.0',
  'Vim', 'W3C', 'WTFPL', 'X11', 'Zlib', 'ZPL-2.1', 'Elastic-2.0', 'curl', 'blessing', 'libpng-2.0', 'bzip2-1.0.6', 'Unicode-DFS-2016', 'NTP',
  'HPND', 'JSON', 'Beerware', 'CECILL-2.1', 'GFDL-1.3-only', 'GFDL-1.3-or-later', 'MirOS', 'Sleepycat', 'TCL', 'Info-ZIP', 'AAL', 'Apache-1.0']);
const SPDX_EXCEPTIONS = /^(?:Classpath-exception-2\.0|GCC-exception-3\.1|LLVM-exception|OpenSSL-exception|Autoconf-exception-3\.0|Bison-exception-2\.2|Font-exception-2\.0|Linux-syscall-note)$/;

/** A license id or expression (`MIT OR Apache-2.0`, `GPL-2.0-only WITH Classpath-exception-2.0`). */
export function isSpdx(v: string): boolean {
  const tokens = v.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return false;
  let expectId = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (expectId) {
      const id = t.replace(/\+$/, '');
      if (!SPDX.has(id) && !/^(?:DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+$/.test(id)) return false;
      expectId = false;
    } else if (t === 'AND' || t === 'OR') {
      expectId = true;
    } else if (t === 'WITH') {
      if (!SPDX_EXCEPTIONS.test(tokens[++i] ?? '')) return false;
    } else {
      return false;
    }
  }
  return !expectId;
}
