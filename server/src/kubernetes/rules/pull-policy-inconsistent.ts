import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { containerReference, containerSites } from './helpers';
import { pinTagFixes } from './pinTagFix';
import { pullPolicyAlwaysFix } from './policyFix';

/** pull-policy-inconsistent: a node that has the image never sees a moved tag. */
export const pullPolicyInconsistent: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-policy-inconsistent', 'warning', 'IfNotPresent/Never with a mutable image: nodes keep running whatever they pulled first'),
  check(context, report) {
    for (const { pod, container } of containerSites(context)) {
      if (!container.policyPair || (container.policy !== 'IfNotPresent' && container.policy !== 'Never')) continue;
      const ref = containerReference(context, container);
      if (!ref || ref.digest || (ref.tag !== undefined && ref.tag !== 'latest')) continue;
      const fix = pullPolicyAlwaysFix(context, pod, container);
      report({
        range: context.pairRange(pod.object.source, container.policyPair),
        message: `imagePullPolicy ${container.policy} with the mutable image "${container.image}": each node keeps the "latest" it pulled first. Pin a tag or digest, or use Always`,
        fixes: [...(fix ? [fix] : []), ...(pinTagFixes(context, pod, container, ref) ?? [])],
      });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n    imagePullPolicy: IfNotPresent\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    imagePullPolicy: Never\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    imagePullPolicy: IfNotPresent\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n    imagePullPolicy: Always\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n'],
  },
};
