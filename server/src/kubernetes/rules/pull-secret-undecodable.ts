import { kubernetesRuleMeta, type KubernetesRule } from '../rule';

/** pull-secret-undecodable: a dockerconfig Secret the kubelet cannot use, reported on the Secret. */
export const pullSecretUndecodable: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-secret-undecodable', 'error', 'The pull secret holds no usable docker config'),
  check(context, report) {
    for (const secret of context.workspace.factsOf(context.file.path)?.secrets ?? []) {
      if (secret.content.state !== 'undecodable') continue;
      report({ range: secret.content.range, message: `Secret "${secret.name}" cannot be used to pull images: ${secret.content.problem}` });
    }
  },
  examples: {
    bad: [
      'apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: not-base64!\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: \'{"credsStore": "desktop"}\'\n',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  config.json: e30=\n',
    ],
    good: ['apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5hY21lLmNvbSI6eyJhdXRoIjoiZFhObGNqcHdZWE56In19fQ==\n'],
  },
};
