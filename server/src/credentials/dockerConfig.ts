// THE place that reads container-registry credentials from disk: Docker's config.json
// (`auths` with `auth`/`username`+`password`/`identitytoken`/`registrytoken`, `credsStore`,
// `credHelpers`) and Podman/containers' auth.json. Credential helpers are separate processes
// (`docker-credential-<name> get`, server URL on stdin, JSON on stdout).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runCredentialHelper, type HelperRunner } from './helper';
import type { CredentialProvider, ResolvedCredential } from './types';

export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface AuthEntry { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }

export interface DockerConfigFile {
  path: string;
  kind: 'docker' | 'podman';
  auths: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

export interface DockerCredentialOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Explicit files instead of the default search (tests, CLI `--config`). */
  files?: string[];
  runHelper?: HelperRunner;
  /** Non-fatal problems (unreadable file, failing helper) — never includes secrets. */
  onWarning?: (message: string) => void;
}

/** `https://host/v1/`, `http://host`, `host/path` → `host` (Hub aliases → `docker.io`). */
export function credentialHostKey(serverAddress: string): string {
  const host = serverAddress.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0]!.toLowerCase();
  return HUB_HOSTS.has(host) ? 'docker.io' : host;
}

/** The server address credential helpers and `auths` use for a host (Hub's legacy URL). */
export function helperServerAddress(host: string): string {
  return credentialHostKey(host) === 'docker.io' ? DOCKER_HUB_SERVER : host;
}

/** Config files in the order they are consulted. */
export function defaultConfigFiles(env: NodeJS.ProcessEnv = process.env, home = homedir()): { path: string; kind: 'docker' | 'podman' }[] {
  const files: { path: string; kind: 'docker' | 'podman' }[] = [];
  files.push({ path: join(env['DOCKER_CONFIG'] || join(home, '.docker'), 'config.json'), kind: 'docker' });
  if (env['REGISTRY_AUTH_FILE']) files.push({ path: env['REGISTRY_AUTH_FILE'], kind: 'podman' });
  if (env['XDG_RUNTIME_DIR']) files.push({ path: join(env['XDG_RUNTIME_DIR'], 'containers', 'auth.json'), kind: 'podman' });
  files.push({ path: join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'containers', 'auth.json'), kind: 'podman' });
  return files;
}

export function readConfigFile(path: string, kind: 'docker' | 'podman'): DockerConfigFile {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});
  const auths: Record<string, AuthEntry> = {};
  for (const [key, value] of Object.entries(obj(data['auths']))) auths[key] = obj(value) as AuthEntry;
  const credHelpers: Record<string, string> = {};
  for (const [key, value] of Object.entries(obj(data['credHelpers']))) if (typeof value === 'string' && value) credHelpers[key] = value;
  return { path, kind, auths, credHelpers, ...(typeof data['credsStore'] === 'string' && data['credsStore'] ? { credsStore: data['credsStore'] } : {}) };
}

function decodeAuth(entry: AuthEntry): { username?: string; secret?: string } {
  if (entry.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon > 0) return { username: text.slice(0, colon), secret: text.slice(colon + 1) };
  }
  return { ...(entry.username ? { username: entry.username } : {}), ...(entry.password ? { secret: entry.password } : {}) };
}

/** Reads credentials for a registry host from Docker/Podman configs and their helpers. */
export class DockerCredentialStore implements CredentialProvider {
  private readonly env: NodeJS.ProcessEnv;
  private readonly runHelper: HelperRunner;
  private configs: DockerConfigFile[] | undefined;

  constructor(private readonly options: DockerCredentialOptions = {}) {
    this.env = options.env ?? process.env;
    this.runHelper = options.runHelper ?? ((name, action, input) => runCredentialHelper(name, action, input, { env: this.env }));
  }

  /** Parsed config files (missing files skipped, unreadable ones reported). */
  configFiles(): DockerConfigFile[] {
    if (!this.configs) {
      const candidates = this.options.files
        ? this.options.files.map((path) => ({ path, kind: (/containers|auth\.json$/.test(path) ? 'podman' : 'docker') as 'docker' | 'podman' }))
        : defaultConfigFiles(this.env, this.options.home);
      this.configs = [];
      for (const { path, kind } of candidates) {
        if (!existsSync(path)) continue;
        try {
          this.configs.push(readConfigFile(path, kind));
        } catch (error) {
          this.options.onWarning?.(`cannot read ${path}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
    return this.configs;
  }

  /** Registry hosts named in the configs (for "discovered registries"). */
  knownRegistries(): string[] {
    const hosts = new Set<string>();
    for (const config of this.configFiles()) {
      for (const key of [...Object.keys(config.auths), ...Object.keys(config.credHelpers)]) hosts.add(credentialHostKey(key));
    }
    return [...hosts].sort();
  }

  async get(registryHost: string): Promise<ResolvedCredential | undefined> {
    const host = credentialHostKey(registryHost);
    const tool = (kind: 'docker' | 'podman') => (kind === 'podman' ? 'podman' : 'docker');
    for (const config of this.configFiles()) {
      const helperKey = Object.keys(config.credHelpers).find((k) => credentialHostKey(k) === host);
      const authKeys = Object.keys(config.auths).filter((k) => credentialHostKey(k) === host);
      const helper = helperKey ? config.credHelpers[helperKey] : config.credsStore;
      if (helper) {
        const addresses = [...new Set([helperKey ?? helperServerAddress(host), ...authKeys])];
        for (const address of addresses) {
          const found = await this.fromHelper(helper, address, host, tool(config.kind));
          if (found) return found;
        }
      }
      for (const key of authKeys) {
        const entry = config.auths[key]!;
        const { username, secret } = decodeAuth(entry);
        const credential: ResolvedCredential = {
          ...(username ? { username } : {}), ...(secret ? { secret } : {}),
          ...(entry.identitytoken ? { identityToken: entry.identitytoken } : {}),
          ...(entry.registrytoken ? { registryToken: entry.registrytoken } : {}),
          origin: { source: config.path, updateHint: `"${tool(config.kind)} login ${host}"` },
        };
        if (credential.username || credential.secret || credential.identityToken || credential.registryToken) return credential;
      }
    }
    return undefined;
  }

  private async fromHelper(helper: string, address: string, host: string, tool: string): Promise<ResolvedCredential | undefined> {
    try {
      const answer = await this.runHelper(helper, 'get', address);
      if (answer === undefined) return undefined;
      const data = JSON.parse(answer) as { Username?: string; Secret?: string };
      if (!data.Secret && !data.Username) return undefined;
      const origin = { source: `docker-credential-${helper}`, updateHint: `"${tool} login ${host}" (stored by docker-credential-${helper})` };
      // Helper protocol: Username "<token>" means Secret is an identity (refresh) token.
      if (data.Username === '<token>') return { identityToken: data.Secret ?? '', origin };
      return { ...(data.Username ? { username: data.Username } : {}), ...(data.Secret ? { secret: data.Secret } : {}), origin };
    } catch (error) {
      this.options.onWarning?.(`credential helper docker-credential-${helper} failed for ${host}: ${(error as Error).message}`);
      return undefined;
    }
  }
}

/** Asks providers in order; the first credential wins. */
export class CredentialChain implements CredentialProvider {
  constructor(private readonly providers: CredentialProvider[]) {}
  async get(registryHost: string): Promise<ResolvedCredential | undefined> {
    for (const provider of this.providers) {
      const found = await provider.get(registryHost);
      if (found) return found;
    }
    return undefined;
  }
}
