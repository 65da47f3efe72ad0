// Where image references are written in a Dockerfile (`FROM`) or a manifest (`image:`), with
// their exact columns. Only locates the text; reading it is the one reference parser's job.
// Editor-free so it can be tested without VS Code.

export interface WrittenReference {
  line: number;
  /** 0-based columns of the reference text on that line. */
  start: number;
  end: number;
  text: string;
}

const FROM_RE = /^(\s*FROM\s+)((?:--\S+\s+)*)(\S+)(?:\s+AS\s+(\S+))?/i;
const IMAGE_RE = /^(\s*(?:-\s+)?["']?image["']?\s*:\s*)(["']?)([^\s"'#]+)\2/;

export function dockerfileReferences(text: string): WrittenReference[] {
  const found: WrittenReference[] = [];
  const stages = new Set<string>();
  text.split(/\r?\n/).forEach((lineText, line) => {
    const m = FROM_RE.exec(lineText);
    if (!m) return;
    const image = m[3]!;
    const start = m[1]!.length + m[2]!.length;
    // `FROM scratch`, earlier stages and unresolved ARGs are not registry images.
    if (image.toLowerCase() !== 'scratch' && !stages.has(image.toLowerCase()) && !image.includes('$')) {
      found.push({ line, start, end: start + image.length, text: image });
    }
    if (m[4]) stages.add(m[4].toLowerCase());
  });
  return found;
}

export function manifestReferences(text: string): WrittenReference[] {
  const found: WrittenReference[] = [];
  text.split(/\r?\n/).forEach((lineText, line) => {
    const m = IMAGE_RE.exec(lineText);
    if (!m || m[3]!.includes('{{') || m[3]!.includes('$')) return;
    const start = m[1]!.length + m[2]!.length;
    found.push({ line, start, end: start + m[3]!.length, text: m[3]! });
  });
  return found;
}

export function isDockerfileName(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return /^(Dockerfile|Containerfile)(\..*)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base);
}

/** The references in a document, by its language id (or file name for plain text). */
export function writtenReferences(languageId: string, fileName: string, text: string): WrittenReference[] {
  if (languageId === 'dockerfile' || isDockerfileName(fileName)) return dockerfileReferences(text);
  if (languageId === 'yaml' || /\.ya?ml$/i.test(fileName)) return manifestReferences(text);
  return [];
}

/** The reference under a cursor position, if any. */
export function referenceAt(refs: readonly WrittenReference[], line: number, character: number): WrittenReference | undefined {
  return refs.find((r) => r.line === line && character >= r.start && character <= r.end);
}
