// Any OCI distribution registry: `_catalog` for repositories, `tags/list` for tags. A URL with a
// path (`ghcr.io/owner/app`) names one repository, for registries without a usable catalog.
import { RegistryError } from '../errors';
import type { Page, RegistryClient } from '../client';
import type { ListOptions, ListedRepository, ListedTag, RegistryKind, RegistryProvider, RegistrySettings } from './types';
import { registryTagsPage } from './vendorApi';

/** What to do when a registry's catalog is not available to this account. */
const CATALOG_HINTS: Partial<Record<RegistryKind, string>> = {
  ghcr: 'GHCR has no repository listing: add the registry as ghcr.io/OWNER/IMAGE',
  gitlab: 'GitLab lists repositories only for admins: add the registry as registry.gitlab.com/GROUP/PROJECT[/IMAGE]',
  ecr: 'ECR does not offer the catalog API: add the registry as ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY',
  quay: 'add the registry as quay.io/NAMESPACE/REPOSITORY when the catalog is not visible to this account',
  dockerhub: 'Docker Hub has no catalog: add it as docker.io/NAMESPACE',
  generic: 'the catalog may need other permissions: add the registry as HOST/REPOSITORY to open one repository',
};

export class GenericProvider implements RegistryProvider {
  readonly hasProjects = false;
  readonly canUntag = false;
  constructor(readonly kind: RegistryKind, readonly settings: RegistrySettings, readonly client: RegistryClient) {}

  async listRepositories(options: ListOptions = {}): Promise<Page<ListedRepository>> {
    const fixed = this.client.address.repository;
    if (fixed) return { items: [{ name: fixed }] };
    try {
      const page = await this.client.catalogPage({ ...(options.pageSize ? { n: options.pageSize } : {}), ...(options.cursor ? { cursor: options.cursor } : {}) });
      return { items: page.items.map((name) => ({ name })), ...(page.next ? { next: page.next } : {}) };
    } catch (error) {
      if (error instanceof RegistryError && ['unauthorized', 'forbidden', 'not-found', 'unsupported'].includes(error.kind) && CATALOG_HINTS[this.kind]) {
        throw new RegistryError(error.kind, `${error.message} — ${CATALOG_HINTS[this.kind]}`, error.registry, error.status, error.codes);
      }
      throw error;
    }
  }

  listTags(repository: string, options: ListOptions = {}): Promise<Page<ListedTag>> {
    return registryTagsPage(this.client, repository, options);
  }

  deleteManifest(repository: string, digest: string): Promise<void> {
    return this.client.deleteManifest(repository, digest);
  }
}
