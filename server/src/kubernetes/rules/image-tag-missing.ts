import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { pinTagFixes } from './pinTagFix';
import { containerReference, containerSites } from './helpers';

/** image-tag-missing: no tag and no digest means "latest", whatever that is today. */
export const imageTagMissing: KubernetesRule = {
  meta: kubernetesRuleMeta('image-tag-missing', 'warning', 'The image has neither a tag nor a digest: it pulls "latest"'),
  check(context, report) {
    for (const { pod, container } of containerSites(context)) {
      const ref = containerReference(context, container);
      if (ref && ref.tag === undefined && ref.digest === undefined) {
        report({ range: context.imageRange(pod, container), message: `Image "${container.image}" has neither a tag nor a digest, so it pulls "latest": pin a release tag or a digest`, fixes: pinTagFixes(context, pod, container, ref) });
      }
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: localhost:5000/app\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx@sha256:${'a'.repeat(64)}\n`],
  },
};
