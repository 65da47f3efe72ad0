import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { containerReference, containerSites } from './helpers';
import { pullPolicyAlwaysFix } from './policyFix';

/** pull-policy-not-always (requirePullPolicyAlways): registry is asked on every start. */
export const pullPolicyNotAlways: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-policy-not-always', 'ignore', 'The effective imagePullPolicy is not Always'),
  enabledBy: (config) => config.requirePullPolicyAlways === true,
  check(context, report) {
    for (const { pod, container } of containerSites(context)) {
      const ref = containerReference(context, container);
      if (!ref || ref.digest) continue;
      const explicit = container.policy;
      if (explicit !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(explicit)) continue;
      // The API's default: Always for latest or no tag, else IfNotPresent.
      const effective = explicit ?? (ref.tag === undefined || ref.tag === 'latest' ? 'Always' : 'IfNotPresent');
      if (effective === 'Always') continue;
      const fix = pullPolicyAlwaysFix(context, pod, container);
      report({
        range: container.policyPair ? context.pairRange(pod.object.source, container.policyPair) : context.imageRange(pod, container),
        message: `The effective imagePullPolicy of "${container.image}" is ${effective}${explicit ? '' : ' (the default for a tagged image)'}: use Always or pin a digest`,
        fixes: fix ? [fix] : undefined,
      });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    imagePullPolicy: IfNotPresent\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    imagePullPolicy: Always\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx\n', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx@sha256:${'a'.repeat(64)}\n`],
  },
};
