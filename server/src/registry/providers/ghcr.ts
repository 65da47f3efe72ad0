// GitHub Container Registry: the registry API (ghcr.io) for manifests/blobs and tags as a
// fallback, the GitHub Packages REST API (api.github.com) for what the registry cannot list: an
// owner's container packages and each package's versions with their tags and dates. The owner is
// the URL's path (`ghcr.io/acme`); `ghcr.io/acme/app` opens one package. The token is the password
// of the Docker config entry for ghcr.io (a personal access token with read:packages); it is sent
// to api.github.com only, as `Authorization: Bearer`.
import type { Page, RegistryClient } from '../client';
import { RegistryError } from '../errors';
import type { ListOptions, ListedRepository, ListedTag, RegistryProvider, RegistrySettings } from './types';
import { API_CURSOR, type ApiClientOptions, isRefused, onceWarner, registryTagsPage, VendorApi } from './vendorApi';

export const GITHUB_API = 'https://api.github.com';

interface GhPackage {
  id?: number; name: string; package_type?: string; visibility?: string; version_count?: number;
  created_at?: string; updated_at?: string;
  repository?: { full_name?: string; description?: string | null } | null;
}
interface GhVersion {
  id?: number; name: string; created_at?: string; updated_at?: string;
  metadata?: { package_type?: string; container?: { tags?: string[] } };
}

/** Untagged versions (platform manifests, attestations) are skipped; look a few pages ahead for tags. */
const MAX_EMPTY_PAGES = 5;
const TOKEN_HINT = 'the GitHub packages API needs a personal access token (classic) with read:packages as the password of "docker login ghcr.io"';

export class GhcrProvider implements RegistryProvider {
  readonly kind = 'ghcr' as const;
  readonly hasProjects = false;
  readonly canUntag = false;
  private readonly api: VendorApi;
  private readonly warn: (message: string) => void;
  /** `/orgs/acme` or `/users/acme`, once known, per lower-case owner. */
  private readonly ownerPaths = new Map<string, string>();

  constructor(readonly settings: RegistrySettings, readonly client: RegistryClient, apiBase = GITHUB_API, apiOptions: ApiClientOptions = {}, onWarning?: (message: string) => void) {
    this.api = new VendorApi(apiBase, client.host, 'GitHub', apiOptions);
    this.warn = onceWarner(onWarning);
  }

  private get owner(): string | undefined {
    return this.client.address.repository?.split('/')[0];
  }

  /** `Bearer <PAT>` from the ghcr.io credential, or undefined. */
  private async authorization(): Promise<string | undefined> {
    const credential = await this.client.auth.getCredential();
    const token = credential?.secret ?? credential?.identityToken;
    return token ? `Bearer ${token}` : undefined;
  }

  /**
   * GETs `rest` below the owner's `/orgs/…` or `/users/…` path; the first call for an owner finds
   * out which it is (the signed-in user's own name: users first, else organizations first).
   */
  private async ownerGet<T>(owner: string, rest: string, what: string, authorization: string) {
    const key = owner.toLowerCase();
    const known = this.ownerPaths.get(key);
    if (known) return this.api.get<T>(known + rest, what, authorization, hint);
    const credential = await this.client.auth.getCredential();
    const user = `/users/${encodeURIComponent(owner)}`;
    const org = `/orgs/${encodeURIComponent(owner)}`;
    const order = credential?.username?.toLowerCase() === key ? [user, org] : [org, user];
    for (const [i, base] of order.entries()) {
      try {
        const answer = await this.api.get<T>(base + rest, what, authorization, hint);
        this.ownerPaths.set(key, base);
        return answer;
      } catch (error) {
        if (i === 0 && error instanceof RegistryError && error.kind === 'not-found') continue;
        throw error;
      }
    }
    throw new Error('unreachable');
  }

  async listRepositories(options: ListOptions = {}): Promise<Page<ListedRepository>> {
    const fixed = this.client.address.repository;
    if (fixed && fixed.includes('/')) return { items: [{ name: fixed }] };
    const owner = this.owner;
    if (!owner) throw new RegistryError('bad-request', `${this.client.host} has no registry-wide listing: add the registry as ${this.client.host}/OWNER (a GitHub user or organization), or ${this.client.host}/OWNER/IMAGE for one image`, this.client.host);
    const authorization = await this.authorization();
    if (!authorization) {
      throw new RegistryError('unauthorized', `listing the packages of ${owner} needs a GitHub token: ${TOKEN_HINT} — or add the registry as ${this.client.host}/${owner}/IMAGE to open one image`, this.client.host, 401);
    }
    const what = `listing the container packages of ${owner}`;
    let answer;
    try {
      answer = options.cursor?.startsWith(API_CURSOR)
        ? await this.api.get<GhPackage[]>(options.cursor.slice(API_CURSOR.length), what, authorization, hint)
        : await this.ownerGet<GhPackage[]>(owner, `/packages?package_type=container&per_page=${clamp(options.pageSize)}`, what, authorization);
    } catch (error) {
      if (isRefused(error)) throw new RegistryError(error.kind, `${error.message} — or add the registry as ${this.client.host}/${owner}/IMAGE to open one image through the registry API`, error.registry, error.status, error.codes);
      throw error;
    }
    if (!Array.isArray(answer.data)) throw new RegistryError('protocol', `the GitHub API sent a malformed package list while ${what}`, this.client.host);
    const prefix = owner.toLowerCase();
    const items = answer.data.filter((p) => !p.package_type || p.package_type === 'container').map((p): ListedRepository => ({
      name: `${prefix}/${p.name}`,
      ...(p.repository?.description ? { description: p.repository.description } : {}),
      ...(p.updated_at ? { updated: p.updated_at } : {}),
      ...(p.version_count !== undefined ? { artifactCount: p.version_count } : {}),
    }));
    return { items, ...(answer.next ? { next: API_CURSOR + answer.next } : {}) };
  }

  async listTags(repository: string, options: ListOptions = {}): Promise<Page<ListedTag>> {
    // A bare owner has no tags ("Add Registry" checks ghcr.io/OWNER this way): check the listing.
    if (!repository.includes('/')) {
      await this.listRepositories({ pageSize: 1 });
      return { items: [] };
    }
    if (options.cursor && !options.cursor.startsWith(API_CURSOR)) return registryTagsPage(this.client, repository, options);
    const authorization = await this.authorization();
    if (!authorization) {
      this.warn(`no GitHub token for ${this.client.host}: tags of ${repository} come from the registry API (no dates or digests until opened) — ${TOKEN_HINT}`);
      return registryTagsPage(this.client, repository, options);
    }
    const [owner, ...rest] = repository.split('/');
    const name = rest.join('/');
    const what = `listing the versions of ${repository}`;
    try {
      let answer = options.cursor
        ? await this.api.get<GhVersion[]>(options.cursor.slice(API_CURSOR.length), what, authorization, hint)
        : await this.ownerGet<GhVersion[]>(owner!, `/packages/container/${encodeURIComponent(name)}/versions?per_page=${clamp(options.pageSize)}`, what, authorization);
      let items = toTags(answer.data, what, this.client.host);
      for (let extra = 0; items.length === 0 && answer.next && extra < MAX_EMPTY_PAGES; extra++) {
        answer = await this.api.get<GhVersion[]>(answer.next, what, authorization, hint);
        items = toTags(answer.data, what, this.client.host);
      }
      return { items, ...(answer.next ? { next: API_CURSOR + answer.next } : {}) };
    } catch (error) {
      // No read:packages (401/403), or a package the token cannot see through the API (404):
      // the registry itself may still list it.
      if (isRefused(error) || (error instanceof RegistryError && error.kind === 'not-found')) {
        this.warn(`the GitHub packages API refused ${what} (${error.status ?? error.kind}): tags come from the registry API instead (no dates or digests until opened) — ${TOKEN_HINT}`);
        return registryTagsPage(this.client, repository, options);
      }
      throw error;
    }
  }

  deleteManifest(repository: string, digest: string): Promise<void> {
    return this.client.deleteManifest(repository, digest);
  }
}

function hint(status: number): string | undefined {
  if (status === 401) return TOKEN_HINT;
  if (status === 403) return 'the token lacks read:packages (or the organization has not approved it)';
  return undefined;
}

function clamp(pageSize: number | undefined): number {
  return Math.max(1, Math.min(100, pageSize ?? 100));
}

/** One tag per tag name of each version; the version's name is the manifest digest. */
function toTags(versions: GhVersion[], what: string, registry: string): ListedTag[] {
  if (!Array.isArray(versions)) throw new RegistryError('protocol', `the GitHub API sent a malformed version list while ${what}`, registry);
  return versions.flatMap((v) => (v.metadata?.container?.tags ?? []).map((tag): ListedTag => {
    const date = v.created_at ?? v.updated_at;
    return { name: tag, ...(v.name?.startsWith('sha256:') ? { digest: v.name } : {}), ...(date ? { date } : {}) };
  }));
}
