// One parse of a YAML file shared by all Kubernetes rules, with the workspace it lives in.
import { isScalar, type Node, type Pair } from 'yaml';
import type { ShipshapeConfig } from '../config/config';
import type { Range } from '../core/finding';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { effectiveImage, type EffectiveImage } from './images';
import { nodeRange, toRange, type ManifestFile, type ManifestObject } from './manifest';
import { podSpecsOf, readPullSecretList, type ContainerView, type PodSpecView, type PullSecretEntry, type PullSecretList } from './podSpecs';
import { resolvePullSecret, type PullSecretResolution } from './pullSecrets/analysis';
import { analysePod, type PodPullAnalysis } from './pullSecrets/podAnalysis';
import type { SourceDocument } from './yaml/documents';
import { getPair, pairSpan, resolveNode } from './yaml/nodes';

export interface PullSecretReference {
  object: ManifestObject;
  entry: PullSecretEntry;
  resolution: PullSecretResolution;
  owner: 'pod' | 'serviceAccount';
}

export class KubernetesContext {
  readonly pods: PodSpecView[];
  /** A kustomize patch: a partial object whose containers need no image. */
  readonly isPatch: boolean;
  private readonly analyses = new Map<PodSpecView, PodPullAnalysis>();
  private readonly images = new Map<ContainerView, EffectiveImage>();
  private accountLists?: { object: ManifestObject; list: PullSecretList }[];
  private references?: PullSecretReference[];

  constructor(
    readonly file: ManifestFile,
    readonly config: ShipshapeConfig,
    readonly workspace: WorkspaceIndex,
    /** A Helm chart's values file (not a manifest, but its image tags count). */
    readonly chartValues = false,
  ) {
    this.pods = podSpecsOf(file);
    this.isPatch = workspace.isPatch(file.path);
  }

  namespaceOf(object: ManifestObject): string | undefined {
    return this.workspace.namespaceFor(this.file.path, object.namespace);
  }

  imageOf(container: ContainerView): EffectiveImage | undefined {
    if (container.image === undefined || container.imageTemplated) return undefined;
    let image = this.images.get(container);
    if (!image) {
      image = effectiveImage(container.image, this.workspace);
      this.images.set(container, image);
    }
    return image;
  }

  pullAnalysis(pod: PodSpecView): PodPullAnalysis {
    let analysis = this.analyses.get(pod);
    if (!analysis) {
      analysis = analysePod(pod, this.namespaceOf(pod.object), this.workspace);
      this.analyses.set(pod, analysis);
    }
    return analysis;
  }

  /** `imagePullSecrets` of the ServiceAccounts of this file. */
  serviceAccountLists(): { object: ManifestObject; list: PullSecretList }[] {
    if (!this.accountLists) {
      this.accountLists = [];
      for (const object of this.file.objects) {
        if (object.kind !== 'ServiceAccount') continue;
        const pair = getPair(object.node, 'imagePullSecrets', object.doc);
        if (pair) this.accountLists.push({ object, list: readPullSecretList(pair, object.doc) });
      }
    }
    return this.accountLists;
  }

  /** Every pull-secret name of this file (Pod specs and ServiceAccounts) with its resolution. */
  pullSecretReferences(): PullSecretReference[] {
    if (!this.references) {
      const references: PullSecretReference[] = [];
      for (const pod of this.pods) {
        for (const { entry, resolution } of this.pullAnalysis(pod).own) references.push({ object: pod.object, entry, resolution, owner: 'pod' });
      }
      for (const { object, list } of this.serviceAccountLists()) {
        const namespace = this.namespaceOf(object);
        for (const entry of list.entries) references.push({ object, entry, resolution: resolvePullSecret(entry.name, namespace, this.workspace), owner: 'serviceAccount' });
      }
      this.references = references;
    }
    return this.references;
  }

  /** Key start to value end: "the `image:` line". */
  pairRange(source: SourceDocument, pair: Pair): Range {
    const span = pairSpan(pair) ?? [0, 0];
    // A block value (list, mapping) would span many lines: keep to the key's line.
    const value = resolveNode(pair.value, source.document);
    if (value && !isScalar(value)) return this.keyRange(source, pair);
    return toRange(this.file, source, span);
  }

  keyRange(source: SourceDocument, pair: Pair): Range {
    return nodeRange(this.file, source, pair.key as Node) ?? toRange(this.file, source, pairSpan(pair) ?? [0, 0]);
  }

  nodeRange(source: SourceDocument, node: Node): Range {
    return nodeRange(this.file, source, node) ?? toRange(this.file, source, [0, 0]);
  }

  /** The first line of a sequence item (`- name: x`): the item's first pair, or the item. */
  itemLineRange(source: SourceDocument, node: Node): Range {
    const range = this.nodeRange(source, node);
    if (range.end.line === range.start.line) return range;
    const text = this.file.lines.lineText(range.start.line);
    return { start: range.start, end: { line: range.start.line, character: text.trimEnd().length } };
  }

  /** Where to report on a container's image: the `image:` pair, else the container item. */
  imageRange(pod: PodSpecView, container: ContainerView): Range {
    return container.imagePair ? this.pairRange(pod.object.source, container.imagePair) : this.itemLineRange(pod.object.source, container.node);
  }
}
