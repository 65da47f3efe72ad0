import { kubernetesRuleMeta, type KubernetesRule } from '../rule';

/** pull-secret-wrong-type: the kubelet reads only dockerconfigjson / dockercfg Secrets. */
export const pullSecretWrongType: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-secret-wrong-type', 'error', 'The pull secret is not of type kubernetes.io/dockerconfigjson'),
  check(context, report) {
    for (const { object, entry, resolution } of context.pullSecretReferences()) {
      if (resolution.state !== 'wrong-type' || !resolution.secret) continue;
      const { kind, type, file } = resolution.secret;
      report({
        range: context.itemLineRange(object.source, entry.item),
        message: `Pull secret "${entry.name}" (${kind} in ${file}) has type ${type ?? 'Opaque (no type given)'}; the kubelet only uses kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg Secrets`,
      });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: registry.acme.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: registry.acme.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
  },
};
