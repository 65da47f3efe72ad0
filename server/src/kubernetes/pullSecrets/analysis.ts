// Effective pull secrets of a Pod and what each one resolves to in the workspace.
import type { ShipshapeConfig } from '../../config/config';
import { normalisedName, type ImageReference } from '../../image/reference';
import { isDockerConfigType, type SecretFact } from '../../workspace/facts';
import { namespacesMatch, type WorkspaceIndex } from '../../workspace/workspaceIndex';
import { authKeyMatches } from './matching';
import { coversBySegments, isLoopback, isNodeAuthenticated, isWellKnownPublic } from './registries';

export type ResolutionState = 'ok' | 'missing' | 'wrong-namespace' | 'wrong-type' | 'undecodable';

export interface PullSecretResolution {
  name: string;
  state: ResolutionState;
  /** The Secret it resolved to (for ok / wrong-type / undecodable). */
  secret?: SecretFact;
  /** For wrong-namespace: where Secrets of that name do live. */
  elsewhere?: string[];
}

/** Resolves one pull-secret name from a Pod (or ServiceAccount) in `namespace`. */
export function resolvePullSecret(name: string, namespace: string | undefined, index: WorkspaceIndex): PullSecretResolution {
  const candidates = index.secretsNamed(name);
  if (candidates.length === 0) return { name, state: 'missing' };
  const reachable = candidates.filter((c) => namespacesMatch(namespace, c.namespace));
  if (reachable.length === 0) {
    return { name, state: 'wrong-namespace', elsewhere: [...new Set(candidates.map((c) => c.namespace ?? 'default'))] };
  }
  // Several definitions (overlays, environments): the best one decides.
  const rank = (s: SecretFact) => !isDockerConfigType(s.type) ? 0 : s.content.state === 'undecodable' ? 1 : s.content.state === 'decoded' ? 3 : 2;
  const best = reachable.map((c) => c.secret).sort((a, b) => rank(b) - rank(a))[0]!;
  if (!isDockerConfigType(best.type)) return { name, state: 'wrong-type', secret: best };
  if (best.content.state === 'undecodable') return { name, state: 'undecodable', secret: best };
  return { name, state: 'ok', secret: best };
}

export type EffectiveSecrets =
  | { source: 'pod' | 'serviceAccount'; names: string[]; account?: string }
  /** Cannot be known (templated, malformed, or a ServiceAccount outside the workspace). */
  | { source: 'unknown' };

export function registryIsPrivate(ref: ImageReference, config: ShipshapeConfig, index: WorkspaceIndex): boolean {
  const name = normalisedName(ref);
  if ((config.privateRegistries ?? []).some((entry) => coversBySegments(entry, name))) return true;
  if (isLoopback(ref.registry) || isNodeAuthenticated(ref.registry)) return false;
  if (isWellKnownPublic(ref.registry) && ref.registry !== 'docker.io') return false;
  return workspaceHasCredentialsFor(ref, index);
}

export function workspaceHasCredentialsFor(ref: ImageReference, index: WorkspaceIndex): boolean {
  return index.secrets().some((s) => s.content.state === 'decoded' && s.content.registries.some((key) => authKeyMatches(key, ref)));
}

/** For `no-auth-for-registry`: asking for credentials makes any non-public registry private. */
export function registryExpectsCredentials(ref: ImageReference, config: ShipshapeConfig, index: WorkspaceIndex): boolean {
  return registryIsPrivate(ref, config, index) || !isWellKnownPublic(ref.registry);
}

export function secretCovers(secret: SecretFact, ref: ImageReference): boolean {
  return secret.content.state === 'decoded' && secret.content.registries.some((key) => authKeyMatches(key, ref));
}

/** Workspace Secrets a Pod in `namespace` could list to pull `ref`. */
export function coveringSecrets(ref: ImageReference, namespace: string | undefined, index: WorkspaceIndex): SecretFact[] {
  const seen = new Set<string>();
  const result: SecretFact[] = [];
  for (const secret of index.secrets()) {
    if (!isDockerConfigType(secret.type) || !secretCovers(secret, ref) || seen.has(secret.name)) continue;
    const ns = index.namespaceFor(secret.file, secret.namespace);
    if (!namespacesMatch(namespace, ns)) continue;
    seen.add(secret.name);
    result.push(secret);
  }
  return result;
}
