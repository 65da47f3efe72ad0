#!/usr/bin/env node
// The parse floor: read and parse every file the CLI would lint, with the same two parsers the
// CLI uses (`dockerfile-ast` for Dockerfiles, `yaml` for YAML), and nothing else. Run as its own
// process, like the CLI, so both numbers include Node's start-up. Prints JSON to stdout.
import { DockerfileParser } from 'dockerfile-ast';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// Same classification as server/src/lint.ts `fileKind` and the CLI's folder walk.
const DOCKERFILE_NAME = /^(?:(?:Docker|Container)file(?:\..+)?|.+\.(?:dockerfile|Dockerfile))$/;
const YAML_NAME = /\.ya?ml$/i;
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', '.vscode-test']);

export function corpusFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir).sort()) {
      if (SKIPPED.has(entry)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (DOCKERFILE_NAME.test(basename(path))) files.push({ path, kind: 'dockerfile' });
      else if (YAML_NAME.test(basename(path))) files.push({ path, kind: 'yaml' });
    }
  };
  walk(root);
  return files;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const root = process.argv[2];
  let bytes = 0;
  let documents = 0;
  const files = corpusFiles(root);
  for (const file of files) {
    const text = readFileSync(file.path, 'utf8');
    bytes += Buffer.byteLength(text);
    if (file.kind === 'dockerfile') documents += DockerfileParser.parse(text).getInstructions().length > 0 ? 1 : 0;
    else documents += parseAllDocuments(text).length;
  }
  process.stdout.write(JSON.stringify({ files: files.length, bytes, documents }) + '\n');
}
