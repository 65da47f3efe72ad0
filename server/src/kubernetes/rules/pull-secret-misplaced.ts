import { isMap, type Node } from 'yaml';
import { POD_SPEC_PATHS } from '../podSpecs';
import { kubernetesRuleMeta, type KubernetesRule } from '../rule';
import { getPair, getValue } from '../yaml/nodes';

/** pull-secret-misplaced: `imagePullSecrets` where the API silently drops it. */
export const pullSecretMisplaced: KubernetesRule = {
  meta: kubernetesRuleMeta('pull-secret-misplaced', 'warning', 'imagePullSecrets is ignored here: it belongs in the Pod spec'),
  check(context, report) {
    for (const object of context.file.objects) {
      const path = POD_SPEC_PATHS[object.kind];
      if (!path) continue;
      // Every mapping on the way to the Pod spec (the object, spec, template…), not the Pod spec itself.
      let node: Node | undefined = object.node;
      const where: string[] = [];
      for (const key of path) {
        const pair = isMap(node) ? getPair(node, 'imagePullSecrets', object.doc) : undefined;
        if (pair) report({ range: context.keyRange(object.source, pair), message: `imagePullSecrets at ${where.length ? where.join('.') : 'the top level'} of a ${object.kind} is ignored by the API: move it to ${path.join('.')}` });
        node = getValue(node, key, object.doc);
        where.push(key);
      }
    }
    for (const pod of context.pods) {
      for (const container of pod.containers) {
        const pair = getPair(container.node, 'imagePullSecrets', pod.doc);
        if (pair) report({ range: context.keyRange(pod.object.source, pair), message: 'imagePullSecrets on a container is ignored by the API: move it to the Pod spec (beside containers)' });
      }
    }
  },
  examples: {
    bad: [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  imagePullSecrets:\n  - name: regcred\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1\n    imagePullSecrets:\n    - name: regcred\n',
    ],
    good: ['apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      imagePullSecrets:\n      - name: regcred\n      containers:\n      - name: app\n        image: nginx:1\n'],
  },
};
