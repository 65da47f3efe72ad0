import type { Fix } from '../../core/finding';
import type { ImageReference } from '../../image/reference';
import type { KubernetesContext } from '../context';
import { addPullSecretFix } from '../fixes';
import type { PodSpecView } from '../podSpecs';
import { coveringSecrets } from '../pullSecrets/analysis';

/** "Add imagePullSecrets: x" for each workspace Secret that covers the image (at most three). */
export function addCoveringSecretFixes(context: KubernetesContext, pod: PodSpecView, ref: ImageReference, except: string[] = []): Fix[] | undefined {
  const namespace = context.namespaceOf(pod.object);
  const fixes = coveringSecrets(ref, namespace, context.workspace)
    .filter((s) => !except.includes(s.name))
    .slice(0, 3)
    .map((secret) => addPullSecretFix(context, pod, secret.name))
    .filter((fix): fix is Fix => fix !== undefined);
  return fixes.length ? fixes : undefined;
}
