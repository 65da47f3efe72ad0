// Registry/path entries as users write them in `trustedRegistries` and `privateRegistries`
// (`ghcr.io/acme`, `https://index.docker.io/v1/`, `bitnami`, `*.corp.example:5000`), matched
// against normalised image names (`registry/repository`). One matcher for Dockerfile (DL3026)
// and Kubernetes (untrusted-registry, private registries) rules alike.
import { normalisedName, type ImageReference } from './reference';

const DOCKER_HUB_ALIASES = ['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com'];

/** Canonical spelling of an entry: no scheme or trailing slash, lowercase host, Docker Hub aliases folded. */
export function normaliseRegistryEntry(entry: string): string {
  const trimmed = entry.trim();
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let value = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  // Docker config keys in URL form end in the API version (`https://index.docker.io/v1/`).
  if (isUrl) value = value.replace(/\/v[12]$/, '');
  const slash = value.indexOf('/');
  const first = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash);
  if (DOCKER_HUB_ALIASES.includes(first.toLowerCase())) value = 'docker.io' + rest;
  // Docker Hub short forms, by the reference grammar's domain rule: `bitnami` = docker.io/bitnami.
  const isDomain = first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase() || first.includes('*');
  if (!isDomain) return `docker.io/${value}`;
  const host = value.slice(0, slash < 0 ? undefined : value.indexOf('/'));
  return host.toLowerCase() + value.slice(host.length);
}

/**
 * `ghcr.io/acme` covers `ghcr.io/acme/x` but not `ghcr.io/acmecorp/x`: whole segments only.
 * `*` stands for any run of characters within one segment (hadolint's `*.example.com`).
 */
export function coversBySegments(entry: string, name: string): boolean {
  const pattern = normaliseRegistryEntry(entry);
  if (!pattern.includes('*')) return name === pattern || name.startsWith(pattern + '/');
  const regex = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${regex}(?:/|$)`, 'i').test(name);
}

export function isCoveredByAny(reference: ImageReference, entries: readonly string[]): boolean {
  const name = normalisedName(reference);
  return entries.some((entry) => coversBySegments(entry, name));
}
