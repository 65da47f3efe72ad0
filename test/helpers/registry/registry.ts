// Starts Debian's `docker-registry` (CNCF distribution 2.8) on 127.0.0.1 on a free port, in a temp
// dir, in one of four modes: plain (no auth), basic (htpasswd bcrypt), tls (self-signed CA +
// basic) or token (bearer, with the in-process token server). Adapted from the shared test bed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { startTokenServer, type TokenServer } from './token-server';

export type RegistryMode = 'plain' | 'basic' | 'tls' | 'token';

export const ADMIN = { username: 'testuser', password: 'testpassword' };
export const READER = { username: 'reader', password: 'readerpassword' };

export interface StartOptions {
  catalogMaxEntries?: number;
  /** token mode: anonymous pull allowed. */
  anonymousPull?: boolean;
  /** token mode: token endpoint answers GET with 405 (OAuth2 POST only). */
  tokenPostOnly?: boolean;
  /** Parent dir for the registry's temp dir (default: $TMPDIR). */
  parentDir?: string;
}

export interface TestRegistry {
  mode: RegistryMode;
  /** `http://127.0.0.1:PORT` or `https://…` */
  url: string;
  /** `127.0.0.1:PORT` */
  host: string;
  port: number;
  dir: string;
  /** Filesystem storage root (`rootdirectory`). */
  dataDir: string;
  /** TLS mode: the self-signed certificate (its own CA). */
  caFile?: string;
  tokenServer?: TokenServer;
  stop(): Promise<void>;
}

const REGISTRY_BIN = ['/usr/bin/docker-registry', '/usr/bin/registry'].find((p) => existsSync(p)) ?? 'docker-registry';

export function registryAvailable(): boolean {
  return existsSync(REGISTRY_BIN);
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

function selfSignedCert(dir: string, name: string, subject: string, san?: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
    '-keyout', key, '-out', cert, '-subj', subject,
    ...(san ? ['-addext', `subjectAltName=${san}`, '-addext', 'basicConstraints=critical,CA:TRUE'] : [])]);
  return { key, cert };
}

function htpasswd(path: string): void {
  const lines = [ADMIN, READER].map((u) => execFileSync('htpasswd', ['-Bbn', u.username, u.password], { encoding: 'utf8' }).trim());
  writeFileSync(path, lines.join('\n') + '\n');
}

function waitForHttp(url: string, ca: string | undefined, deadlineMs: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`docker-registry exited with ${child.exitCode}`));
      if (Date.now() > deadlineMs) return reject(new Error(`registry at ${url} did not come up`));
      const req = (url.startsWith('https') ? httpsGet : httpGet)(url, ca ? { ca } : {}, (res) => { res.resume(); resolve(); });
      req.on('error', () => setTimeout(attempt, 50));
      req.setTimeout(1000, () => req.destroy());
    };
    attempt();
  });
}

/** Seeded storage can hold tens of thousands of files: delete it without making the test wait. */
function removeInBackground(dir: string): void {
  try {
    spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' }).unref();
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startRegistry(mode: RegistryMode, options: StartOptions = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), `shipshape-registry-${mode}-`));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const certs = join(dir, 'certs');
  mkdirSync(certs);
  let auth = '';
  let tls = '';
  let caFile: string | undefined;
  let tokenServer: TokenServer | undefined;
  if (mode === 'basic' || mode === 'tls') {
    htpasswd(join(dir, 'htpasswd'));
    auth = `auth:\n  htpasswd:\n    realm: shipshape-test-realm\n    path: ${join(dir, 'htpasswd')}\n`;
  }
  if (mode === 'tls') {
    const { key, cert } = selfSignedCert(certs, 'server', '/CN=shipshape-test-registry', 'IP:127.0.0.1,DNS:localhost');
    caFile = cert;
    tls = `  tls:\n    certificate: ${cert}\n    key: ${key}\n`;
  }
  if (mode === 'token') {
    const { key, cert } = selfSignedCert(certs, 'token', '/CN=shipshape-test-token-issuer');
    tokenServer = await startTokenServer({
      keyPem: readFileSync(key, 'utf8'), certPem: readFileSync(cert, 'utf8'),
      issuer: 'shipshape-test-issuer', service: 'shipshape-test-registry',
      users: { [ADMIN.username]: { password: ADMIN.password, role: 'admin' }, [READER.username]: { password: READER.password, role: 'reader' } },
      anonymousPull: options.anonymousPull ?? false, postOnly: options.tokenPostOnly ?? false,
    });
    auth = `auth:\n  token:\n    realm: ${tokenServer.url}\n    service: shipshape-test-registry\n    issuer: shipshape-test-issuer\n    rootcertbundle: ${cert}\n`;
  }

  // A free port can be taken between picking and binding: try a few.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const config = `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${dataDir}
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:${port}
  secret: shipshape-test-not-a-secret
${tls}catalog:
  maxentries: ${options.catalogMaxEntries ?? 1000}
${auth}`;
    writeFileSync(join(dir, 'config.yml'), config);
    const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-4000); });
    const scheme = mode === 'tls' ? 'https' : 'http';
    const url = `${scheme}://127.0.0.1:${port}`;
    try {
      await waitForHttp(`${url}/v2/`, caFile ? readFileSync(caFile, 'utf8') : undefined, Date.now() + 15_000, child);
    } catch (error) {
      child.kill('SIGKILL');
      lastError = new Error(`${(error as Error).message}: ${stderr.trim().slice(-500)}`);
      if (/address already in use/.test(stderr)) continue;
      break;
    }
    const stop = async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await tokenServer?.close();
      removeInBackground(dir);
    };
    return { mode, url, host: `127.0.0.1:${port}`, port, dir, dataDir, ...(caFile ? { caFile } : {}), ...(tokenServer ? { tokenServer } : {}), stop };
  }
  await tokenServer?.close();
  rmSync(dir, { recursive: true, force: true });
  throw lastError ?? new Error('could not start docker-registry');
}
