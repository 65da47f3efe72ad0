import type { Fix } from '../../core/finding';
import type { KubernetesContext } from '../context';
import { insertAfterPair, replaceValue } from '../fixes';
import type { ContainerView, PodSpecView } from '../podSpecs';

/** Sets an existing `imagePullPolicy` to Always, or adds one after `image:`. */
export function pullPolicyAlwaysFix(context: KubernetesContext, pod: PodSpecView, container: ContainerView): Fix | undefined {
  const source = pod.object.source;
  const edit = container.policyPair
    ? replaceValue(context, source, container.policyPair, 'Always')
    : container.imagePair ? insertAfterPair(context, source, container.node, container.imagePair, 'imagePullPolicy: Always') : undefined;
  return edit ? { title: container.policyPair ? 'Set imagePullPolicy: Always' : 'Add imagePullPolicy: Always', edits: [edit] } : undefined;
}
