// Reads a parsed YAML file into the facts the workspace index keeps.
import { dirname, resolve } from 'node:path';
import { isMap, type Node, type Pair } from 'yaml';
import type { Range } from '../core/finding';
import { nodeRange, type ManifestFile, type ManifestObject } from '../kubernetes/manifest';
import { decodeDockerConfig, type DockerConfigKey } from '../kubernetes/pullSecrets/dockerConfig';
import { readPullSecretList } from '../kubernetes/podSpecs';
import { normalisedName, parseImageReference } from '../image/reference';
import { isTemplated } from '../kubernetes/yaml/helm';
import { getPair, getPath, getString, getValue, resolveNode, scalarString, seqItems } from '../kubernetes/yaml/nodes';
import type { FileFacts, KustomizationFact, KustomizeImage, SecretContent, SecretFact, ServiceAccountFact } from './facts';

const KUSTOMIZATION_NAME = /(?:^|[\\/])(?:kustomization\.ya?ml|Kustomization)$/;

export function isKustomizationPath(path: string): boolean {
  return KUSTOMIZATION_NAME.test(path);
}

export function extractFacts(file: ManifestFile): FileFacts {
  const facts: FileFacts = { secrets: [], serviceAccounts: [] };
  for (const object of file.objects) {
    if (object.kind === 'Secret' && object.apiVersion === 'v1') pushIf(facts.secrets, secretFact(file, object));
    else if (object.kind === 'SealedSecret') pushIf(facts.secrets, sealedSecretFact(file, object));
    else if (object.kind === 'ExternalSecret') pushIf(facts.secrets, externalSecretFact(file, object));
    else if (object.kind === 'ServiceAccount' && object.apiVersion === 'v1') pushIf(facts.serviceAccounts, serviceAccountFact(file, object));
  }
  if (isKustomizationPath(file.path)) {
    const source = file.documents.find((d) => !d.broken && isMap(d.document.contents));
    if (source) facts.kustomization = kustomizationFact(file, source.document.contents as Node, source);
    if (facts.kustomization) facts.secrets.push(...generatorFacts(file, source!, facts.kustomization));
  }
  return facts;
}

const IMAGE_LINE = /^[ \t-]*image:[ \t]*["']?([^\s"'#{}$]+)["']?[ \t]*(?:#.*)?$/gm;

/**
 * Release tags used per normalised image name, by a line scan (no parse: most files are skipped
 * by the index's parse filter, and suggestions need no exact ranges).
 */
export function scanImageTags(text: string): Record<string, string[]> | undefined {
  let tags: Record<string, string[]> | undefined;
  for (const match of text.matchAll(IMAGE_LINE)) {
    const parsed = parseImageReference(match[1]!);
    if (!parsed.ok || !parsed.reference.tag || parsed.reference.tag === 'latest') continue;
    const list = ((tags ??= {})[normalisedName(parsed.reference)] ??= []);
    if (!list.includes(parsed.reference.tag)) list.push(parsed.reference.tag);
  }
  return tags;
}

function pushIf<T>(list: T[], value: T | undefined): void { if (value) list.push(value); }

function nameRange(file: ManifestFile, object: ManifestObject, node?: Node): Range {
  return nodeRange(file, object.source, node ?? object.nameNode) ?? { start: file.lines.position(object.span[0]), end: file.lines.position(object.span[0]) };
}

const TEMPLATE_LIKE = /\$\{|\{\{|<%|\u00a4|<no value>|CHANGEME|REPLACE/i;

function secretFact(file: ManifestFile, object: ManifestObject): SecretFact | undefined {
  if (!object.name) return undefined;
  const doc = object.doc;
  const type = getString(object.node, 'type', doc);
  return {
    kind: 'Secret', name: object.name, namespace: object.namespace, type,
    content: secretContent(file, object, type), file: file.path, range: nameRange(file, object),
  };
}

function secretContent(file: ManifestFile, object: ManifestObject, type: string | undefined): SecretContent {
  const key: DockerConfigKey | undefined = type === 'kubernetes.io/dockerconfigjson' ? '.dockerconfigjson' : type === 'kubernetes.io/dockercfg' ? '.dockercfg' : undefined;
  if (!key || isTemplated(type)) return { state: 'none' };
  const doc = object.doc;
  const dataPair = getPair(object.node, 'data', doc);
  const stringDataPair = getPair(object.node, 'stringData', doc);
  const fromString = getPair(resolveNode(stringDataPair?.value, doc), key, doc);
  const fromData = getPair(resolveNode(dataPair?.value, doc), key, doc);
  const valuePair = fromString ?? fromData;
  const rangeOf = (pair: Pair | undefined) => pairKeyRange(file, object, pair) ?? nameRange(file, object);
  if (!valuePair) {
    if (!dataPair && !stringDataPair) return { state: 'opaque' }; // data filled in elsewhere (e.g. by a controller)
    return { state: 'undecodable', problem: `the ${type} Secret has no "${key}" key`, range: rangeOf(dataPair ?? stringDataPair) };
  }
  const value = scalarString(resolveNode(valuePair.value, doc));
  if (value === undefined || value.trim() === '') return { state: 'undecodable', problem: `"${key}" is empty`, range: rangeOf(valuePair) };
  if (TEMPLATE_LIKE.test(value)) return { state: 'opaque' };
  const decoded = decodeDockerConfig(key, value, valuePair !== fromString);
  if (!decoded.ok) return { state: 'undecodable', problem: decoded.problem, range: rangeOf(valuePair) };
  return { state: 'decoded', registries: decoded.config.registries };
}

function pairKeyRange(file: ManifestFile, object: ManifestObject, pair: Pair | undefined): Range | undefined {
  if (!pair) return undefined;
  return nodeRange(file, object.source, pair.key as Node);
}

function sealedSecretFact(file: ManifestFile, object: ManifestObject): SecretFact | undefined {
  const doc = object.doc;
  const template = getPath(object.node, ['spec', 'template'], doc);
  const templateMeta = getValue(template, 'metadata', doc);
  const nameNode = getValue(templateMeta, 'name', doc);
  const name = scalarString(nameNode) ?? object.name;
  if (!name || isTemplated(name)) return undefined;
  const namespace = getString(templateMeta, 'namespace', doc) ?? object.namespace;
  return {
    kind: 'SealedSecret', name, namespace: isTemplated(namespace) ? undefined : namespace,
    type: getString(template, 'type', doc), content: { state: 'opaque' }, file: file.path,
    range: nameRange(file, object, scalarString(nameNode) ? nameNode : undefined),
  };
}

function externalSecretFact(file: ManifestFile, object: ManifestObject): SecretFact | undefined {
  const doc = object.doc;
  const target = getPath(object.node, ['spec', 'target'], doc);
  const nameNode = getValue(target, 'name', doc);
  const name = scalarString(nameNode) ?? object.name;
  if (!name || isTemplated(name)) return undefined;
  return {
    kind: 'ExternalSecret', name, namespace: object.namespace,
    type: getString(getValue(target, 'template', doc), 'type', doc), content: { state: 'opaque' }, file: file.path,
    range: nameRange(file, object, scalarString(nameNode) ? nameNode : undefined),
  };
}

function serviceAccountFact(file: ManifestFile, object: ManifestObject): ServiceAccountFact | undefined {
  if (!object.name) return undefined;
  const pair = getPair(object.node, 'imagePullSecrets', object.doc);
  const list = pair ? readPullSecretList(pair, object.doc) : undefined;
  return {
    name: object.name, namespace: object.namespace,
    pullSecrets: list?.entries.map((e) => e.name) ?? [],
    pullSecretsUnknown: !!list && (list.templated || list.malformed.length > 0),
    file: file.path, range: nameRange(file, object),
  };
}

function kustomizationFact(file: ManifestFile, root: Node, source: ManifestFile['documents'][number]): KustomizationFact | undefined {
  const doc = source.document;
  const kind = getString(root, 'kind', doc);
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') return undefined;
  const dir = dirname(file.path);
  const paths = (key: string) => seqItems(getValue(root, key, doc), doc).map(scalarString).filter((s): s is string => !!s && !s.includes('://'));
  const patches: string[] = [...paths('patchesStrategicMerge')];
  for (const item of seqItems(getValue(root, 'patches', doc), doc)) {
    const path = scalarString(item) ?? getString(item, 'path', doc);
    if (path) patches.push(path);
  }
  const images: KustomizeImage[] = [];
  for (const item of seqItems(getValue(root, 'images', doc), doc)) {
    const name = getString(item, 'name', doc);
    if (!name) continue;
    images.push({ name, newName: getString(item, 'newName', doc), newTag: getString(item, 'newTag', doc), digest: getString(item, 'digest', doc) });
  }
  const namespace = getString(root, 'namespace', doc);
  return {
    file: file.path, dir,
    namespace: namespace && !isTemplated(namespace) ? namespace : undefined,
    resources: [...paths('resources'), ...paths('bases'), ...paths('components')].map((p) => resolve(dir, p)),
    patches: patches.map((p) => resolve(dir, p)),
    images,
  };
}

function generatorFacts(file: ManifestFile, source: ManifestFile['documents'][number], kustomization: KustomizationFact): SecretFact[] {
  const doc = source.document;
  const facts: SecretFact[] = [];
  for (const item of seqItems(getValue(source.document.contents, 'secretGenerator', doc), doc)) {
    const namePair = getPair(item, 'name', doc);
    const name = namePair ? scalarString(resolveNode(namePair.value, doc)) : undefined;
    if (!name || !namePair) continue;
    facts.push({
      kind: 'secretGenerator', name,
      namespace: getString(item, 'namespace', doc) ?? kustomization.namespace,
      type: getString(item, 'type', doc),
      content: { state: 'opaque' }, file: file.path,
      range: nodeRange(file, source, resolveNode(namePair.value, doc)) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  }
  return facts;
}

