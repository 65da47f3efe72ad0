import { kubernetesRuleMeta, type KubernetesRule } from '../rule';

/** pull-secret-missing: the name matches no Secret-like object anywhere in the workspace. */
export const pullSecretMissing: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-secret-missing', 'warning', 'The pull secret is not defined in the workspace'),
  check(context, report) {
    for (const { object, entry, resolution, owner } of context.pullSecretReferences()) {
      if (resolution.state !== 'missing') continue;
      // Secrets managed outside the repository are common: with none in sight, only a hint.
      // (Asked here, not up front: a file without pull secrets reads no Secrets, so new Secrets
      // elsewhere never make it stale.)
      const noSecrets = context.workspace.secrets().length === 0;
      const where = owner === 'serviceAccount' ? `ServiceAccount "${object.name ?? ''}"` : 'this Pod';
      report({
        range: context.itemLineRange(object.source, entry.item),
        message: noSecrets
          ? `Pull secret "${entry.name}" (used by ${where}) is not defined in this workspace; the workspace holds no Secrets, so it may be created elsewhere`
          : `Pull secret "${entry.name}" (used by ${where}) matches no Secret, SealedSecret, ExternalSecret or secretGenerator in the workspace: pulls will fail with ImagePullBackOff`,
        ...(noSecrets ? { cap: 'info' as const } : {}),
      });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: nothere\n  containers:\n  - name: app\n    image: nginx:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: registry.acme.com/app:1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
  },
};
