import { registryIsPrivate } from '../pullSecrets/analysis';
import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { containerReference } from './helpers';
import { addCoveringSecretFixes } from './pullSecretFixes';

/** pull-secret-needed: a private registry and no pull secret at all (own list, ServiceAccount). */
export const pullSecretNeeded: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-secret-needed', 'warning', 'The image comes from a private registry but the Pod has no pull secret'),
  check(context, report) {
    for (const pod of context.pods) {
      const analysis = context.pullAnalysis(pod);
      if (analysis.source !== 'none') continue;
      for (const container of pod.containers) {
        const ref = containerReference(context, container);
        if (!ref || !registryIsPrivate(ref, context.config, context.workspace)) continue;
        report({
          range: context.imageRange(pod, container),
          message: `${ref.registry} is a private registry but this Pod has no imagePullSecrets (nor does its ServiceAccount "${analysis.account ?? 'default'}"): the pull will fail with ImagePullBackOff`,
          fixes: addCoveringSecretFixes(context, pod, ref),
        });
      }
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: registry.acme.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
    good: [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: registry.acme.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: registry.other.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n',
    ],
  },
};
