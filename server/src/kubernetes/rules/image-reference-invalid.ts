import { isScalar, type Pair } from 'yaml';
import { parseImageReference } from '../../image/reference';
import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { kustomizeImageEntries } from '../kustomizeImages';
import { keyString, resolveNode } from '../yaml/nodes';
import { containerSites, looksTemplated } from './helpers';

/** image-reference-invalid: the kubelet would answer InvalidImageName. */
export const imageReferenceInvalid: KubernetesRule = {
  meta: kubernetesRuleMeta('image-reference-invalid', 'error', 'The image reference is not valid'),
  check(context, report) {
    for (const { pod, container } of containerSites(context)) {
      if (!container.imagePair) continue;
      const value = resolveNode(container.imagePair.value, pod.doc);
      if (value && !isScalar(value)) {
        report({ range: context.imageRange(pod, container), message: 'image must be a string (a reference such as "registry.example.com/team/app:1.0")' });
        continue;
      }
      const image = container.image;
      if (image === undefined || image === '' || looksTemplated(image)) continue;
      const parsed = parseImageReference(image);
      if (!parsed.ok) report({ range: context.imageRange(pod, container), message: `Invalid image reference "${image}": ${parsed.error} (the Pod would fail with InvalidImageName)` });
    }
    // A kustomization's images: each field must keep the reference valid.
    for (const entry of kustomizeImageEntries(context)) {
      for (const [field, text] of [
        [entry.newName, (v: string) => v],
        [entry.newTag, (v: string) => `image:${v}`],
        [entry.digest, (v: string) => `image@${v}`],
      ] as const) {
        if (!field || looksTemplated(field.value)) continue;
        const parsed = parseImageReference(text(field.value));
        if (!parsed.ok) report({ range: context.pairRange(entry.source, field.pair), message: `Invalid ${keyOf(field.pair)} "${field.value}": ${parsed.error}` });
      }
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: acme/MyApp:1.0\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: "nginx:"\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx@sha256:abc\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: https://ghcr.io/acme/app:1\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: "nginx :1"\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: localhost:5000/app:1.0\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: ghcr.io/acme/app:1.2.3\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: ${IMAGE}\n'],
  },
};

function keyOf(pair: Pair): string { return keyString(pair) ?? 'value'; }
