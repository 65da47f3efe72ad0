import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { replaceValue } from '../fixes';
import { looksTemplated } from './helpers';

/** duplicate-container-name: names are unique across init, regular and ephemeral containers. */
export const duplicateContainerName: KubernetesRule = {
  meta: kubernetesRuleMeta('duplicate-container-name', 'error', 'Two containers of one Pod share a name'),
  check(context, report) {
    for (const pod of context.pods) {
      const names = new Set<string>();
      for (const container of pod.containers) names.add(container.name ?? '');
      const seen = new Set<string>();
      for (const container of pod.containers) {
        const name = container.name;
        if (name === undefined || name === '' || !container.namePair || looksTemplated(name)) continue;
        if (!seen.has(name)) { seen.add(name); continue; }
        let n = 2;
        while (names.has(`${name}-${n}`)) n++;
        const edit = replaceValue(context, pod.object.source, container.namePair, `${name}-${n}`);
        names.add(`${name}-${n}`);
        report({
          range: context.pairRange(pod.object.source, container.namePair),
          message: `Container name "${name}" is used twice in this Pod (names must be unique across initContainers, containers and ephemeralContainers)`,
          fixes: edit ? [{ title: `Rename to ${name}-${n}`, edits: [edit] }] : undefined,
        });
      }
    }
  },
  examples: {
    bad: [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1\n  - name: app\n    image: redis:7\n',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: app\n        image: busybox:1\n      containers:\n      - name: app\n        image: nginx:1\n',
    ],
    good: ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1\n  - name: sidecar\n    image: redis:7\n'],
  },
};
