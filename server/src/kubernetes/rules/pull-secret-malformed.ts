import type { KubernetesContext } from '../context';
import type { PullSecretList } from '../podSpecs';
import { kubernetesRuleMeta, type KubernetesReporter, type KubernetesRule } from '../rule';
import type { SourceDocument } from '../yaml/documents';

/** pull-secret-malformed: `imagePullSecrets` must be a list of `{name: …}`. */
export const pullSecretMalformed: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-secret-malformed', 'error', 'imagePullSecrets must be a list of {name: …}'),
  check(context, report) {
    for (const pod of context.pods) if (pod.pullSecrets) reportList(context, pod.object.source, pod.pullSecrets, report);
    for (const { object, list } of context.serviceAccountLists()) reportList(context, object.source, list, report);
  },
  examples: {
    bad: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: regcred\n  containers:\n  - name: app\n    image: nginx:1\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - regcred\n  containers:\n  - name: app\n    image: nginx:1\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - secret: regcred\n  containers:\n  - name: app\n    image: nginx:1\n'],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  containers:\n  - name: app\n    image: nginx:1\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: []\n  containers:\n  - name: app\n    image: nginx:1\n'],
  },
};

function reportList(context: KubernetesContext, source: SourceDocument, list: PullSecretList, report: KubernetesReporter): void {
  for (const { node, reason } of list.malformed) {
    const onKey = node === list.pair.value || !node.range;
    report({ range: onKey ? context.keyRange(source, list.pair) : context.itemLineRange(source, node), message: reason });
  }
}
