// Picks the provider for a registry entry. Kinds: generic (any OCI registry), dockerhub (Hub API
// for listings), harbor (REST API v2.0), quay (Quay API v1), ghcr (GitHub Packages API), gitlab
// (GitLab API v4), and ecr/acr/gcr, which speak plain OCI with their own token servers and get
// credentials through their Docker credential helpers (ecr-login, acr-env, gcloud) when the
// Docker config names none.
import { CredentialChain } from '../../credentials/dockerConfig';
import { runCredentialHelper } from '../../credentials/helper';
import type { CredentialProvider, ResolvedCredential } from '../../credentials/types';
import { RegistryClient, type RegistryClientOptions } from '../client';
import { parseRegistryAddress } from '../url';
import { DockerHubProvider } from './dockerhub';
import { GenericProvider } from './generic';
import { GhcrProvider } from './ghcr';
import { GitLabProvider } from './gitlab';
import { HarborProvider } from './harbor';
import { QuayProvider } from './quay';
import { REGISTRY_KINDS, type RegistryKind, type RegistryProvider, type RegistrySettings } from './types';

export * from './types';

/** Guesses the kind from the host name; Harbor cannot be told by name (generic). */
export function detectKind(url: string): RegistryKind {
  const host = parseRegistryAddress(url).host.split(':')[0]!;
  if (host === 'docker.io') return 'dockerhub';
  if (host === 'ghcr.io') return 'ghcr';
  if (host === 'quay.io' || host.endsWith('.quay.io')) return 'quay';
  if (host === 'registry.gitlab.com' || host.startsWith('registry.gitlab.')) return 'gitlab';
  if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) || host === 'public.ecr.aws') return 'ecr';
  if (host.endsWith('.azurecr.io') || host.endsWith('.azurecr.cn')) return 'acr';
  if (host === 'gcr.io' || host.endsWith('.gcr.io') || host.endsWith('-docker.pkg.dev')) return 'gcr';
  return 'generic';
}

export function isRegistryKind(value: unknown): value is RegistryKind {
  return typeof value === 'string' && (REGISTRY_KINDS as readonly string[]).includes(value);
}

/** Conventional credential helpers of the cloud registries (used only if installed). */
const KIND_HELPERS: Partial<Record<RegistryKind, string>> = { ecr: 'ecr-login', acr: 'acr-env', gcr: 'gcloud' };

class KindHelperCredentials implements CredentialProvider {
  constructor(private readonly helper: string, private readonly onWarning?: (message: string) => void) {}
  async get(registryHost: string): Promise<ResolvedCredential | undefined> {
    try {
      const answer = await runCredentialHelper(this.helper, 'get', registryHost);
      if (!answer) return undefined;
      const data = JSON.parse(answer) as { Username?: string; Secret?: string };
      const origin = { source: `docker-credential-${this.helper}`, updateHint: `the ${this.helper} credential helper (sign in with your cloud CLI)` };
      if (data.Username === '<token>') return { identityToken: data.Secret ?? '', origin };
      return { ...(data.Username ? { username: data.Username } : {}), ...(data.Secret ? { secret: data.Secret } : {}), origin };
    } catch (error) {
      if (!/not installed/.test((error as Error).message)) this.onWarning?.(`docker-credential-${this.helper}: ${(error as Error).message}`);
      return undefined;
    }
  }
}

export interface ProviderOptions extends Omit<RegistryClientOptions, 'url' | 'caFile' | 'insecure' | 'credentials'> {
  credentials?: CredentialProvider;
  /** Docker Hub API base (tests point it at recorded responses). */
  dockerHubApi?: string;
  /**
   * Vendor REST API base for quay/ghcr/gitlab (tests point it at recorded responses). Normally
   * derived from the kind and host: api.github.com, https://HOST/api/v4, the Quay host itself.
   */
  apiUrl?: string;
}

export function createProvider(settings: RegistrySettings, options: ProviderOptions = {}): RegistryProvider {
  const kind = settings.kind ?? detectKind(settings.url);
  const helper = KIND_HELPERS[kind];
  const credentials = helper
    ? new CredentialChain([...(options.credentials ? [options.credentials] : []), new KindHelperCredentials(helper, options.onWarning)])
    : options.credentials;
  const { dockerHubApi, apiUrl, ...clientOptions } = options;
  const client = new RegistryClient({
    ...clientOptions, url: settings.url,
    ...(settings.caFile ? { caFile: settings.caFile } : {}), ...(settings.insecure ? { insecure: true } : {}),
    ...(credentials ? { credentials } : {}),
  });
  if (kind === 'harbor') return new HarborProvider(settings, client);
  if (kind === 'dockerhub') {
    const { transport, timeoutMs, retries, maxRetryDelayMs } = clientOptions;
    return new DockerHubProvider(settings, client, dockerHubApi, {
      ...(transport ? { transport } : {}), ...(timeoutMs ? { timeoutMs } : {}), ...(retries !== undefined ? { retries } : {}), ...(maxRetryDelayMs ? { maxRetryDelayMs } : {}),
    });
  }
  if (kind === 'quay' || kind === 'ghcr' || kind === 'gitlab') {
    const { transport, timeoutMs, retries, maxRetryDelayMs, onRequest, onWarning } = clientOptions;
    const apiOptions = {
      ...(transport ? { transport } : {}), ...(timeoutMs ? { timeoutMs } : {}), ...(retries !== undefined ? { retries } : {}), ...(maxRetryDelayMs ? { maxRetryDelayMs } : {}), ...(onRequest ? { onRequest } : {}),
      // Quay's API is the registry host and self-managed GitLab shares its host: same CA/TLS setting.
      ...(kind !== 'ghcr' && settings.caFile ? { caFile: settings.caFile } : {}), ...(kind !== 'ghcr' && settings.insecure ? { insecure: true } : {}),
    };
    if (kind === 'quay') return new QuayProvider(settings, client, apiUrl, apiOptions, onWarning);
    if (kind === 'ghcr') return new GhcrProvider(settings, client, apiUrl, apiOptions, onWarning);
    return new GitLabProvider(settings, client, apiUrl, apiOptions, onWarning);
  }
  return new GenericProvider(kind, settings, client);
}

/** Display name of a registry entry. */
export function registryDisplayName(settings: RegistrySettings): string {
  return settings.name || parseRegistryAddress(settings.url).host + (parseRegistryAddress(settings.url).repository ? `/${parseRegistryAddress(settings.url).repository}` : '');
}

/** Validates one `registries` entry from settings or `.shipshape.yaml`; returns an error text or the entry. */
export function parseRegistrySettings(value: unknown, where: string): RegistrySettings | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return `${where}: expected {url, kind?, name?, caFile?, insecure?}`;
  const v = value as Record<string, unknown>;
  if (typeof v['url'] !== 'string' || !v['url'].trim()) return `${where}: "url" is required`;
  try {
    parseRegistryAddress(v['url']);
  } catch (error) {
    return `${where}: ${(error as Error).message}`;
  }
  if (v['kind'] !== undefined && !isRegistryKind(v['kind'])) return `${where}: "kind" must be one of ${REGISTRY_KINDS.join(', ')}`;
  for (const secret of ['password', 'token', 'secret', 'auth', 'identitytoken']) {
    if (v[secret] !== undefined) return `${where}: "${secret}" is not allowed here — keep credentials in "docker login", a credential helper or "Shipshape: Add Registry"`;
  }
  return {
    url: v['url'].trim(),
    ...(typeof v['name'] === 'string' && v['name'] ? { name: v['name'] } : {}),
    ...(isRegistryKind(v['kind']) ? { kind: v['kind'] } : {}),
    ...(typeof v['caFile'] === 'string' && v['caFile'] ? { caFile: v['caFile'] } : {}),
    ...(v['insecure'] === true ? { insecure: true } : {}),
  };
}
