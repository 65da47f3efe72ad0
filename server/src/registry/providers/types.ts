// What the explorer and the CLI list, independent of the registry product behind it.
import type { RegistryClient } from '../client';
import type { Page } from '../client';

export const REGISTRY_KINDS = ['generic', 'dockerhub', 'ghcr', 'gitlab', 'quay', 'harbor', 'ecr', 'acr', 'gcr'] as const;
export type RegistryKind = typeof REGISTRY_KINDS[number];

/** One entry of the `shipshape.registries` setting / `.shipshape.yaml` `registries` (no secrets). */
export interface RegistrySettings {
  name?: string;
  url: string;
  kind?: RegistryKind;
  caFile?: string;
  insecure?: boolean;
}

export interface ListedProject {
  name: string;
  repositoryCount?: number;
  public?: boolean;
}

export interface ListedRepository {
  /** Full repository path as used in image references (`project/app`). */
  name: string;
  description?: string;
  pullCount?: number;
  updated?: string;
  artifactCount?: number;
}

export interface ScanSummary {
  severity?: string;
  total?: number;
  fixable?: number;
  counts?: Record<string, number>;
  status?: string;
}

export interface ListedTag {
  name: string;
  /** Known from the listing (Hub, Harbor) or filled in by `describeTag`. */
  digest?: string;
  size?: number;
  /** Push time or image created date (ISO), for sorting and "age". */
  date?: string;
  mediaType?: string;
  platforms?: string[];
  /** Harbor accessories / Hub: signatures, SBOMs. */
  accessories?: { type: string; digest: string }[];
  scan?: ScanSummary;
  labels?: string[];
}

export interface ListOptions {
  cursor?: string;
  pageSize?: number;
}

export interface RegistryProvider {
  readonly kind: RegistryKind;
  readonly settings: RegistrySettings;
  /** The OCI client for manifests, blobs, delete, referrers. */
  readonly client: RegistryClient;
  /** Harbor groups repositories under projects. */
  readonly hasProjects: boolean;
  /** The registry can remove a tag without deleting the manifest. */
  readonly canUntag: boolean;
  listProjects?(options?: ListOptions): Promise<Page<ListedProject>>;
  listRepositories(options?: ListOptions & { project?: string }): Promise<Page<ListedRepository>>;
  listTags(repository: string, options?: ListOptions): Promise<Page<ListedTag>>;
  untag?(repository: string, tag: string, digest: string): Promise<void>;
  /** Deletes the manifest (and with it every tag on it). */
  deleteManifest(repository: string, digest: string): Promise<void>;
}
