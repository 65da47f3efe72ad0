// Docker Hub: the registry API for manifests/blobs (registry-1.docker.io) and the Hub API
// (hub.docker.com) for what the registry cannot list: a namespace's repositories and tags with
// digests, sizes and dates. The namespace is the URL's path (`docker.io/library`) or the user.
import { RegistryClient, type Page } from '../client';
import { RegistryError } from '../errors';
import type { ListOptions, ListedRepository, ListedTag, RegistryProvider, RegistrySettings } from './types';

export const DOCKER_HUB_API = 'https://hub.docker.com';

interface HubPage<T> { count?: number; next?: string | null; results?: T[] }
interface HubRepository { name: string; namespace?: string; description?: string; pull_count?: number; last_updated?: string }
interface HubTag {
  name: string; digest?: string; full_size?: number; last_updated?: string; tag_last_pushed?: string; media_type?: string;
  images?: { os?: string; architecture?: string; variant?: string | null; digest?: string; size?: number }[];
}

export class DockerHubProvider implements RegistryProvider {
  readonly kind = 'dockerhub' as const;
  readonly hasProjects = false;
  readonly canUntag = true;
  private readonly hub: RegistryClient;
  private hubToken: Promise<string | undefined> | undefined;

  constructor(readonly settings: RegistrySettings, readonly client: RegistryClient, hubApi = DOCKER_HUB_API, hubClientOptions: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) {
    this.hub = new RegistryClient({ url: hubApi, ...hubClientOptions });
  }

  private async namespace(): Promise<string> {
    const fromUrl = this.client.address.repository?.split('/')[0];
    if (fromUrl) return fromUrl;
    const credential = await this.client.auth.getCredential();
    if (credential?.username) return credential.username.toLowerCase();
    return 'library';
  }

  /** Hub API JWT from `POST /v2/users/login` when credentials exist (private repositories, untag). */
  private authorization(): Promise<string | undefined> {
    this.hubToken ??= (async () => {
      const credential = await this.client.auth.getCredential();
      if (!credential?.username || !credential.secret) return undefined;
      const res = await this.hub.request({
        method: 'POST', path: '/v2/users/login', what: 'signing in to the Docker Hub API',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: Buffer.from(JSON.stringify({ username: credential.username, password: credential.secret })),
      });
      const token = (JSON.parse(res.body.toString()) as { token?: string }).token;
      return token ? `Bearer ${token}` : undefined;
    })();
    return this.hubToken;
  }

  private async hubGet<T>(path: string, what: string): Promise<HubPage<T>> {
    const authorization = await this.authorization().catch((error: unknown) => { this.hubToken = undefined; throw error; });
    const res = await this.hub.request({ path, what, headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) } });
    try {
      return JSON.parse(res.body.toString('utf8')) as HubPage<T>;
    } catch {
      throw new RegistryError('protocol', `Docker Hub answered with something that is not JSON while ${what}`, 'hub.docker.com', res.status);
    }
  }

  /** Hub's `next` is absolute; keep only path+query so the Hub token never goes to another host. */
  private cursor(next: string): string {
    const url = new URL(next, this.hub.baseUrl);
    return url.pathname + url.search;
  }

  private url(path: string, options: ListOptions): string {
    if (options.cursor) return options.cursor;
    return `${path}?page_size=${options.pageSize ?? 100}`;
  }

  async listRepositories(options: ListOptions = {}): Promise<Page<ListedRepository>> {
    const fixed = this.client.address.repository;
    if (fixed && fixed.includes('/')) return { items: [{ name: fixed }] };
    const ns = await this.namespace();
    const data = await this.hubGet<HubRepository>(this.url(`/v2/namespaces/${encodeURIComponent(ns)}/repositories`, options), `listing Docker Hub repositories of ${ns}`);
    const items = (data.results ?? []).map((r) => ({
      name: `${r.namespace ?? ns}/${r.name}`,
      ...(r.description ? { description: r.description } : {}),
      ...(r.pull_count !== undefined ? { pullCount: r.pull_count } : {}),
      ...(r.last_updated ? { updated: r.last_updated } : {}),
    }));
    return { items, ...(data.next ? { next: this.cursor(data.next) } : {}) };
  }

  async listTags(repository: string, options: ListOptions = {}): Promise<Page<ListedTag>> {
    const [ns, ...rest] = (repository.includes('/') ? repository : `library/${repository}`).split('/');
    const data = await this.hubGet<HubTag>(this.url(`/v2/namespaces/${encodeURIComponent(ns!)}/repositories/${encodeURIComponent(rest.join('/'))}/tags`, options), `listing Docker Hub tags of ${repository}`);
    const items = (data.results ?? []).map((t): ListedTag => {
      const platforms = (t.images ?? []).filter((i) => i.os && i.os !== 'unknown').map((i) => [i.os, i.architecture, i.variant].filter(Boolean).join('/'));
      const date = t.tag_last_pushed ?? t.last_updated;
      return {
        name: t.name,
        ...(t.digest ? { digest: t.digest } : {}),
        ...(t.full_size !== undefined ? { size: t.full_size } : {}),
        ...(date ? { date } : {}),
        ...(t.media_type ? { mediaType: t.media_type } : {}),
        ...(platforms.length ? { platforms } : {}),
      };
    });
    return { items, ...(data.next ? { next: this.cursor(data.next) } : {}) };
  }

  /** Hub API tag delete (needs a signed-in account with write access). */
  async untag(repository: string, tag: string): Promise<void> {
    const authorization = await this.authorization();
    if (!authorization) throw new RegistryError('unauthorized', 'removing a tag on Docker Hub needs credentials: sign in with "docker login" or "Shipshape: Add Registry"', 'hub.docker.com', 401);
    const [ns, ...rest] = repository.split('/');
    await this.hub.request({ method: 'DELETE', path: `/v2/namespaces/${encodeURIComponent(ns!)}/repositories/${encodeURIComponent(rest.join('/'))}/tags/${encodeURIComponent(tag)}`, headers: { authorization }, what: `removing tag ${tag} from ${repository}` });
  }

  async deleteManifest(): Promise<void> {
    throw new RegistryError('unsupported', 'Docker Hub does not allow deleting manifests through the registry API: remove the tags instead', 'docker.io', 405);
  }
}
