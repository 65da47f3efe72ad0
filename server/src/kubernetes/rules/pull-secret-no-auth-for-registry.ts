import { secretCovers, registryExpectsCredentials } from '../pullSecrets/analysis';
import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { containerReference } from './helpers';
import { addCoveringSecretFixes } from './pullSecretFixes';

/** pull-secret-no-auth-for-registry: the Pod's pull secrets have no credentials for this image. */
export const pullSecretNoAuthForRegistry: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-secret-no-auth-for-registry', 'warning', 'None of the pull secrets has credentials for the image\'s registry'),
  check(context, report) {
    for (const pod of context.pods) {
      const analysis = context.pullAnalysis(pod);
      if ((analysis.source !== 'pod' && analysis.source !== 'serviceAccount') || analysis.broken) continue;
      const secrets = analysis.effective.map((r) => r.secret!);
      // Encrypted or generated data proves nothing either way.
      if (secrets.some((s) => s.content.state !== 'decoded')) continue;
      for (const container of pod.containers) {
        const ref = containerReference(context, container);
        if (!ref || !registryExpectsCredentials(ref, context.config, context.workspace)) continue;
        if (secrets.some((s) => secretCovers(s, ref))) continue;
        const names = secrets.map((s) => s.name);
        const via = analysis.source === 'serviceAccount' ? ` (from ServiceAccount "${analysis.account}")` : '';
        report({
          range: context.imageRange(pod, container),
          message: `No pull secret${via} has credentials for ${ref.registry}/${ref.repository}: ${names.map((n) => '"' + n + '"').join(', ')} cover${names.length === 1 ? 's' : ''} other registries`,
          fixes: analysis.source === 'pod' ? addCoveringSecretFixes(context, pod, ref, names) : undefined,
        });
      }
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: registry.other.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
    good: [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: registry.acme.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: quay.io/prometheus/node-exporter:v1.8.0\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n',
    ],
  },
};
