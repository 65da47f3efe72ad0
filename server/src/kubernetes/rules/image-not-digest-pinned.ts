import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { containerReference, containerSites } from './helpers';

/** image-not-digest-pinned (requireDigest): only a digest names exactly one image. */
export const imageNotDigestPinned: KubernetesRule = {
  meta: kubernetesRuleMeta('image-not-digest-pinned', 'ignore', 'The image is not pinned by digest'),
  enabledBy: (config) => config.requireDigest === true,
  check(context, report) {
    for (const { pod, container } of containerSites(context)) {
      const ref = containerReference(context, container);
      if (ref && !ref.digest) report({ range: context.imageRange(pod, container), message: `Image "${container.image}" is not pinned by digest (@sha256:…): tags can be moved` });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n'],
    good: [`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27@sha256:${'a'.repeat(64)}\n`],
  },
};
