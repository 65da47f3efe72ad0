import { basename } from 'node:path';
import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { containerSites } from './helpers';

/** image-missing: the API server rejects a container without an image. */
export const imageMissing: KubernetesRule = {
  meta: kubernetesRuleMeta('image-missing', 'error', 'The container has no image'),
  check(context, report) {
    // Patches and Helm templates legitimately leave the image to something else.
    if (context.isPatch || context.file.helmTemplate || /patch/i.test(basename(context.file.path))) return;
    for (const { pod, container } of containerSites(context)) {
      if (container.imagePair && container.imageTemplated) continue;
      if (!container.imagePair) {
        report({ range: context.imageRange(pod, container), message: `Container ${container.name ? '"' + container.name + '" ' : ''}has no image` });
      } else if (container.image === undefined || container.image.trim() === '') {
        if (container.image === undefined && container.imagePair.value && !('value' in (container.imagePair.value as object))) continue;
        report({ range: context.imageRange(pod, container), message: `Container ${container.name ? '"' + container.name + '" ' : ''}has an empty image` });
      }
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    ports: [{containerPort: 80}]\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: ""\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image:\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n'],
  },
};
