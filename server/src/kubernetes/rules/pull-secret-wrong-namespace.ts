import { kubernetesRuleMeta, type KubernetesRule } from '../rule';

/** pull-secret-wrong-namespace: Secrets are namespaced; a Pod only sees its own namespace's. */
export const pullSecretWrongNamespace: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-secret-wrong-namespace', 'error', 'The pull secret exists only in another namespace'),
  check(context, report) {
    for (const { object, entry, resolution } of context.pullSecretReferences()) {
      if (resolution.state !== 'wrong-namespace') continue;
      const namespace = context.namespaceOf(object) ?? 'default';
      report({
        range: context.itemLineRange(object.source, entry.item),
        message: `Pull secret "${entry.name}" is not in namespace "${namespace}"; it exists only in ${(resolution.elsewhere ?? []).map((n) => '"' + n + '"').join(', ')}. A Pod can only use Secrets of its own namespace`,
      });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: web}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: registry.acme.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred, namespace: other}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: web}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: registry.acme.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
  },
};
