// The user's container engine (docker or podman) driven through its CLI: list local images, tag,
// push, log in. Editor-free (no `vscode` import) so it is tested directly. Programs are spawned
// with argument arrays, never through a shell; secrets only ever go to stdin.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Engine = 'docker' | 'podman';

export interface LocalImage {
  /** `repository:tag`, or the image id when untagged. */
  name: string;
  repository?: string;
  tag?: string;
  id: string;
  created?: string;
  size?: string;
}

/** Finds an executable on PATH (what spawn would run), without running it. */
export function onPath(program: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exts = process.platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = join(dir, program + ext);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch { /* next */ }
    }
  }
  return undefined;
}

/** `auto`: docker when installed, else podman. */
export function chooseEngine(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): Engine | undefined {
  if (setting === 'docker' || setting === 'podman') return setting;
  if (onPath('docker', env)) return 'docker';
  if (onPath('podman', env)) return 'podman';
  return undefined;
}

/**
 * Parses `docker image ls --format json` (one JSON object per line) and `podman image ls
 * --format json` (one JSON array). Dangling `<none>` entries are listed by id.
 */
export function parseImageList(text: string): LocalImage[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  let records: Record<string, unknown>[];
  if (trimmed.startsWith('[')) {
    records = JSON.parse(trimmed) as Record<string, unknown>[];
  } else {
    records = trimmed.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  const images: LocalImage[] = [];
  for (const r of records) {
    const id = String(r['ID'] ?? r['Id'] ?? r['id'] ?? '').replace(/^sha256:/, '').slice(0, 12);
    const created = typeof r['CreatedSince'] === 'string' ? r['CreatedSince'] : typeof r['CreatedAt'] === 'string' ? r['CreatedAt'] : undefined;
    const size = typeof r['Size'] === 'string' ? r['Size'] : typeof r['Size'] === 'number' ? `${(r['Size'] / 1e6).toFixed(1)} MB` : undefined;
    const names = Array.isArray(r['Names']) ? (r['Names'] as string[]) : [];
    if (names.length > 0) { // podman
      for (const name of names) {
        const colon = name.lastIndexOf(':');
        const slash = name.lastIndexOf('/');
        const [repository, tag] = colon > slash ? [name.slice(0, colon), name.slice(colon + 1)] : [name, undefined];
        images.push({ name, repository, ...(tag ? { tag } : {}), id, ...(created ? { created } : {}), ...(size ? { size } : {}) });
      }
      continue;
    }
    const repository = typeof r['Repository'] === 'string' && r['Repository'] !== '<none>' ? r['Repository'] : undefined;
    const tag = typeof r['Tag'] === 'string' && r['Tag'] !== '<none>' ? r['Tag'] : undefined;
    const name = repository ? `${repository}${tag ? `:${tag}` : ''}` : id;
    images.push({ name, ...(repository ? { repository } : {}), ...(tag ? { tag } : {}), id, ...(created ? { created } : {}), ...(size ? { size } : {}) });
  }
  return images;
}

/** `latest: digest: sha256:… size: 528` (docker) / `Writing manifest…` + digest lines. */
export function pushedDigest(output: string): string | undefined {
  const matches = [...output.matchAll(/digest:\s*(sha256:[a-f0-9]{64})/g)];
  return matches.length ? matches[matches.length - 1]![1] : undefined;
}

/** Output that means "log in first". */
export function looksUnauthorized(output: string): boolean {
  return /unauthorized|authentication required|no basic auth credentials|denied: requested access|401/i.test(output);
}

export interface RunResult { code: number; output: string }

export interface RunOptions {
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  /** Written to stdin, then closed (passwords for --password-stdin). Never logged. */
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs `program args…`, streaming output lines; a cancelled run kills the process. */
export function runStreaming(program: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new Error('cancelled'));
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env, ...(options.cwd ? { cwd: options.cwd } : {}) });
    let output = '';
    let partial = '';
    const onData = (chunk: Buffer): void => {
      const text = partial + chunk.toString('utf8');
      const lines = text.split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const line of lines) { output += line + '\n'; options.onLine?.(line); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const abort = (): void => { child.kill('SIGTERM'); };
    options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', abort);
      reject(error.code === 'ENOENT' ? new Error(`${program} is not installed or not on PATH`) : error);
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (partial) { output += partial; options.onLine?.(partial); }
      if (options.signal?.aborted) return reject(new Error('cancelled'));
      resolve({ code: code ?? 1, output });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

export async function listLocalImages(engine: Engine, options: RunOptions = {}): Promise<LocalImage[]> {
  const result = await runStreaming(engine, ['image', 'ls', '--format', 'json'], options);
  if (result.code !== 0) throw new Error(`${engine} image ls failed: ${result.output.trim().split('\n').slice(-3).join(' ') || `exit code ${result.code}`}`);
  try {
    return parseImageList(result.output);
  } catch (error) {
    throw new Error(`${engine} image ls printed something that is not JSON: ${(error as Error).message}`);
  }
}

/** `docker login host --username u --password-stdin` (the secret goes to stdin only). */
export function login(engine: Engine, host: string, username: string, secret: string, options: RunOptions = {}): Promise<RunResult> {
  return runStreaming(engine, ['login', host, '--username', username, '--password-stdin'], { ...options, stdin: secret });
}
