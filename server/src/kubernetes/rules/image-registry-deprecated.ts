import { isScalar } from 'yaml';
import type { Fix } from '../../core/finding';
import type { KubernetesContext } from '../context';
import type { ContainerView, PodSpecView } from '../podSpecs';
import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { kustomizeImageEntries } from '../kustomizeImages';
import { resolveNode } from '../yaml/nodes';
import { containerReference, containerSites } from './helpers';

const DEPRECATED = 'k8s.gcr.io';
const REPLACEMENT = 'registry.k8s.io';

/** image-registry-deprecated: k8s.gcr.io is frozen; images live on registry.k8s.io. */
export const imageRegistryDeprecated: KubernetesRule = {
  meta: kubernetesRuleMeta('image-registry-deprecated', 'warning', 'k8s.gcr.io is frozen: use registry.k8s.io'),
  check(context, report) {
    for (const { pod, container } of containerSites(context)) {
      const ref = containerReference(context, container);
      if (ref?.registry !== DEPRECATED) continue;
      const fix = replaceRegistryFix(context, pod, container);
      report({
        range: context.imageRange(pod, container),
        message: `Image "${container.image}" comes from k8s.gcr.io, which receives no new images: use registry.k8s.io`,
        fixes: fix ? [fix] : undefined,
      });
    }
    for (const entry of kustomizeImageEntries(context)) {
      const newName = entry.newName;
      if (!newName || !newName.value.startsWith(`${DEPRECATED}/`)) continue;
      const value = resolveNode(newName.pair.value, entry.source.document)!;
      report({
        range: context.pairRange(entry.source, newName.pair),
        message: `The kustomization renames the image to k8s.gcr.io, which receives no new images: use registry.k8s.io`,
        fixes: [{ title: 'Use registry.k8s.io', preferred: true, edits: [{ range: context.nodeRange(entry.source, value), newText: REPLACEMENT + newName.value.slice(DEPRECATED.length) }] }],
      });
    }
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: k8s.gcr.io/pause:3.9\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: registry.k8s.io/pause:3.9\n'],
  },
};

function replaceRegistryFix(context: KubernetesContext, pod: PodSpecView, container: ContainerView): Fix | undefined {
  const value = resolveNode(container.imagePair?.value, pod.doc);
  if (!isScalar(value) || !value.range) return undefined;
  const source = pod.object.source;
  const raw = source.text.slice(value.range[0], value.range[1]);
  const index = raw.indexOf(DEPRECATED);
  if (index < 0) return undefined;
  const start = context.file.lines.position(source.start + value.range[0] + index);
  const end = { line: start.line, character: start.character + DEPRECATED.length };
  return { title: 'Use registry.k8s.io', preferred: true, edits: [{ range: { start, end }, newText: REPLACEMENT }] };
}
