// GitLab (gitlab.com or self-managed): the registry API for manifests/blobs, the GitLab API v4 for
// listings (the registry's catalog is admin-only): a group's or project's registry repositories,
// their tags, and each tag's digest, size and date. `registry.gitlab.com/GROUP[/PROJECT]` → API at
// https://gitlab.com/api/v4; `registry.HOST` → https://HOST/api/v4; any other registry host →
// the same host name without the port. The token (password of the Docker config entry: a personal,
// group or project access token) goes to that API host only, as `Authorization: Bearer`. Deploy
// tokens and CI job tokens cannot list through the API: the URL's path is then opened as one
// repository through the registry API.
import type { Page, RegistryClient } from '../client';
import { RegistryError } from '../errors';
import type { ListOptions, ListedProject, ListedRepository, ListedTag, RegistryProvider, RegistrySettings } from './types';
import { API_CURSOR, type ApiClientOptions, isRefused, mapLimit, onceWarner, registryTagsPage, VendorApi } from './vendorApi';

interface GlRepository { id: number; name?: string; path: string; project_id: number; location?: string; created_at?: string; tags_count?: number }
interface GlTag { name: string; path?: string; location?: string }
interface GlTagDetails extends GlTag { digest?: string; revision?: string; total_size?: number; created_at?: string }
interface GlGroup { id: number; full_path: string; name?: string }

/** The tags list has names only; details cost one request per tag, so tag pages are smaller. */
const TAG_PAGE = 20;
const DETAIL_CONCURRENCY = 8;
const TOKEN_HINT = 'listing through the GitLab API needs a personal, group or project access token with read_api (or api) scope as the password of "docker login"';

/** The API base belonging to a GitLab registry host. */
export function gitlabApiBase(registryBaseUrl: URL): string {
  const hostname = registryBaseUrl.hostname.toLowerCase();
  const apiHost = hostname === 'registry.gitlab.com' ? 'gitlab.com' : hostname.startsWith('registry.') ? hostname.slice('registry.'.length) : hostname;
  return `${registryBaseUrl.protocol}//${apiHost}/api/v4`;
}

export class GitLabProvider implements RegistryProvider {
  readonly kind = 'gitlab' as const;
  /** Without a path in the URL the user's groups are listed first (like projects). */
  get hasProjects(): boolean {
    return !this.client.address.repository;
  }
  readonly canUntag = false;
  private readonly api: VendorApi;
  private readonly warn: (message: string) => void;
  /** `groups`/`projects` for a path, once known. */
  private readonly scopes = new Map<string, 'groups' | 'projects'>();
  /** Repository path → ids, from listings. */
  private readonly ids = new Map<string, { projectId: number; id: number }>();

  constructor(readonly settings: RegistrySettings, readonly client: RegistryClient, apiBase?: string, apiOptions: ApiClientOptions = {}, onWarning?: (message: string) => void) {
    this.api = new VendorApi(apiBase ?? gitlabApiBase(client.baseUrl), client.host, 'GitLab', apiOptions);
    this.warn = onceWarner(onWarning);
  }

  /** `Bearer <token>`, undefined for anonymous, or `false` when the credential cannot use the API. */
  private async authorization(): Promise<string | undefined | false> {
    const credential = await this.client.auth.getCredential();
    if (!credential?.secret) return undefined;
    const user = credential.username ?? '';
    if (user === 'gitlab-ci-token' || user.startsWith('gitlab+deploy-token')) {
      this.warn(`${user === 'gitlab-ci-token' ? 'a CI job token' : 'a deploy token'} cannot list through the GitLab API: ${this.client.host} is browsed through the registry API (the URL's path as one repository, tags without dates)`);
      return false;
    }
    return `Bearer ${credential.secret}`;
  }

  private pathMissing(): RegistryError {
    return new RegistryError('bad-request', `GitLab lists registry repositories per group or project: add the registry as ${this.client.host}/GROUP or ${this.client.host}/GROUP/PROJECT (or sign in with an access token to list your groups)`, this.client.host);
  }

  /** The groups the signed-in user belongs to (needs a token). */
  async listProjects(options: ListOptions = {}): Promise<Page<ListedProject>> {
    const fromUrl = this.client.address.repository;
    if (fromUrl) return { items: [{ name: fromUrl }] };
    const authorization = await this.authorization();
    if (!authorization) throw this.pathMissing();
    const path = options.cursor?.startsWith(API_CURSOR) ? options.cursor.slice(API_CURSOR.length) : `/groups?min_access_level=10&order_by=path&per_page=${clamp(options.pageSize, 100)}`;
    const answer = await this.api.get<GlGroup[]>(path, 'listing your GitLab groups', authorization, hint);
    if (!Array.isArray(answer.data)) throw new RegistryError('protocol', 'the GitLab API sent a malformed group list', this.client.host);
    return { items: answer.data.map((g) => ({ name: g.full_path })), ...(answer.next ? { next: API_CURSOR + answer.next } : {}) };
  }

  async listRepositories(options: ListOptions & { project?: string } = {}): Promise<Page<ListedRepository>> {
    const path = options.project ?? this.client.address.repository;
    if (!path) throw this.pathMissing();
    const authorization = await this.authorization();
    if (authorization === false) return { items: [{ name: path }] };
    const what = `listing the registry repositories of ${path}`;
    let answer;
    try {
      answer = options.cursor?.startsWith(API_CURSOR)
        ? await this.api.get<GlRepository[]>(options.cursor.slice(API_CURSOR.length), what, authorization, hint)
        : await this.firstRepositoryPage(path, clamp(options.pageSize, 100), what, authorization);
    } catch (error) {
      if (isRefused(error)) {
        this.warn(`${error.message}: showing ${this.client.host}/${path} as one repository through the registry API`);
        return { items: [{ name: path }] };
      }
      throw error;
    }
    if (!Array.isArray(answer.data)) throw new RegistryError('protocol', `the GitLab API sent a malformed repository list while ${what}`, this.client.host);
    const items = answer.data.map((r): ListedRepository => {
      this.ids.set(r.path, { projectId: r.project_id, id: r.id });
      return { name: r.path, ...(r.tags_count !== undefined ? { artifactCount: r.tags_count } : {}) };
    });
    return { items, ...(answer.next ? { next: API_CURSOR + answer.next } : {}) };
  }

  /** A path is a group or a project: one segment → group first, else project first; remembered. */
  private async firstRepositoryPage(path: string, perPage: number, what: string, authorization: string | undefined) {
    const known = this.scopes.get(path);
    const order: ('groups' | 'projects')[] = known ? [known] : path.includes('/') ? ['projects', 'groups'] : ['groups', 'projects'];
    for (const scope of order) {
      try {
        const answer = await this.api.get<GlRepository[]>(`/${scope}/${encodeURIComponent(path)}/registry/repositories?per_page=${perPage}&tags_count=true`, what, authorization, hint);
        this.scopes.set(path, scope);
        return answer;
      } catch (error) {
        if (error instanceof RegistryError && error.kind === 'not-found' && scope !== order[order.length - 1]) continue;
        if (error instanceof RegistryError && error.kind === 'not-found') {
          throw new RegistryError('not-found', `${this.client.host}: no GitLab group or project "${path}" is visible${authorization ? ' to this token' : ' without signing in'} (${error.message})`, error.registry, 404, error.codes);
        }
        throw error;
      }
    }
    throw new Error('unreachable');
  }

  /** Project and repository ids of a repository path: from a listing, else from its project's list. */
  private async resolve(repository: string, authorization: string | undefined): Promise<{ projectId: number; id: number }> {
    const known = this.ids.get(repository);
    if (known) return known;
    const segments = repository.split('/');
    // The project is a prefix of at least two segments ("group/project"); longest first.
    for (let n = segments.length; n >= 2; n--) {
      const project = segments.slice(0, n).join('/');
      let path: string | undefined = `/projects/${encodeURIComponent(project)}/registry/repositories?per_page=100`;
      for (let pages = 0; path && pages < 10; pages++) {
        let answer;
        try {
          answer = await this.api.get<GlRepository[]>(path, `finding the registry repository ${repository}`, authorization, hint);
        } catch (error) {
          if (error instanceof RegistryError && error.kind === 'not-found') break;
          throw error;
        }
        for (const r of Array.isArray(answer.data) ? answer.data : []) this.ids.set(r.path, { projectId: r.project_id, id: r.id });
        const found = this.ids.get(repository);
        if (found) return found;
        path = answer.next;
      }
    }
    throw new RegistryError('not-found', `404: no registry repository ${repository} on ${this.client.host} is visible through the GitLab API`, this.client.host, 404);
  }

  async listTags(repository: string, options: ListOptions = {}): Promise<Page<ListedTag>> {
    // A bare group has no tags ("Add Registry" checks registry.gitlab.com/GROUP this way).
    if (!repository.includes('/')) {
      await this.listRepositories({ project: repository, pageSize: 1 });
      return { items: [] };
    }
    if (options.cursor && !options.cursor.startsWith(API_CURSOR)) return registryTagsPage(this.client, repository, options);
    const authorization = await this.authorization();
    if (authorization === false) return registryTagsPage(this.client, repository, options);
    const what = `listing the tags of ${repository}`;
    try {
      let path = options.cursor?.slice(API_CURSOR.length);
      if (!path) {
        const { projectId, id } = await this.resolve(repository, authorization).catch(async (error: unknown) => {
          // The URL's own path may be a group or a project without a root image ("Add Registry"
          // checks registry.gitlab.com/GROUP/PROJECT this way): check its listing instead.
          if (repository !== this.client.address.repository || !(error instanceof RegistryError) || error.kind !== 'not-found') throw error;
          await this.listRepositories({ pageSize: 1 });
          return undefined;
        }) ?? {};
        if (projectId === undefined || id === undefined) return { items: [] };
        path = `/projects/${projectId}/registry/repositories/${id}/tags?per_page=${clamp(options.pageSize, TAG_PAGE)}&page=1`;
      }
      const answer = await this.api.get<GlTag[]>(path, what, authorization, hint);
      if (!Array.isArray(answer.data)) throw new RegistryError('protocol', `the GitLab API sent a malformed tag list while ${what}`, this.client.host);
      const base = new URL(path, 'http://x').pathname;
      const items = await mapLimit(answer.data, DETAIL_CONCURRENCY, (t) => this.details(base, t, repository, authorization));
      return { items, ...(answer.next ? { next: API_CURSOR + answer.next } : {}) };
    } catch (error) {
      if (isRefused(error)) {
        this.warn(`${error.message}: tags of ${repository} come from the registry API instead, without dates`);
        return registryTagsPage(this.client, repository, options);
      }
      throw error;
    }
  }

  /** Digest, size and date of one tag; a failed lookup leaves the tag with its name only. */
  private async details(tagsPath: string, tag: GlTag, repository: string, authorization: string | undefined): Promise<ListedTag> {
    try {
      const { data } = await this.api.get<GlTagDetails>(`${tagsPath}/${encodeURIComponent(tag.name)}`, `reading tag ${repository}:${tag.name}`, authorization, hint);
      return {
        name: tag.name,
        ...(data.digest ? { digest: data.digest } : {}),
        ...(typeof data.total_size === 'number' ? { size: data.total_size } : {}),
        ...(data.created_at ? { date: data.created_at } : {}),
      };
    } catch {
      return { name: tag.name };
    }
  }

  deleteManifest(repository: string, digest: string): Promise<void> {
    return this.client.deleteManifest(repository, digest);
  }
}

function hint(status: number): string | undefined {
  if (status === 401) return TOKEN_HINT;
  if (status === 403) return 'the token lacks read_api scope or the Reporter role on this group/project';
  return undefined;
}

function clamp(pageSize: number | undefined, max: number): number {
  return Math.max(1, Math.min(max, pageSize ?? max));
}
