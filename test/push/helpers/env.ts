// Shared setup for push/sign tests: registries from the registry helpers, clients with the
// right credentials/CA, skopeo read-back, request counting.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RegistryClient } from '../../../server/src/registry/client';
import { ADMIN, type TestRegistry } from '../../helpers/registry/registry';

const run = promisify(execFile);

const created: string[] = [];

export function tempDir(prefix = 'shipshape-push-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory `tempDir` made (call from `after`). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CountingClient { client: RegistryClient; requests: Array<{ method: string; url: URL }> }

export function clientFor(registry: TestRegistry, user = ADMIN): CountingClient {
  const requests: Array<{ method: string; url: URL }> = [];
  const client = new RegistryClient({
    url: registry.url,
    ...(registry.mode !== 'plain' ? { credentials: { username: user.username, secret: user.password } } : {}),
    ...(registry.caFile ? { caFile: registry.caFile } : {}),
    onRequest: (method, url) => requests.push({ method, url }),
    retries: 1,
  });
  return { client, requests };
}

function skopeoTlsArgs(registry: TestRegistry): string[] {
  if (registry.mode === 'tls') {
    const certDir = join(registry.dir, 'client-certs');
    mkdirSync(certDir, { recursive: true });
    writeFileSync(join(certDir, 'ca.crt'), readFileSync(registry.caFile!));
    return ['--cert-dir', certDir];
  }
  return ['--tls-verify=false'];
}

/** `skopeo inspect --raw` of `repo:ref`: the manifest bytes exactly as the registry serves them. */
export async function skopeoRaw(registry: TestRegistry, reference: string): Promise<Buffer> {
  const args = ['inspect', '--raw', '--retry-times', '0', ...skopeoTlsArgs(registry)];
  if (registry.mode !== 'plain') args.push('--creds', `${ADMIN.username}:${ADMIN.password}`);
  args.push(`docker://${registry.host}/${reference}`);
  const { stdout } = await run('skopeo', args, { encoding: 'buffer', timeout: 60_000 });
  return stdout;
}

/** `skopeo copy` from a registry into an OCI layout (a full, independent pull). */
export async function skopeoPullAll(registry: TestRegistry, reference: string, layoutDir: string): Promise<void> {
  const args = ['copy', '--all', '--retry-times', '0', ...skopeoTlsArgs(registry).map((a) => a.replace(/^--tls-verify/, '--src-tls-verify').replace(/^--cert-dir/, '--src-cert-dir'))];
  if (registry.mode !== 'plain') args.push('--src-creds', `${ADMIN.username}:${ADMIN.password}`);
  args.push(`docker://${registry.host}/${reference}`, `oci:${layoutDir}:pulled`);
  await run('skopeo', args, { timeout: 60_000 });
}

/** skopeo writing archives from a layout (real-world archive producer). */
export async function skopeoToArchive(layoutDir: string, ref: string, destination: string): Promise<void> {
  await run('skopeo', ['copy', '--retry-times', '0', `oci:${layoutDir}:${ref}`, destination], { timeout: 60_000 });
}

export const count = (requests: CountingClient['requests'], method: string, pathPart: string | RegExp): number =>
  requests.filter((r) => r.method === method && (typeof pathPart === 'string' ? r.url.pathname.includes(pathPart) : pathPart.test(r.url.pathname + r.url.search))).length;
