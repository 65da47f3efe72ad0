import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { replaceValue } from '../fixes';
import { containerSites, looksTemplated } from './helpers';
import { isNullScalar, resolveNode } from '../yaml/nodes';

const POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** pull-policy-invalid: the API server rejects any other value (they are case-sensitive). */
export const pullPolicyInvalid: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-policy-invalid', 'error', 'imagePullPolicy must be Always, IfNotPresent or Never'),
  check(context, report) {
    for (const { pod, container } of containerSites(context)) {
      if (!container.policyPair || looksTemplated(container.policy)) continue;
      // `imagePullPolicy:` with no value is the same as leaving it out.
      if (isNullScalar(resolveNode(container.policyPair.value, pod.doc))) continue;
      const policy = container.policy ?? '';
      if (POLICIES.includes(policy)) continue;
      const intended = POLICIES.find((p) => p.toLowerCase() === policy.toLowerCase().replace(/[-_\s]/g, ''));
      const edit = intended ? replaceValue(context, pod.object.source, container.policyPair, intended) : undefined;
      report({
        range: context.pairRange(pod.object.source, container.policyPair),
        message: `imagePullPolicy "${policy}" is not valid: use Always, IfNotPresent or Never (case-sensitive)`,
        fixes: edit ? [{ title: `Use ${intended}`, preferred: true, edits: [edit] }] : undefined,
      });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    imagePullPolicy: always\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    imagePullPolicy: IfNotExists\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    imagePullPolicy: IfNotPresent\n'],
  },
};
