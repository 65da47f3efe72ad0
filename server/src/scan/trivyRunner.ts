// Runs the Trivy CLI: always with an argument array (no shell), registry credentials only in
// the environment variables Trivy reads, cancellable through an AbortSignal, and with the tail
// of stderr in the error when Trivy fails.
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { RegistryCredential } from '../credentials/types';
import { parseScanText } from './parse';
import type { ScanReport } from './model';

export type TrivyErrorKind = 'missing' | 'failed' | 'cancelled' | 'output';

export class TrivyError extends Error {
  override readonly name = 'TrivyError';
  constructor(readonly kind: TrivyErrorKind, message: string, readonly exitCode?: number, readonly stderr = '') {
    super(message);
  }
}

export interface TrivyRunOptions {
  /** Executable path (the `shipshape.trivy.path` setting or what `findTrivy` found). */
  trivyPath: string;
  args: string[];
  cwd?: string;
  /** Base environment (defaults to this process's). */
  env?: NodeJS.ProcessEnv;
  credentials?: RegistryCredential;
  signal?: AbortSignal;
  /** Each stderr line as it arrives (Trivy logs progress there). */
  onProgress?: (line: string) => void;
}

const STDERR_TAIL = 4000;
const KILL_GRACE_MS = 3000;

/** `trivy image` for a remote or local image, JSON on stdout. */
export function imageScanArgs(reference: string, options: { insecure?: boolean } = {}): string[] {
  return ['image', '--format', 'json', '--no-progress', ...(options.insecure ? ['--insecure'] : []), reference];
}

/** `trivy fs` over a folder: vulnerabilities in lock files, secrets and misconfigurations. */
export function fsScanArgs(folder: string): string[] {
  return ['fs', '--format', 'json', '--no-progress', '--scanners', 'vuln,secret,misconfig', folder];
}

/** `trivy config`: misconfigurations only (Dockerfiles, Kubernetes, Terraform…). */
export function configScanArgs(folder: string): string[] {
  return ['config', '--format', 'json', folder];
}

/** The environment variables Trivy reads for registry authentication. */
export function trivyCredentialEnv(credential: RegistryCredential | undefined): Record<string, string> {
  if (!credential) return {};
  if (credential.registryToken) return { TRIVY_REGISTRY_TOKEN: credential.registryToken };
  if (credential.username && credential.secret) return { TRIVY_USERNAME: credential.username, TRIVY_PASSWORD: credential.secret };
  return {};
}

/** The configured path when it exists, else `trivy` on PATH; undefined when there is none. */
export async function findTrivy(configuredPath: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const configured = configuredPath?.trim();
  if (configured) {
    if (isAbsolute(configured) || configured.includes('/') || configured.includes('\\')) return (await isExecutable(configured)) ? configured : undefined;
    return searchPath(configured, env);
  }
  return searchPath('trivy', env);
}

async function searchPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, process.platform === 'win32' ? fsConstants.F_OK : fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs Trivy and resolves with its stdout; TrivyError on every failure. */
export function runTrivy(options: TrivyRunOptions): Promise<string> {
  const secretValues = Object.values(trivyCredentialEnv(options.credentials)).filter((v) => v.length >= 4);
  const redact = (text: string) => secretValues.reduce((t, s) => t.split(s).join('***'), text);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new TrivyError('cancelled', 'Trivy scan cancelled'));
    const env = { ...(options.env ?? process.env), ...trivyCredentialEnv(options.credentials) };
    const child = spawn(options.trivyPath, options.args, { cwd: options.cwd, env, shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    let pending = '';
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      cancelled = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
      pending += chunk;
      const lines = pending.split(/\r?\n|\r/);
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.onProgress?.(redact(line.trim()));
    });
    const finish = () => {
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      reject(error.code === 'ENOENT' || error.code === 'EACCES'
        ? new TrivyError('missing', `Trivy was not found at "${options.trivyPath}" (${error.code}) — install Trivy or set "shipshape.trivy.path"`)
        : new TrivyError('failed', `could not start Trivy: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      finish();
      if (cancelled) return reject(new TrivyError('cancelled', 'Trivy scan cancelled'));
      if (code !== 0) {
        const tail = redact(stderr.trim()).split('\n').slice(-15).join('\n');
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        return reject(new TrivyError('failed', `Trivy ${how}${tail ? `:\n${tail}` : ' without an error message'}`, code ?? undefined, tail));
      }
      resolve(Buffer.concat(stdout).toString('utf8'));
    });
  });
}

/** Runs Trivy with JSON output and parses the report. */
export async function scanWithTrivy(options: TrivyRunOptions): Promise<ScanReport> {
  const stdout = await runTrivy(options);
  if (!stdout.trim()) throw new TrivyError('output', 'Trivy finished but printed no report');
  try {
    return parseScanText(stdout);
  } catch (error) {
    throw new TrivyError('output', `Trivy's output could not be read: ${(error as Error).message}`);
  }
}
