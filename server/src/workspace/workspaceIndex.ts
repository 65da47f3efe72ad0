// Every YAML file of the workspace, reduced to the facts other files depend on. Updated one
// file at a time; `update` says whether anything other files can see has changed, so the
// editor knows when to re-lint dependent documents.
import { basename, dirname, resolve, sep } from 'node:path';
import { parseManifestFile } from '../kubernetes/manifest';
import { extractFacts, isKustomizationPath, scanImageTags } from './extract';
import type { FileFacts, KustomizationFact, KustomizeImage, SecretFact, ServiceAccountFact } from './facts';

interface Entry { facts: FileFacts; signature: string }

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

export class WorkspaceIndex {
  private readonly files = new Map<string, Entry>();
  private readonly names = new Set<string>();
  private tags?: Map<string, string[]>;
  private derived?: { secrets: SecretFact[]; accounts: ServiceAccountFact[]; kustomizations: KustomizationFact[] };
  /** Grows whenever the cross-file facts change: a lint made at this generation is still current. */
  generation = 0;

  /** Re-reads one file; true when its cross-file facts changed. */
  update(path: string, text: string): boolean {
    const key = resolve(path);
    this.names.add(key);
    let facts: FileFacts;
    try {
      facts = mayHoldFacts(key, text) ? extractFacts(parseManifestFile(key, text)) : { secrets: [], serviceAccounts: [] };
    } catch {
      facts = { secrets: [], serviceAccounts: [] };
    }
    // Image tags are suggestions only: they never make dependents re-lint.
    const signature = JSON.stringify(facts);
    const imageTags = scanImageTags(text);
    if (imageTags) facts = { ...facts, imageTags };
    const previous = this.files.get(key);
    this.files.set(key, { facts, signature });
    this.tags = undefined;
    if (previous?.signature === signature) return false;
    this.derived = undefined;
    this.generation++;
    return previous !== undefined || facts.secrets.length + facts.serviceAccounts.length > 0 || !!facts.kustomization;
  }

  remove(path: string): boolean {
    const key = resolve(path);
    this.names.delete(key);
    this.tags = undefined;
    const previous = this.files.get(key);
    this.files.delete(key);
    if (!previous) return false;
    this.derived = undefined;
    this.generation++;
    return previous.facts.secrets.length + previous.facts.serviceAccounts.length > 0 || !!previous.facts.kustomization;
  }

  factsOf(path: string): FileFacts | undefined { return this.files.get(resolve(path))?.facts; }

  /** A copy with one more file (e.g. an unsaved buffer that must not stay in the real index). */
  withFile(path: string, text: string): WorkspaceIndex {
    const copy = new WorkspaceIndex();
    for (const [key, entry] of this.files) copy.files.set(key, entry);
    copy.tags = undefined;
    for (const name of this.names) copy.names.add(name);
    copy.update(path, text);
    return copy;
  }

  has(path: string): boolean { return this.files.has(resolve(path)); }
  get size(): number { return this.files.size; }

  /** Does the workspace hold a file of this name in this folder (e.g. a chart's Chart.yaml)? */
  hasFileIn(dir: string, name: string): boolean { return this.names.has(resolve(dir, name)); }

  private all() {
    if (!this.derived) {
      const secrets: SecretFact[] = [];
      const accounts: ServiceAccountFact[] = [];
      const kustomizations: KustomizationFact[] = [];
      for (const { facts } of this.files.values()) {
        secrets.push(...facts.secrets);
        accounts.push(...facts.serviceAccounts);
        if (facts.kustomization) kustomizations.push(facts.kustomization);
      }
      this.derived = { secrets, accounts, kustomizations };
    }
    return this.derived;
  }

  secrets(): SecretFact[] { return this.all().secrets; }
  serviceAccounts(): ServiceAccountFact[] { return this.all().accounts; }
  kustomizations(): KustomizationFact[] { return this.all().kustomizations; }

  /** The kustomization that owns a file: lists it (or a folder holding it) under `resources`; nearest wins. */
  owningKustomization(path: string): KustomizationFact | undefined {
    const file = resolve(path);
    let best: { k: KustomizationFact; depth: number } | undefined;
    for (const k of this.kustomizations()) {
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
    const file = resolve(path);
    return this.kustomizations().some((k) => k.patches.includes(file));
  }

  /** A kustomization `images:` entry for an image name (as written, without tag/digest). */
  kustomizeImage(name: string): KustomizeImage | undefined {
    for (const k of this.kustomizations()) {
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
