// Every YAML file of the workspace, reduced to the facts other files depend on. Updated one
// file at a time; `update` says whether anything other files can see has changed, so the
// editor knows when to re-lint dependent documents.
import { basename, dirname, resolve, sep } from 'node:path';
import { detached } from '../core/detach';
import { parseManifestFile } from '../kubernetes/manifest';
import { extractFacts, isKustomizationPath, scanImageTags } from './extract';
import type { FileFacts, KustomizationFact, KustomizeImage, SecretFact, ServiceAccountFact } from './facts';

/**
 * The kinds of cross-file facts a lint can read, each with its own generation: a document is
 * stale only when a kind it read has changed since (most manifests read no Secrets at all).
 */
export type FactKind = 'secrets' | 'serviceAccounts' | 'kustomizations' | 'fileNames';
const FACT_KINDS: readonly FactKind[] = ['secrets', 'serviceAccounts', 'kustomizations', 'fileNames'];

/**
 * A kustomize question a lint's result depends on, about one file or image name: cheap to ask
 * again, and most files' answers survive another kustomization being added or edited.
 */
type Query = { layoutOf: string } | { imageNamed: string };

/** What one lint read (see `recordReads`): kinds at their generations, questions with their answers. */
export interface ReadStamp {
  readonly generations: ReadonlyArray<readonly [FactKind, number]>;
  readonly answers: ReadonlyArray<readonly [Query, string]>;
  /** The kustomizations' generation the answers were given at: unchanged = still valid. */
  readonly kustomizationsAt: number;
}

interface Reads { kinds: Set<FactKind>; queries: Map<string, Query> }

interface Entry { facts: FileFacts; signatures: Record<Exclude<FactKind, 'fileNames'> | 'imageTags', string> }

interface Derived { secrets?: SecretFact[]; serviceAccounts?: ServiceAccountFact[]; kustomizations?: KustomizationFact[] }

/** `kind: Secret`, `"kind": "ServiceAccount"`, `{kind: SealedSecret}`, `kind: !!str Secret`… */
const FACT_KIND = /\bkind['"]?\s*:\s*(?:!!str\s+)?['"]?(?:Secret|SealedSecret|ExternalSecret|ServiceAccount)\b/;

/**
 * Only Secret-like objects, ServiceAccounts and kustomizations contribute facts. Most files of a
 * workspace (CRDs, Deployments, charts' values) have none: skipping their parse keeps the crawl
 * fast and its garbage low. A kind spelled through an alias (`kind: *k`) is still caught: the
 * anchor's text holds the word.
 */
function mayHoldFacts(path: string, text: string): boolean {
  if (isKustomizationPath(path) || FACT_KIND.test(text)) return true;
  return text.includes('&') && (text.includes('Secret') || text.includes('ServiceAccount'));
}

const EMPTY_SIGNATURES = { secrets: '[]', serviceAccounts: '[]', kustomizations: 'null' } as const;

export class WorkspaceIndex {
  private readonly files = new Map<string, Entry>();
  private readonly names = new Set<string>();
  private tags?: Map<string, string[]>;
  /** Every file's facts of one kind together, made on first read after a change of that kind. */
  private derived: Derived = {};
  private readonly generations: Record<FactKind, number> = { secrets: 0, serviceAccounts: 0, kustomizations: 0, fileNames: 0 };
  /** What was read since `recordReads` began (shared with `withFile` copies made meanwhile). */
  private reads?: Reads;
  /** Grows whenever the cross-file facts change. */
  generation = 0;

  /** Re-reads one file; true when its cross-file facts changed. */
  update(path: string, text: string): boolean {
    const key = resolve(path);
    if (!this.names.has(key)) this.changed('fileNames');
    this.names.add(key);
    let facts: FileFacts;
    try {
      facts = mayHoldFacts(key, text) ? extractFacts(parseManifestFile(key, text)) : { secrets: [], serviceAccounts: [] };
    } catch {
      facts = { secrets: [], serviceAccounts: [] };
    }
    const signatures = {
      secrets: JSON.stringify(facts.secrets),
      serviceAccounts: JSON.stringify(facts.serviceAccounts),
      kustomizations: JSON.stringify(facts.kustomization ?? null),
      // Image tags are suggestions only: they never make dependents re-lint.
      imageTags: JSON.stringify(scanImageTags(text) ?? null),
    };
    // Kept as parsed back from the signatures: names and tags cut out of the text would keep
    // every indexed file's whole text alive (see detached).
    const kustomization = JSON.parse(signatures.kustomizations) as FileFacts['kustomization'] | null;
    const imageTags = JSON.parse(signatures.imageTags) as FileFacts['imageTags'] | null;
    facts = {
      secrets: JSON.parse(signatures.secrets) as FileFacts['secrets'],
      serviceAccounts: JSON.parse(signatures.serviceAccounts) as FileFacts['serviceAccounts'],
      ...(kustomization ? { kustomization } : {}),
      ...(imageTags ? { imageTags } : {}),
    };
    const previous = this.files.get(key);
    this.files.set(key, { facts, signatures });
    if (previous?.signatures.imageTags !== signatures.imageTags) this.tags = undefined;
    let changed = false;
    for (const kind of ['secrets', 'serviceAccounts', 'kustomizations'] as const) {
      if (previous?.signatures[kind] === signatures[kind]) continue;
      if (!previous && signatures[kind] === EMPTY_SIGNATURES[kind]) continue;
      this.changed(kind);
      changed = true;
    }
    return changed;
  }

  remove(path: string): boolean {
    const key = resolve(path);
    if (this.names.delete(key)) this.changed('fileNames');
    const previous = this.files.get(key);
    if (previous?.facts.imageTags) this.tags = undefined;
    this.files.delete(key);
    if (!previous) return false;
    let changed = false;
    for (const kind of ['secrets', 'serviceAccounts', 'kustomizations'] as const) {
      if (previous.signatures[kind] === EMPTY_SIGNATURES[kind]) continue;
      this.changed(kind);
      changed = true;
    }
    return changed;
  }

  private changed(kind: FactKind): void {
    this.generations[kind]++;
    if (kind !== 'fileNames') this.derived[kind] = undefined;
    this.generation++;
  }

  private read(kind: FactKind): void {
    this.reads?.kinds.add(kind);
  }

  private ask(query: Query): void {
    // Stamps outlive the lint: the image name is cut out of the document's text (see detached).
    if (this.reads) this.reads.queries.set('layoutOf' in query ? `l:${query.layoutOf}` : `i:${query.imageNamed}`, detached(query));
  }

  /**
   * Runs `work` (a lint) noting what it reads. The stamp it returns stays current (`isCurrent`)
   * until a kind of fact it read changes or a kustomize question it asked gets another answer.
   */
  recordReads<T>(work: () => T): { result: T; stamp: ReadStamp } {
    const outer = this.reads;
    const reads: Reads = { kinds: new Set(), queries: new Map() };
    this.reads = reads;
    try {
      const result = work();
      return {
        result,
        stamp: {
          generations: FACT_KINDS.filter((kind) => reads.kinds.has(kind)).map((kind) => [kind, this.generations[kind]] as const),
          answers: [...reads.queries.values()].map((query) => [query, this.answer(query)] as const),
          kustomizationsAt: this.generations.kustomizations,
        },
      };
    } finally {
      this.reads = outer;
      if (outer) {
        for (const kind of reads.kinds) outer.kinds.add(kind);
        for (const [key, query] of reads.queries) outer.queries.set(key, query);
      }
    }
  }

  isCurrent(stamp: ReadStamp): boolean {
    if (!stamp.generations.every(([kind, generation]) => this.generations[kind] === generation)) return false;
    if (stamp.kustomizationsAt === this.generations.kustomizations) return true;
    return stamp.answers.every(([query, answer]) => this.answer(query) === answer);
  }

  private answer(query: Query): string {
    if ('imageNamed' in query) return JSON.stringify(this.findKustomizeImage(query.imageNamed) ?? null);
    // What lints use of the owner: its namespace (namespaceFor) and whether the file is a patch.
    return JSON.stringify([this.findOwningKustomization(query.layoutOf)?.namespace ?? null, this.findPatch(query.layoutOf)]);
  }

  factsOf(path: string): FileFacts | undefined { return this.files.get(resolve(path))?.facts; }

  /**
   * A copy with one more file (e.g. an unsaved buffer that must not stay in the real index).
   * What is read of the copy counts as read of this index.
   */
  withFile(path: string, text: string): WorkspaceIndex {
    const copy = new WorkspaceIndex();
    for (const [key, entry] of this.files) copy.files.set(key, entry);
    copy.tags = undefined;
    for (const name of this.names) copy.names.add(name);
    copy.update(path, text);
    copy.reads = this.reads;
    return copy;
  }

  has(path: string): boolean { return this.files.has(resolve(path)); }
  get size(): number { return this.files.size; }

  /** Does the workspace hold a file of this name in this folder (e.g. a chart's Chart.yaml)? */
  hasFileIn(dir: string, name: string): boolean {
    this.read('fileNames');
    return this.names.has(resolve(dir, name));
  }

  secrets(): SecretFact[] {
    this.read('secrets');
    return this.derived.secrets ??= [...this.files.values()].flatMap(({ facts }) => facts.secrets);
  }

  serviceAccounts(): ServiceAccountFact[] {
    this.read('serviceAccounts');
    return this.derived.serviceAccounts ??= [...this.files.values()].flatMap(({ facts }) => facts.serviceAccounts);
  }

  kustomizations(): KustomizationFact[] {
    this.read('kustomizations');
    return this.allKustomizations();
  }

  private allKustomizations(): KustomizationFact[] {
    return this.derived.kustomizations ??= [...this.files.values()].flatMap(({ facts }) => facts.kustomization ? [facts.kustomization] : []);
  }

  /** The kustomization that owns a file: lists it (or a folder holding it) under `resources`; nearest wins. */
  owningKustomization(path: string): KustomizationFact | undefined {
    this.ask({ layoutOf: resolve(path) });
    return this.findOwningKustomization(path);
  }

  private findOwningKustomization(path: string): KustomizationFact | undefined {
    const file = resolve(path);
    let best: { k: KustomizationFact; depth: number } | undefined;
    for (const k of this.allKustomizations()) {
      if (k.file === file) return k;
      for (const resource of k.resources) {
        if (resource === file || file.startsWith(resource + sep)) {
          const depth = resource.length;
          if (!best || depth > best.depth) best = { k, depth };
        }
      }
    }
    return best?.k;
  }

  /** Explicit namespace wins; otherwise the owning kustomization's `namespace:`. */
  namespaceFor(path: string, explicit: string | undefined): string | undefined {
    if (explicit !== undefined) return explicit;
    return this.owningKustomization(path)?.namespace;
  }

  /** Listed as a strategic-merge patch by some kustomization: a partial object. */
  isPatch(path: string): boolean {
    this.ask({ layoutOf: resolve(path) });
    return this.findPatch(path);
  }

  private findPatch(path: string): boolean {
    const file = resolve(path);
    return this.allKustomizations().some((k) => k.patches.includes(file));
  }

  /** A kustomization `images:` entry for an image name (as written, without tag/digest). */
  kustomizeImage(name: string): KustomizeImage | undefined {
    this.ask({ imageNamed: name });
    return this.findKustomizeImage(name);
  }

  private findKustomizeImage(name: string): KustomizeImage | undefined {
    for (const k of this.allKustomizations()) {
      const found = k.images.find((image) => image.name === name);
      if (found) return found;
    }
    return undefined;
  }

  /** Release tags the workspace uses for a normalised image name, newest-looking first. */
  knownTags(name: string): string[] {
    if (!this.tags) {
      this.tags = new Map();
      for (const { facts } of this.files.values()) {
        for (const [image, tags] of Object.entries(facts.imageTags ?? {})) {
          const list = this.tags.get(image) ?? [];
          for (const tag of tags) if (!list.includes(tag)) list.push(tag);
          this.tags.set(image, list);
        }
      }
      for (const list of this.tags.values()) list.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    }
    return this.tags.get(name) ?? [];
  }

  filePaths(): string[] { return [...this.files.keys()]; }

  /** Secret-like objects of a name, with their effective namespaces. */
  secretsNamed(name: string): { secret: SecretFact; namespace?: string }[] {
    return this.secrets().filter((s) => s.name === name).map((secret) => ({
      secret,
      namespace: secret.kind === 'secretGenerator' ? secret.namespace : this.namespaceFor(secret.file, secret.namespace),
    }));
  }

  serviceAccountsNamed(name: string): { account: ServiceAccountFact; namespace?: string }[] {
    return this.serviceAccounts().filter((a) => a.name === name).map((account) => ({
      account, namespace: this.namespaceFor(account.file, account.namespace),
    }));
  }
}

/** Unspecified matches any namespace. */
export function namespacesMatch(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

export function isChartFile(path: string, index: WorkspaceIndex): boolean {
  return basename(path) === 'Chart.yaml' || index.hasFileIn(dirname(path), 'Chart.yaml');
}
