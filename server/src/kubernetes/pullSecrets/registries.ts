// Which registries need credentials. Never guessed private: the well-known public registries,
// loopback, and cloud registries whose nodes authenticate themselves.

const WELL_KNOWN_PUBLIC = new Set(['docker.io', 'quay.io', 'ghcr.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'mcr.microsoft.com', 'public.ecr.aws']);

const NODE_AUTHENTICATED = [
  /^[^.]+\.dkr\.ecr\.[^.]+\.amazonaws\.com(?:\.cn)?$/,
  /\.azurecr\.(?:io|cn|us)$/,
  /-docker\.pkg\.dev$/,
  /(?:^|\.)gcr\.io$/,
];

export function registryHost(registry: string): string {
  const lower = registry.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon >= 0 ? lower.slice(0, colon) : lower;
}

export function isWellKnownPublic(registry: string): boolean {
  return WELL_KNOWN_PUBLIC.has(registryHost(registry));
}

export function isLoopback(registry: string): boolean {
  const host = registryHost(registry);
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
}

export function isNodeAuthenticated(registry: string): boolean {
  const host = registryHost(registry);
  return NODE_AUTHENTICATED.some((pattern) => pattern.test(host));
}

export { coversBySegments, normaliseRegistryEntry } from '../../image/registryPatterns';
