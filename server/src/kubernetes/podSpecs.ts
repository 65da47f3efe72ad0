// Where the Pod specs of the workload kinds live, and their containers, read with nodes kept.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ManifestFile, ManifestObject } from './manifest';
import { isTemplated } from './yaml/helm';
import { getPair, getValue, mapPairs, resolveNode, scalarString, seqItems, type Doc } from './yaml/nodes';

const TEMPLATE_SPEC = ['spec', 'template', 'spec'];
export const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: TEMPLATE_SPEC,
  StatefulSet: TEMPLATE_SPEC,
  DaemonSet: TEMPLATE_SPEC,
  ReplicaSet: TEMPLATE_SPEC,
  ReplicationController: TEMPLATE_SPEC,
  Job: TEMPLATE_SPEC,
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

export const CONTAINER_GROUPS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerGroup = typeof CONTAINER_GROUPS[number];

export interface ContainerView {
  group: ContainerGroup;
  node: Node;
  name?: string;
  namePair?: Pair;
  /** The `image:` pair, when present. */
  imagePair?: Pair;
  /** The image text; undefined when absent, null or not a scalar. */
  image?: string;
  imageTemplated: boolean;
  policyPair?: Pair;
  policy?: string;
}

export interface PullSecretEntry {
  name: string;
  /** The `- name: x` item (for the entry line) and the name scalar. */
  item: Node;
  nameNode: Node;
}

export interface PullSecretList {
  pair: Pair;
  entries: PullSecretEntry[];
  /** Items (or the whole value) that are not `{name: …}`. */
  malformed: { node: Node; reason: string }[];
  /** Some entry is templated: the list cannot be judged. */
  templated: boolean;
}

export interface PodSpecView {
  object: ManifestObject;
  spec: Node;
  doc: Doc;
  containers: ContainerView[];
  /** Service account name: `serviceAccountName`, deprecated `serviceAccount`, else `default`. */
  serviceAccount: string;
  serviceAccountTemplated: boolean;
  pullSecrets?: PullSecretList;
  /** From a Helm chart template: blanked actions may have held anything. */
  helmTemplate: boolean;
}

export function podSpecsOf(file: ManifestFile): PodSpecView[] {
  const views: PodSpecView[] = [];
  for (const object of file.objects) {
    const path = POD_SPEC_PATHS[object.kind];
    if (!path) continue;
    let spec: Node | undefined = object.node;
    for (const key of path) spec = getValue(spec, key, object.doc);
    if (!isMap(spec)) continue;
    views.push(readPodSpec(object, spec, file.helmTemplate));
  }
  return views;
}

function readPodSpec(object: ManifestObject, spec: Node, helmTemplate: boolean): PodSpecView {
  const doc = object.doc;
  const containers: ContainerView[] = [];
  for (const group of CONTAINER_GROUPS) {
    for (const node of seqItems(getValue(spec, group, doc), doc)) {
      if (isMap(node)) containers.push(readContainer(group, node, doc));
    }
  }
  const accountName = scalarString(getValue(spec, 'serviceAccountName', doc)) ?? scalarString(getValue(spec, 'serviceAccount', doc));
  const pullPair = getPair(spec, 'imagePullSecrets', doc);
  return {
    object, spec, doc, containers,
    serviceAccount: accountName && accountName.length > 0 ? accountName : 'default',
    serviceAccountTemplated: isTemplated(accountName),
    pullSecrets: pullPair ? readPullSecretList(pullPair, doc) : undefined,
    helmTemplate,
  };
}

function readContainer(group: ContainerGroup, node: Node, doc: Doc): ContainerView {
  const namePair = getPair(node, 'name', doc);
  const imagePair = getPair(node, 'image', doc);
  const policyPair = getPair(node, 'imagePullPolicy', doc);
  const image = imagePair ? scalarString(resolveNode(imagePair.value, doc)) : undefined;
  return {
    group, node,
    name: namePair ? scalarString(resolveNode(namePair.value, doc)) : undefined,
    namePair,
    imagePair,
    image,
    imageTemplated: isTemplated(image),
    policyPair,
    policy: policyPair ? scalarString(resolveNode(policyPair.value, doc)) : undefined,
  };
}

/** `imagePullSecrets` of a Pod spec or a ServiceAccount. */
export function readPullSecretList(pair: Pair, doc: Doc): PullSecretList {
  const list: PullSecretList = { pair, entries: [], malformed: [], templated: false };
  const value = resolveNode(pair.value, doc);
  if (value === undefined || (isScalar(value) && (value.value === null || value.value === undefined))) return list;
  if (isScalar(value)) {
    if (isTemplated(scalarString(value))) list.templated = true;
    else list.malformed.push({ node: value, reason: 'imagePullSecrets must be a list of {name: …}, not a string' });
    return list;
  }
  if (!isSeq(value)) {
    list.malformed.push({ node: value, reason: 'imagePullSecrets must be a list of {name: …}' });
    return list;
  }
  for (const item of seqItems(value, doc)) {
    if (isScalar(item)) {
      const text = scalarString(item);
      if (isTemplated(text)) { list.templated = true; continue; }
      list.malformed.push({ node: item, reason: `write "- name: ${text ?? ''}": each entry is an object with a name` });
      continue;
    }
    if (!isMap(item)) { list.malformed.push({ node: item, reason: 'each entry must be an object {name: …}' }); continue; }
    const nameNode = getValue(item, 'name', doc);
    const name = scalarString(nameNode);
    if (name === undefined || name === '' || !nameNode) {
      const unknownKeys = mapPairs(item, doc).length > 0 && !getPair(item, 'name', doc);
      list.malformed.push({ node: item, reason: unknownKeys ? 'entry has no "name"' : 'entry has an empty name' });
      continue;
    }
    if (isTemplated(name)) { list.templated = true; continue; }
    list.entries.push({ name, item, nameNode });
  }
  return list;
}
