// Runs a Docker credential helper (`docker-credential-<name> <action>`) with an argument array
// and the protocol's stdin, never through a shell. The helper's output may hold a secret: it is
// returned to the caller only and never put into error messages.
import { spawn } from 'node:child_process';

/** Resolves stdout, or undefined when the helper reports "credentials not found". */
export type HelperRunner = (name: string, action: 'get' | 'store' | 'erase' | 'list', input: string) => Promise<string | undefined>;

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function runCredentialHelper(name: string, action: 'get' | 'store' | 'erase' | 'list', input: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string | undefined> {
  if (!NAME_RE.test(name)) return Promise.reject(new Error(`invalid credential helper name "${name}"`));
  return new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${name}`, [action], { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no answer within ${(options.timeoutMs ?? 15_000) / 1000} s`)); }, options.timeoutMs ?? 15_000);
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(error.code === 'ENOENT' ? `docker-credential-${name} is not installed or not on PATH` : error.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve(stdout.trim());
      if (/credentials not found/i.test(stdout + stderr)) return resolve(undefined);
      // Not the output itself: on failure helpers echo their input, which is harmless, but be safe.
      reject(new Error(`exited with status ${code}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]!.slice(0, 120)}` : ''}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
