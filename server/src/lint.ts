// Which analyser handles a file, decided by its name; the one entry point the LSP server and
// the CLI both call.
import { basename } from 'node:path';
import type { ShipshapeConfig } from './config/config';
import type { Finding } from './core/finding';
import { lintDockerfile, releaseDockerfileLint } from './dockerfile/lint';
import { lintKubernetes } from './kubernetes/lint';
import { releaseManifestParse } from './kubernetes/manifest';
import type { WorkspaceIndex } from './workspace/workspaceIndex';

export type FileKind = 'dockerfile' | 'yaml';

const DOCKERFILE_NAME = /^(?:(?:Docker|Container)file(?:\..+)?|.+\.(?:dockerfile|Dockerfile))$/;
const YAML_NAME = /\.ya?ml$/i;

export function fileKind(path: string): FileKind | undefined {
  const name = basename(path);
  if (DOCKERFILE_NAME.test(name)) return 'dockerfile';
  if (YAML_NAME.test(name)) return 'yaml';
  return undefined;
}

export interface LintInput {
  path: string;
  text: string;
  /** Overrides detection by name (e.g. the editor's language id). */
  kind?: FileKind;
}

/** `workspace`: the index of every YAML file, for cross-file checks (pull secrets, kustomize). */
export function lintFile(input: LintInput, config: ShipshapeConfig, workspace?: WorkspaceIndex): Finding[] {
  const kind = input.kind ?? fileKind(input.path);
  switch (kind) {
    case 'dockerfile': return lintDockerfile(input.text, config, input.path);
    case 'yaml': return lintKubernetes(input.path, input.text, config, workspace);
    default: return [];
  }
}

/**
 * Forgets the parse trees and per-stage results kept to make the next lint of this exact file
 * fast. For files that are open but not being edited: with a whole workspace open, keeping them
 * all cost over a hundred MB for edits that never come.
 */
export function releaseLintCaches(input: LintInput): void {
  switch (input.kind ?? fileKind(input.path)) {
    case 'dockerfile': releaseDockerfileLint(input.text, input.path); break;
    case 'yaml': releaseManifestParse(input.path, input.text); break;
  }
}
