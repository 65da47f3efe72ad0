// Registry addresses: what people type ("localhost:5000", "ghcr.io/owner/app",
// "https://harbor.example") into a base URL, a host key for credentials and an optional repository.

export const DOCKER_HUB_HOST = 'docker.io';
export const DOCKER_HUB_REGISTRY_URL = 'https://registry-1.docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

export interface RegistryAddress {
  /** Base URL of the registry API (no trailing slash, no `/v2`). */
  baseUrl: URL;
  /** `host[:port]`, `docker.io` for Docker Hub: the key credentials are looked up by. */
  host: string;
  /** Repository (or namespace/project prefix) written after the host, if any. */
  repository?: string;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h) || h.endsWith('.localhost');
}

/**
 * Parses a registry address. Without a scheme, https is used except for loopback hosts or
 * when `insecure` is set, which use plain http.
 */
export function parseRegistryAddress(text: string, insecure = false): RegistryAddress {
  const trimmed = text.trim().replace(/\/+$/, '');
  if (!trimmed) throw new Error('registry address is empty');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    throw new Error(`"${text}" is not a registry address (expected host[:port][/repository] or a URL)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`registry address "${text}" must use http or https`);
  if (!hasScheme && (insecure || isLoopbackHost(url.hostname))) url = new URL(`http://${trimmed}`);
  let path = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  if (path === 'v2' || path.startsWith('v2/')) path = path.slice(2).replace(/^\/+/, '');
  const hub = HUB_ALIASES.has(url.hostname.toLowerCase());
  const baseUrl = hub ? new URL(DOCKER_HUB_REGISTRY_URL) : new URL(`${url.protocol}//${url.host}`);
  return { baseUrl, host: hub ? DOCKER_HUB_HOST : url.host.toLowerCase(), ...(path ? { repository: path } : {}) };
}
