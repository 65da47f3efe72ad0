// Quay (quay.io or self-hosted): the registry API for manifests/blobs, the Quay API v1 on the same
// host for listings: a namespace's repositories (with dates) and tags with digest, size and date.
// The namespace is the URL's path (`quay.io/acme`; `quay.io/acme/app` opens one repository);
// without one, an OAuth token lists the user's namespaces. The API takes OAuth tokens only
// (`docker login -u '$oauthtoken' -p TOKEN`): robot accounts and passwords work for the registry
// but not the API, so then repositories come from the OCI catalog and tags from `tags/list`.
import type { Page, RegistryClient } from '../client';
import { RegistryError } from '../errors';
import type { ListOptions, ListedProject, ListedRepository, ListedTag, RegistryProvider, RegistrySettings } from './types';
import { API_CURSOR, type ApiClientOptions, isoDate, isRefused, onceWarner, registryTagsPage, VendorApi } from './vendorApi';

interface QuayRepository { namespace: string; name: string; description?: string | null; is_public?: boolean; last_modified?: number | null; kind?: string }
interface QuayTag {
  name: string; manifest_digest?: string; size?: number | null; last_modified?: string; start_ts?: number;
  is_manifest_list?: boolean; reversion?: boolean;
}
interface QuayUser { username?: string; organizations?: { name: string }[] }

/** API with a Bearer token or anonymous; or registry API only (robot/password, or the token was refused). */
type Mode = { api: true; authorization?: string } | { api: false; username?: string; refused?: boolean };

export class QuayProvider implements RegistryProvider {
  readonly kind = 'quay' as const;
  /** Without a path in the URL the user's namespaces are listed first (like projects). */
  get hasProjects(): boolean {
    return !this.client.address.repository;
  }
  readonly canUntag = false;
  private readonly api: VendorApi;
  private readonly warn: (message: string) => void;
  /** Set when the API refused the OAuth token: the rest of the session uses the OCI API. */
  private apiRefused = false;

  constructor(readonly settings: RegistrySettings, readonly client: RegistryClient, apiBase?: string, apiOptions: ApiClientOptions = {}, onWarning?: (message: string) => void) {
    // The API lives on the registry host itself: the credential never goes anywhere else.
    this.api = new VendorApi(apiBase ?? client.baseUrl.origin, client.host, 'Quay', apiOptions);
    this.warn = onceWarner(onWarning);
  }

  private async mode(): Promise<Mode> {
    const credential = await this.client.auth.getCredential();
    if (credential?.username === '$oauthtoken' && credential.secret) return this.apiRefused ? { api: false, refused: true } : { api: true, authorization: `Bearer ${credential.secret}` };
    if (!credential?.username && !credential?.secret) return { api: true };
    return { api: false, ...(credential.username ? { username: credential.username } : {}) };
  }

  private noApiWarning(): void {
    this.warn(`the Quay API takes OAuth tokens only (docker login -u '$oauthtoken' -p TOKEN ${this.client.host}); with these credentials (robot account or password) repositories come from the registry catalog and tags from the registry API, without dates`);
  }

  private namespaceMissing(): RegistryError {
    return new RegistryError('bad-request', `Quay lists repositories per namespace: add the registry as ${this.client.host}/NAMESPACE (your user or organization), or sign in with an OAuth token (docker login -u '$oauthtoken' -p TOKEN ${this.client.host}) to list your namespaces`, this.client.host);
  }

  /** The signed-in user and their organizations (OAuth token); the robot's or user's namespace otherwise. */
  async listProjects(options: ListOptions = {}): Promise<Page<ListedProject>> {
    const fromUrl = this.client.address.repository?.split('/')[0];
    if (fromUrl) return { items: [{ name: fromUrl }] };
    if (options.cursor) return { items: [] };
    const mode = await this.mode();
    if (!mode.api) {
      if (!mode.refused) this.noApiWarning();
      // Robot accounts are "namespace+robot".
      const ns = mode.username?.split('+')[0];
      if (!ns) throw this.namespaceMissing();
      return { items: [{ name: ns.toLowerCase() }] };
    }
    if (!mode.authorization) throw this.namespaceMissing();
    const { data } = await this.api.get<QuayUser>('/api/v1/user/', 'reading the signed-in Quay user', mode.authorization, tokenHint);
    const names = [data.username, ...(data.organizations ?? []).map((o) => o.name)].filter((n): n is string => Boolean(n));
    return { items: [...new Set(names)].map((name) => ({ name })) };
  }

  async listRepositories(options: ListOptions & { project?: string } = {}): Promise<Page<ListedRepository>> {
    const fixed = this.client.address.repository;
    if (fixed && fixed.includes('/') && !options.project) return { items: [{ name: fixed }] };
    const ns = options.project ?? fixed?.split('/')[0];
    if (!ns) throw this.namespaceMissing();
    const mode = await this.mode();
    if (!mode.api || (options.cursor && !options.cursor.startsWith(API_CURSOR))) return this.ociCatalog(ns, options, mode.api || Boolean(mode.refused));
    const query = new URLSearchParams({ namespace: ns, last_modified: 'true' });
    if (!mode.authorization) query.set('public', 'true');
    if (options.cursor) query.set('next_page', options.cursor.slice(API_CURSOR.length));
    let data: { repositories?: QuayRepository[]; next_page?: string | null };
    try {
      ({ data } = await this.api.get<typeof data>(`/api/v1/repository?${query}`, `listing the repositories of ${ns}`, mode.authorization, tokenHint));
    } catch (error) {
      if (mode.authorization && isRefused(error)) {
        this.apiRefused = true;
        this.warn(`the Quay API refused the OAuth token (${error.status}): repositories come from the registry catalog instead — create a new token with "View all visible repositories" and "Read/Write to any accessible repositories"`);
        return this.ociCatalog(ns, options, true);
      }
      throw error;
    }
    if (!Array.isArray(data?.repositories)) throw new RegistryError('protocol', `the Quay API sent a malformed repository list for ${ns}`, this.client.host);
    const items = data.repositories.map((r): ListedRepository => {
      const updated = isoDate(r.last_modified);
      return { name: `${r.namespace ?? ns}/${r.name}`, ...(r.description ? { description: r.description } : {}), ...(updated ? { updated } : {}) };
    });
    return { items, ...(data.next_page ? { next: API_CURSOR + data.next_page } : {}) };
  }

  /** OCI catalog restricted to the namespace (Quay's catalog lists what the credential can see). */
  private async ociCatalog(ns: string, options: ListOptions, quiet: boolean): Promise<Page<ListedRepository>> {
    if (!quiet) this.noApiWarning();
    const cursor = options.cursor && !options.cursor.startsWith(API_CURSOR) ? options.cursor : undefined;
    const page = await this.client.catalogPage({ ...(options.pageSize ? { n: options.pageSize } : {}), ...(cursor ? { cursor } : {}) });
    const prefix = `${ns.toLowerCase()}/`;
    return { items: page.items.filter((name) => name.toLowerCase().startsWith(prefix)).map((name) => ({ name })), ...(page.next ? { next: page.next } : {}) };
  }

  async listTags(repository: string, options: ListOptions = {}): Promise<Page<ListedTag>> {
    // A bare namespace has no tags ("Add Registry" checks quay.io/NAMESPACE this way).
    if (!repository.includes('/')) {
      await this.listRepositories({ project: repository, pageSize: 1 });
      return { items: [] };
    }
    const mode = await this.mode();
    if (!mode.api || (options.cursor && !options.cursor.startsWith(API_CURSOR))) {
      if (!mode.api && !mode.refused) this.noApiWarning();
      return registryTagsPage(this.client, repository, options);
    }
    const page = options.cursor ? Math.max(1, Number(options.cursor.slice(API_CURSOR.length)) || 1) : 1;
    const limit = Math.max(1, Math.min(100, options.pageSize ?? 100));
    const path = `/api/v1/repository/${repository.split('/').map(encodeURIComponent).join('/')}/tag/?onlyActiveTags=true&limit=${limit}&page=${page}`;
    let data: { tags?: QuayTag[]; has_additional?: boolean };
    try {
      ({ data } = await this.api.get<typeof data>(path, `listing the tags of ${repository}`, mode.authorization, tokenHint));
    } catch (error) {
      if (isRefused(error)) {
        if (mode.authorization) this.apiRefused = true;
        this.warn(`the Quay API refused listing the tags of ${repository} (${error.status}): tags come from the registry API instead, without dates`);
        return registryTagsPage(this.client, repository, options);
      }
      throw error;
    }
    if (!Array.isArray(data?.tags)) throw new RegistryError('protocol', `the Quay API sent a malformed tag list for ${repository}`, this.client.host);
    const items = data.tags.map((t): ListedTag => {
      const date = t.start_ts !== undefined ? isoDate(t.start_ts) : isoDate(t.last_modified);
      return {
        name: t.name,
        ...(t.manifest_digest ? { digest: t.manifest_digest } : {}),
        ...(typeof t.size === 'number' ? { size: t.size } : {}),
        ...(date ? { date } : {}),
      };
    });
    return { items, ...(data.has_additional ? { next: `${API_CURSOR}${page + 1}` } : {}) };
  }

  deleteManifest(repository: string, digest: string): Promise<void> {
    return this.client.deleteManifest(repository, digest);
  }
}

function tokenHint(status: number): string | undefined {
  if (status === 401) return `the Quay API takes an OAuth token as the password of docker login -u '$oauthtoken'`;
  if (status === 403) return 'the OAuth token lacks the permission for this namespace';
  return undefined;
}
