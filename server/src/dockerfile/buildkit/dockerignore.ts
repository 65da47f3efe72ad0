// `.dockerignore` with Docker's semantics (moby/patternmatcher): one pattern a line, `#`
// comments, `!` exceptions (last match wins), `*` and `?` within one path component, `**` any
// number of components, `\` escapes; patterns are cleaned paths relative to the context root,
// and a path is excluded when it or one of its parent directories matches.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';

interface IgnorePattern { exclusion: boolean; regex: RegExp; text: string }

export class DockerIgnore {
  private readonly patterns: IgnorePattern[];

  constructor(text: string) {
    this.patterns = [];
    for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      let pattern = line.trim();
      if (!pattern || pattern.startsWith('#')) continue;
      let exclusion = false;
      if (pattern.startsWith('!')) { exclusion = true; pattern = pattern.slice(1).trim(); }
      pattern = cleanPath(pattern);
      if (!pattern) continue;
      this.patterns.push({ exclusion, text: pattern, regex: compile(pattern) });
    }
  }

  get size(): number { return this.patterns.length; }

  /** True when the context path (or a parent folder of it) is excluded from the build context. */
  excludes(path: string): boolean {
    const file = cleanPath(path);
    const parents = posix.dirname(file) === '.' ? [] : posix.dirname(file).split('/');
    let matched = false;
    for (const pattern of this.patterns) {
      // An inclusion cannot change an already-matched path, nor an exception an unmatched one.
      if (pattern.exclusion !== matched) continue;
      let match = pattern.regex.test(file);
      for (let i = 0; !match && i < parents.length; i++) match = pattern.regex.test(parents.slice(0, i + 1).join('/'));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
}

/** `filepath.Clean` plus dropping the leading `/`, as Docker does for patterns. */
export function cleanPath(path: string): string {
  let cleaned = posix.normalize(path.replace(/\\(?=[/])/g, '/'));
  if (cleaned.length > 1 && cleaned.endsWith('/')) cleaned = cleaned.slice(0, -1);
  while (cleaned.length > 1 && cleaned.startsWith('/')) cleaned = cleaned.slice(1);
  if (cleaned.startsWith('./')) cleaned = cleaned.slice(2);
  return cleaned;
}

function compile(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        re += i + 1 >= pattern.length ? '.*' : '(?:.*/)?';
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '\\') {
      if (i + 1 < pattern.length) re += escapeRegex(pattern[++i]!);
      else re += '\\\\';
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) { re += '\\['; continue; }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('^') || body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else {
      re += escapeRegex(ch);
    }
  }
  try {
    return new RegExp(re + '$');
  } catch {
    return /(?!)/;
  }
}

function escapeRegex(ch: string): string {
  return /[.+^${}()|[\]\\*?]/.test(ch) ? '\\' + ch : ch;
}

/**
 * The ignore file BuildKit would use for a Dockerfile built with its own folder as context:
 * `<Dockerfile name>.dockerignore` beside it wins over `.dockerignore`.
 */
export function findDockerIgnore(dockerfilePath: string): { path: string; ignore: DockerIgnore } | undefined {
  const folder = dirname(dockerfilePath);
  for (const candidate of [join(folder, `${basename(dockerfilePath)}.dockerignore`), join(folder, '.dockerignore')]) {
    if (!existsSync(candidate)) continue;
    try {
      return { path: candidate, ignore: new DockerIgnore(readFileSync(candidate, 'utf8')) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
