// The explorer's node types. Registry → (Harbor project →) repository → tag → platform
// manifests, plus "signatures & attachments"; paged parents end in a "Load more…" node.
import type { Descriptor } from '../../../server/src/registry/mediaTypes';
import type { ImageDetails, PlatformManifest } from '../../../server/src/registry/details';
import type { ListedRepository, ListedTag, RegistryProvider, RegistrySettings } from '../../../server/src/registry/providers';

export interface RegistryNode { kind: 'registry'; id: string; settings: RegistrySettings; provider: RegistryProvider; source: 'settings' | 'docker' }
export interface ProjectNode { kind: 'project'; id: string; registry: RegistryNode; name: string; repositoryCount?: number }
export interface RepositoryNode { kind: 'repository'; id: string; registry: RegistryNode; name: string; info: ListedRepository }
export interface TagNode { kind: 'tag'; id: string; registry: RegistryNode; repository: RepositoryNode; tag: ListedTag; details?: ImageDetails; badge?: { label: string; detail: string } }
export interface PlatformNode { kind: 'platform'; id: string; tag: TagNode; platform: PlatformManifest }
export interface AttachmentsNode { kind: 'attachments'; id: string; tag: TagNode }
export interface ReferrerNode { kind: 'referrer'; id: string; tag: TagNode; descriptor: Descriptor; label: string }
export interface LoadMoreNode { kind: 'loadMore'; id: string; parent: PagedNode }
export interface MessageNode { kind: 'message'; id: string; message: string; error: boolean; retry?: ExplorerNode | undefined; command?: { command: string; title: string } }

export type PagedNode = RegistryNode | ProjectNode | RepositoryNode;
export type ExplorerNode = RegistryNode | ProjectNode | RepositoryNode | TagNode | PlatformNode | AttachmentsNode | ReferrerNode | LoadMoreNode | MessageNode;

/** The registry + repository a node belongs to (for actions). */
export function imageOf(node: TagNode | PlatformNode | ReferrerNode): { registry: RegistryNode; repository: string; tag?: string; digest?: string } {
  if (node.kind === 'tag') return { registry: node.registry, repository: node.repository.name, tag: node.tag.name, ...(node.tag.digest ?? node.details?.digest ? { digest: node.tag.digest ?? node.details!.digest } : {}) };
  if (node.kind === 'platform') return { registry: node.tag.registry, repository: node.tag.repository.name, digest: node.platform.digest };
  return { registry: node.tag.registry, repository: node.tag.repository.name, digest: node.descriptor.digest };
}
