// THE place that reads container-registry credentials from disk: Docker's config.json
// (`auths` with `auth`/`username`+`password`/`identitytoken`/`registrytoken`, `credsStore`,
// `credHelpers`), `DOCKER_AUTH_CONFIG`, Podman/containers' auth.json (including repository- and
// namespace-scoped `auths` keys) and the legacy ~/.dockercfg. Credential helpers are separate
// processes (`docker-credential-<name> get`, server URL on stdin, JSON on stdout).
//
// Semantics follow docker/cli (cli/config, cli/config/configfile, cli/config/credentials) and
// containers/image (pkg/docker/config); credentialsCompat.test.ts holds their test cases.
// Messages never contain a secret: no file content, helper output or decoded `auth` value.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runCredentialHelper, type HelperRunner } from './helper';
import type { CredentialProvider, ResolvedCredential } from './types';

export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface AuthEntry { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }

export type ConfigKind = 'docker' | 'podman';

export interface ConfigLocation {
  path: string;
  kind: ConfigKind;
  /** ~/.dockercfg: the file is the `auths` map itself, keys are registry URLs. */
  legacy?: boolean;
}

export interface DockerConfigFile extends ConfigLocation {
  auths: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

export interface DockerCredentialOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** `process.platform` unless set (tests): Podman's default auth.json differs off Linux. */
  platform?: NodeJS.Platform;
  /** `process.getuid()` unless set (tests): Podman's /run/containers/<uid>/auth.json. */
  uid?: number;
  /** Explicit files instead of the default search (tests, CLI `--config`). */
  files?: string[];
  runHelper?: HelperRunner;
  /** Non-fatal problems (unreadable file, failing helper) — never includes secrets. */
  onWarning?: (message: string) => void;
}

/**
 * docker/cli's `ConvertToHostname`: a URL (`https://host:port/v1/`, any scheme) becomes its
 * `host[:port]`, anything else is cut at the first `/`. No case folding, no Hub aliases.
 */
export function convertToHostname(maybeURL: string): string {
  const scheme = maybeURL.indexOf('://');
  if (scheme >= 0) {
    const host = urlHostPort(maybeURL.slice(scheme + 3));
    if (host) return host;
  }
  return maybeURL.split('/')[0]!;
}

/** Go's `url.Parse(...)` then `Hostname()`/`Port()`/`net.JoinHostPort`, for the authority part. */
function urlHostPort(rest: string): string | undefined {
  let authority = rest.split(/[/?#]/)[0]!;
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  let host = authority;
  let port = '';
  const colon = authority.lastIndexOf(':');
  if (colon >= 0 && /^:\d*$/.test(authority.slice(colon))) {
    host = authority.slice(0, colon);
    port = authority.slice(colon + 1);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (!host) return undefined;
  if (!port) return host;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `https://host/v1/`, `http://host`, `host/path` → `host` (lower case; Hub aliases → `docker.io`). */
export function credentialHostKey(serverAddress: string): string {
  const host = convertToHostname(serverAddress.trim()).toLowerCase();
  return HUB_HOSTS.has(host) ? 'docker.io' : host;
}

/** The server address credential helpers and `auths` use for a host (Hub's legacy URL). */
export function helperServerAddress(host: string): string {
  return credentialHostKey(host) === 'docker.io' ? DOCKER_HUB_SERVER : host;
}

/**
 * containers/image's `authKeyLookupOrder`: the `auths` keys that may hold credentials for a
 * repository, most specific first — `host/a/b/app`, `host/a/b`, `host/a`, `host`.
 */
export function authKeyLookupOrder(registryHost: string, repository?: string): string[] {
  const host = credentialHostKey(registryHost);
  // As containers/image: no `library/` is added (the registry API names official images
  // `library/<name>` already, and `docker.io/vendor` must stay a namespace of its own).
  const path = (repository ?? '').replace(/^\/+|\/+$/g, '');
  const keys: string[] = [];
  for (let key = path ? `${host}/${path}` : host; ; key = key.slice(0, key.lastIndexOf('/'))) {
    keys.push(key);
    if (!key.includes('/')) return keys;
  }
}

/**
 * What an `auths` key names: a registry (`host`, `https://host/v1/`, every key of ~/.dockercfg)
 * or, in Podman's notation, a namespace or repository (`host/ns[/repo]`, no scheme).
 * Returns the normalised `host` or `host/path`, comparable with `authKeyLookupOrder`.
 */
export function normalizeAuthKey(key: string, legacy = false): string {
  if (legacy || key.includes('://')) return credentialHostKey(key);
  const slash = key.indexOf('/');
  const path = slash < 0 ? '' : key.slice(slash + 1).replace(/\/+$/, '');
  const host = credentialHostKey(slash < 0 ? key : key.slice(0, slash));
  return path ? `${host}/${path}` : host;
}

/** Config files in the order they are consulted (missing ones are skipped later). */
export function defaultConfigFiles(env: NodeJS.ProcessEnv = process.env, home = homedir(), platform: NodeJS.Platform = process.platform, uid = process.getuid?.() ?? 0): ConfigLocation[] {
  const files: ConfigLocation[] = [];
  // containers/image: REGISTRY_AUTH_FILE (podman --authfile) replaces Podman's default auth.json
  // locations; otherwise $XDG_RUNTIME_DIR/containers/auth.json (Linux; /run/containers/<uid>/
  // without it, ~/.config/containers/auth.json on other systems), then
  // $XDG_CONFIG_HOME/containers/auth.json. Docker's config.json and ~/.dockercfg come after them.
  if (env['REGISTRY_AUTH_FILE']) {
    files.push({ path: env['REGISTRY_AUTH_FILE'], kind: 'podman' });
  } else {
    if (platform !== 'linux') files.push({ path: join(home, '.config', 'containers', 'auth.json'), kind: 'podman' });
    else if (env['XDG_RUNTIME_DIR']) files.push({ path: join(env['XDG_RUNTIME_DIR'], 'containers', 'auth.json'), kind: 'podman' });
    else files.push({ path: join('/run/containers', String(uid), 'auth.json'), kind: 'podman' });
    files.push({ path: join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'containers', 'auth.json'), kind: 'podman' });
  }
  files.push({ path: join(env['DOCKER_CONFIG'] || join(home, '.docker'), 'config.json'), kind: 'docker' });
  files.push({ path: join(home, '.dockercfg'), kind: 'docker', legacy: true });
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.path) && seen.add(f.path));
}

/** Where in the text a JSON.parse error is, without quoting the text (it may hold secrets). */
function jsonProblem(text: string, error: unknown): string {
  const at = /at position (\d+)/.exec((error as Error).message ?? '');
  if (!at) return /end of JSON input/i.test((error as Error).message ?? '') ? 'not valid JSON (it ends early)' : 'not valid JSON';
  const before = text.slice(0, Number(at[1])).split('\n');
  return `not valid JSON (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Parses a config file's text. An empty file is an empty config (as `docker` reads it); invalid
 * JSON throws an error whose message names the place, never the content.
 */
export function parseConfigText(text: string, location: ConfigLocation): DockerConfigFile {
  const empty: DockerConfigFile = { ...location, auths: {}, credHelpers: {} };
  if (!text.trim()) return empty;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${location.path}: ${jsonProblem(text, error)}`);
  }
  if (!isObject(data)) throw new Error(`${location.path}: not a JSON object`);
  const auths: Record<string, AuthEntry> = {};
  const rawAuths = location.legacy ? data : data['auths'];
  if (isObject(rawAuths)) {
    for (const [key, value] of Object.entries(rawAuths)) {
      if (!isObject(value)) continue;
      const entry: AuthEntry = {};
      for (const field of ['auth', 'username', 'password', 'identitytoken', 'registrytoken'] as const) {
        if (typeof value[field] === 'string') entry[field] = value[field] as string;
      }
      auths[key] = entry;
    }
  }
  if (location.legacy) return { ...empty, auths };
  const credHelpers: Record<string, string> = {};
  if (isObject(data['credHelpers'])) {
    for (const [key, value] of Object.entries(data['credHelpers'])) if (typeof value === 'string' && value) credHelpers[key] = value;
  }
  const credsStore = typeof data['credsStore'] === 'string' && data['credsStore'] ? data['credsStore'] : undefined;
  return { ...empty, auths, credHelpers, ...(credsStore ? { credsStore } : {}) };
}

export function readConfigFile(path: string, kind: ConfigKind, legacy = false): DockerConfigFile {
  return parseConfigText(readFileSync(path, 'utf8'), { path, kind, ...(legacy ? { legacy } : {}) });
}

/**
 * An `auths` entry's user and password: `auth` is base64 of `user:password` (split at the first
 * `:`, NULs trimmed from the password as docker and containers/image do); otherwise the
 * `username`/`password` fields. A malformed `auth` yields `problem` (no secret in it).
 */
export function decodeAuth(entry: AuthEntry): { username?: string; secret?: string; problem?: string } {
  const fields = { ...(entry.username ? { username: entry.username } : {}), ...(entry.password ? { secret: entry.password } : {}) };
  if (!entry.auth) return fields;
  const compact = entry.auth.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return { ...fields, problem: 'is not base64' };
  const text = Buffer.from(compact, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return text ? { ...fields, problem: 'does not decode to "user:password"' } : fields;
  const username = text.slice(0, colon);
  const secret = text.slice(colon + 1).replace(/^\0+|\0+$/g, '');
  return { ...(username ? { username } : {}), ...(secret ? { secret } : {}) };
}

interface CachedFile { stamp: string; config: DockerConfigFile | undefined }

/** Reads credentials for a registry host (and repository) from Docker/Podman configs and their helpers. */
export class DockerCredentialStore implements CredentialProvider {
  private readonly env: NodeJS.ProcessEnv;
  private readonly runHelper: HelperRunner;
  /** Parsed files by path, re-read when their size or modification time changes. */
  private readonly cache = new Map<string, CachedFile>();
  private envConfig: { text: string; config: DockerConfigFile | undefined } | undefined;

  constructor(private readonly options: DockerCredentialOptions = {}) {
    this.env = options.env ?? process.env;
    this.runHelper = options.runHelper ?? ((name, action, input) => runCredentialHelper(name, action, input, { env: this.env }));
  }

  private locations(): ConfigLocation[] {
    if (!this.options.files) return defaultConfigFiles(this.env, this.options.home, this.options.platform, this.options.uid);
    return this.options.files.map((path) => ({ path, kind: /containers|auth\.json$/.test(path) ? 'podman' : 'docker', ...(/\.dockercfg$/.test(path) ? { legacy: true } : {}) }));
  }

  /** `DOCKER_AUTH_CONFIG` (docker/cli: a config.json in the environment, consulted first). */
  private fromEnvironment(): DockerConfigFile | undefined {
    const text = this.env['DOCKER_AUTH_CONFIG'];
    if (!text || this.options.files) return undefined;
    if (this.envConfig?.text !== text) {
      let config: DockerConfigFile | undefined;
      try {
        const parsed = parseConfigText(text, { path: 'DOCKER_AUTH_CONFIG', kind: 'docker' });
        // Only `auths` counts there: docker/cli keeps the file's helpers for anything not in it.
        config = { ...parsed, credHelpers: {}, credsStore: undefined };
        delete config.credsStore;
      } catch (error) {
        this.options.onWarning?.(`cannot read ${(error as Error).message}; its credentials are ignored`);
      }
      this.envConfig = { text, config };
    }
    return this.envConfig.config;
  }

  /** Parsed config files in lookup order (missing files skipped, broken ones reported once). */
  configFiles(): DockerConfigFile[] {
    const configs: DockerConfigFile[] = [];
    const fromEnv = this.fromEnvironment();
    if (fromEnv) configs.push(fromEnv);
    for (const location of this.locations()) {
      let stamp: string;
      try {
        const stat = statSync(location.path);
        if (!stat.isFile()) continue;
        stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
      } catch {
        this.cache.delete(location.path);
        continue;
      }
      let cached = this.cache.get(location.path);
      if (cached?.stamp !== stamp) {
        cached = { stamp, config: this.load(location) };
        this.cache.set(location.path, cached);
      }
      if (cached.config) configs.push(cached.config);
    }
    return configs;
  }

  private load(location: ConfigLocation): DockerConfigFile | undefined {
    let text: string;
    try {
      text = readFileSync(location.path, 'utf8');
    } catch (error) {
      this.options.onWarning?.(`cannot read ${location.path}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}`);
      return undefined;
    }
    try {
      return parseConfigText(text, location);
    } catch (error) {
      this.options.onWarning?.(`cannot read ${(error as Error).message}; its credentials are ignored`);
      return undefined;
    }
  }

  /** Registry hosts named in the configs (for "discovered registries"). */
  knownRegistries(): string[] {
    const hosts = new Set<string>();
    for (const config of this.configFiles()) {
      for (const key of [...Object.keys(config.auths), ...Object.keys(config.credHelpers)]) hosts.add(credentialHostKey(key));
    }
    return [...hosts].sort();
  }

  scopedByRepository(registryHost: string): boolean {
    const host = credentialHostKey(registryHost);
    return this.configFiles().some((config) => Object.keys(config.auths).some((key) => {
      const normalized = normalizeAuthKey(key, config.legacy);
      return normalized.startsWith(`${host}/`);
    }));
  }

  /**
   * The credential for a registry host, optionally for one repository on it. Files are consulted
   * in order (see `defaultConfigFiles`); in each one:
   *  1. `credHelpers[host]`: that helper only (docker/cli and containers/image alike);
   *  2. `auths` keys scoped to the repository or one of its namespaces, most specific first;
   *  3. `credsStore` (docker/cli), asked for the host;
   *  4. the registry's own `auths` entry — the exact key first, then keys that normalise to the
   *     host (`https://host/v1/`, Hub's aliases).
   * The first file that yields a non-empty credential wins.
   */
  async get(registryHost: string, repository?: string): Promise<ResolvedCredential | undefined> {
    const host = credentialHostKey(registryHost);
    const scoped = authKeyLookupOrder(host, repository).slice(0, -1);
    for (const config of this.configFiles()) {
      const tool = config.kind === 'podman' ? 'podman' : 'docker';
      const helperKey = config.legacy ? undefined : this.helperKeyFor(config, host);
      if (helperKey) {
        const found = await this.fromHelper(config.credHelpers[helperKey]!, helperKey, host, tool);
        if (found) return found;
        continue;
      }
      if (!config.legacy) {
        for (const wanted of scoped) {
          const found = this.fromAuths(config, wanted, host, tool);
          if (found) return found;
        }
      }
      if (config.credsStore) {
        const hostKeys = Object.keys(config.auths).filter((k) => normalizeAuthKey(k, config.legacy) === host);
        for (const address of new Set([helperServerAddress(host), ...hostKeys])) {
          const found = await this.fromHelper(config.credsStore, address, host, tool);
          if (found) return found;
        }
      }
      const found = this.fromAuths(config, host, host, tool);
      if (found) return found;
    }
    return undefined;
  }

  /** The `credHelpers` key for a host: written as the host (or Hub's URL) first, then any that normalises to it. */
  private helperKeyFor(config: DockerConfigFile, host: string): string | undefined {
    const keys = Object.keys(config.credHelpers);
    const exact = host === 'docker.io' ? [DOCKER_HUB_SERVER, 'docker.io'] : [host];
    return exact.find((k) => config.credHelpers[k]) ?? keys.find((k) => credentialHostKey(k) === host);
  }

  /** The `auths` entry for `wanted` (`host` or `host/path`): exact key first, then normalised keys in file order. */
  private fromAuths(config: DockerConfigFile, wanted: string, host: string, tool: string): ResolvedCredential | undefined {
    const exact = wanted !== host ? [wanted] : host === 'docker.io'
      ? (config.kind === 'docker' ? [DOCKER_HUB_SERVER, 'docker.io'] : ['docker.io', DOCKER_HUB_SERVER])
      : [host];
    const keys = [...exact.filter((k) => k in config.auths), ...Object.keys(config.auths).filter((k) => !exact.includes(k) && normalizeAuthKey(k, config.legacy) === wanted)];
    for (const key of keys) {
      const entry = config.auths[key]!;
      const { username, secret, problem } = decodeAuth(entry);
      if (problem) this.options.onWarning?.(`the "auth" value of "${key}" in ${config.path} ${problem}; it is ignored`);
      const credential: ResolvedCredential = {
        ...(username ? { username } : {}), ...(secret ? { secret } : {}),
        ...(entry.identitytoken ? { identityToken: entry.identitytoken } : {}),
        ...(entry.registrytoken ? { registryToken: entry.registrytoken } : {}),
        origin: {
          source: config.path,
          updateHint: config.path === 'DOCKER_AUTH_CONFIG' ? 'the DOCKER_AUTH_CONFIG environment variable' : `"${tool} login ${wanted}"`,
        },
      };
      if (credential.username || credential.secret || credential.identityToken || credential.registryToken) return credential;
    }
    return undefined;
  }

  private async fromHelper(helper: string, address: string, host: string, tool: string): Promise<ResolvedCredential | undefined> {
    let answer: string | undefined;
    try {
      answer = await this.runHelper(helper, 'get', address);
    } catch (error) {
      this.options.onWarning?.(`credential helper docker-credential-${helper} failed for ${host}: ${(error as Error).message}`);
      return undefined;
    }
    if (answer === undefined) return undefined; // "credentials not found"
    let data: unknown;
    try {
      data = JSON.parse(answer);
    } catch {
      // Never the answer itself: it may be a credential that is merely malformed.
      this.options.onWarning?.(`credential helper docker-credential-${helper} answered for ${host} with ${answer.trim() ? 'something that is not JSON' : 'nothing'}`);
      return undefined;
    }
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const username = isObject(data) ? text(data['Username']) : undefined;
    const secret = isObject(data) ? text(data['Secret']) : undefined;
    if (!secret && !username) return undefined;
    const origin = { source: `docker-credential-${helper}`, updateHint: `"${tool} login ${host}" (stored by docker-credential-${helper})` };
    // Helper protocol: Username "<token>" means Secret is an identity (refresh) token.
    if (username === '<token>') return secret ? { identityToken: secret, origin } : undefined;
    return { ...(username ? { username } : {}), ...(secret ? { secret } : {}), origin };
  }
}

/** Asks providers in order; the first credential wins. */
export class CredentialChain implements CredentialProvider {
  constructor(private readonly providers: CredentialProvider[]) {}
  async get(registryHost: string, repository?: string): Promise<ResolvedCredential | undefined> {
    for (const provider of this.providers) {
      const found = await (repository === undefined ? provider.get(registryHost) : provider.get(registryHost, repository));
      if (found) return found;
    }
    return undefined;
  }
  scopedByRepository(registryHost: string): boolean {
    return this.providers.some((p) => p.scopedByRepository?.(registryHost) ?? false);
  }
}
