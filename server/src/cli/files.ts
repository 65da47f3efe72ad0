import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileKind } from '../lint';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', '.vscode-test']);

export interface Discovery {
  files: string[];
  /** Paths that could not be read, with a human reason. */
  problems: { path: string; reason: string }[];
}

/** Expands files and folders (recursively) into the Dockerfiles and YAML files to lint. */
export function discoverFiles(paths: string[]): Discovery {
  const discovery: Discovery = { files: [], problems: [] };
  for (const path of paths) visit(path, true, discovery);
  return discovery;
}

function visit(path: string, explicit: boolean, discovery: Discovery): void {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    // Inside folders, only files we would have linted are worth a complaint.
    if (explicit || fileKind(path)) discovery.problems.push({ path, reason: describeFsError(error) });
    return;
  }
  if (stats.isDirectory()) {
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (error) {
      discovery.problems.push({ path, reason: describeFsError(error) });
      return;
    }
    for (const entry of entries) {
      if (SKIPPED_DIRECTORIES.has(entry)) continue;
      visit(join(path, entry), false, discovery);
    }
  } else if (explicit || fileKind(path)) {
    discovery.files.push(path);
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return (error as Error).message ?? String(error);
  }
}
