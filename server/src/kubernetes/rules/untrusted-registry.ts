import { normalisedName } from '../../image/reference';
import { coversBySegments } from '../../image/registryPatterns';
import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { containerReference, containerSites } from './helpers';

/** untrusted-registry (trustedRegistries): images only from the registries/paths you trust. */
export const untrustedRegistry: KubernetesRule = {
  meta: kubernetesRuleMeta('untrusted-registry', 'ignore', 'The image does not come from a trusted registry'),
  enabledBy: (config) => config.trustedRegistries.length > 0,
  check(context, report) {
    const trusted = context.config.trustedRegistries;
    if (trusted.length === 0) return;
    for (const { pod, container } of containerSites(context)) {
      const ref = containerReference(context, container);
      if (!ref) continue;
      const name = normalisedName(ref);
      if (trusted.some((entry) => coversBySegments(entry, name))) continue;
      report({ range: context.imageRange(pod, container), message: `Image "${container.image}" (${name}) is not from a trusted registry (trustedRegistries: ${trusted.join(', ')})` });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: ghcr.io/acmecorp/app:1\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: ghcr.io/acme/app:1\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: ghcr.io/acme/team/app:1\n'],
  },
};
