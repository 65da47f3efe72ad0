import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { parseImageReference } from '../../image/reference';
import { isKustomizationPath } from '../../workspace/extract';
import type { KubernetesContext } from '../context';
import { kubernetesRuleMeta, type KubernetesReporter, type KubernetesRule } from '../rule';
import type { SourceDocument } from '../yaml/documents';
import { kustomizeImageEntries } from '../kustomizeImages';
import { keyString, mapPairs, resolveNode, scalarString, seqItems } from '../yaml/nodes';
import { pinTagFixes } from './pinTagFix';
import { containerReference, containerSites, looksTemplated } from './helpers';

/** image-tag-latest: `latest` floats; also in a kustomization's `images:` and a chart's values. */
export const imageTagLatest: KubernetesRule = {
  meta: kubernetesRuleMeta('image-tag-latest', 'warning', 'The image uses the tag "latest": pin a release tag or a digest'),
  check(context, report) {
    for (const { pod, container } of containerSites(context)) {
      const ref = containerReference(context, container);
      if (ref && ref.tag === 'latest' && !ref.digest) {
        report({ range: context.imageRange(pod, container), message: `Image "${container.image}" uses the tag "latest": which image runs changes over time; pin a release tag or a digest`, fixes: pinTagFixes(context, pod, container, ref) });
      }
    }
    if (isKustomizationPath(context.file.path)) checkKustomizeImages(context, report);
    if (context.chartValues) for (const source of context.file.documents) checkValues(context, source, source.document.contents as Node, report, 0);
  },
  examples: {
    bad: [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: init\n        image: localhost:5000/tool:latest\n      containers:\n      - name: app\n        image: nginx:1.27\n',
    ],
    good: [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:latest@sha256:${'a'.repeat(64)}\n`,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: localhost:5000/app\n',
    ],
  },
};

function checkKustomizeImages(context: KubernetesContext, report: KubernetesReporter): void {
  for (const entry of kustomizeImageEntries(context)) {
    if (entry.newTag?.value !== 'latest' || entry.digest) continue;
    report({ range: context.pairRange(entry.source, entry.newTag.pair), message: 'The kustomization sets newTag "latest": pin a release tag or a digest' });
  }
}

/** Chart values: `image: {repository, tag: latest}` (at the tag) or `image: x:latest`. */
function checkValues(context: KubernetesContext, source: SourceDocument, node: Node | undefined, report: KubernetesReporter, depth: number): void {
  const doc = source.document;
  if (!node || depth > 12) return;
  if (isMap(node)) {
    const pairs = mapPairs(node, doc);
    const hasRepository = pairs.some((p) => keyString(p) === 'repository' || keyString(p) === 'image');
    for (const pair of pairs) {
      const key = keyString(pair);
      const value = resolveNode(pair.value, doc);
      if (isScalar(value)) checkValueScalar(context, source, pair, key, scalarString(value), hasRepository, report);
      else checkValues(context, source, value, report, depth + 1);
    }
  } else {
    for (const item of seqItems(node, doc)) checkValues(context, source, item, report, depth + 1);
  }
}

function checkValueScalar(context: KubernetesContext, source: SourceDocument, pair: Pair, key: string | undefined, value: string | undefined, hasRepository: boolean, report: KubernetesReporter): void {
  if (!value || looksTemplated(value)) return;
  if (key === 'tag' && hasRepository && value === 'latest') {
    report({ range: context.pairRange(source, pair), message: 'The chart\'s default image tag is "latest": pin a release tag (or leave it empty to use the appVersion)' });
  } else if ((key === 'repository' || key === 'image') && value.includes(':')) {
    const parsed = parseImageReference(value);
    if (parsed.ok && parsed.reference.tag === 'latest' && !parsed.reference.digest) {
      report({ range: context.pairRange(source, pair), message: `The chart's default image "${value}" uses the tag "latest": pin a release tag or a digest` });
    }
  }
}
