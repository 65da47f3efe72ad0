// A Pod's effective pull secrets (own list, else its ServiceAccount's) and their resolution.
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { namespacesMatch } from '../../workspace/workspaceIndex';
import type { PodSpecView, PullSecretEntry } from '../podSpecs';
import { resolvePullSecret, type PullSecretResolution } from './analysis';

export interface PodPullAnalysis {
  namespace?: string;
  /** Where the effective list comes from; `unknown` stops every registry judgement. */
  source: 'pod' | 'serviceAccount' | 'none' | 'unknown';
  /** The ServiceAccount consulted (when the Pod lists none). */
  account?: string;
  /** The Pod's own entries with their resolution. */
  own: { entry: PullSecretEntry; resolution: PullSecretResolution }[];
  /** The effective list's resolutions (own or the account's). */
  effective: PullSecretResolution[];
  /** Some effective secret is missing, misplaced, of the wrong type or undecodable. */
  broken: boolean;
}

export function analysePod(pod: PodSpecView, namespace: string | undefined, index: WorkspaceIndex): PodPullAnalysis {
  const list = pod.pullSecrets;
  const own = (list?.entries ?? []).map((entry) => ({ entry, resolution: resolvePullSecret(entry.name, namespace, index) }));
  const result: PodPullAnalysis = { namespace, source: 'none', own, effective: [], broken: false };
  if (list && (list.templated || list.malformed.length > 0)) {
    result.source = 'unknown';
  } else if (own.length === 0 && pod.helmTemplate) {
    // Chart templates fill pull secrets and accounts from values: not knowable here.
    result.source = 'unknown';
  } else if (own.length > 0) {
    result.source = 'pod';
    result.effective = own.map((o) => o.resolution);
  } else if (pod.serviceAccountTemplated) {
    result.source = 'unknown';
  } else {
    result.account = pod.serviceAccount;
    const accounts = index.serviceAccountsNamed(pod.serviceAccount).filter((a) => namespacesMatch(namespace, a.namespace));
    const exact = accounts.find((a) => a.namespace === namespace) ?? accounts[0];
    if (!exact) {
      // `default` exists in every namespace with no pull secrets; another account lives elsewhere.
      result.source = pod.serviceAccount === 'default' ? 'none' : 'unknown';
    } else if (exact.account.pullSecretsUnknown) {
      result.source = 'unknown';
    } else if (exact.account.pullSecrets.length === 0) {
      result.source = 'none';
    } else {
      result.source = 'serviceAccount';
      result.effective = exact.account.pullSecrets.map((name) => resolvePullSecret(name, namespace ?? exact.namespace, index));
    }
  }
  result.broken = result.effective.some((r) => r.state !== 'ok');
  return result;
}
