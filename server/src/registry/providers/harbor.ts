// Harbor through its REST API v2.0 (its `/v2/_catalog` is admin-only): projects → repositories →
// artifacts with tags, scan overview and accessories; pages with page/page_size + X-Total-Count.
// Untag is supported. Basic auth with the user's (or robot account's) credentials.
import type { Page, RegistryClient } from '../client';
import { RegistryError } from '../errors';
import type { ListOptions, ListedProject, ListedRepository, ListedTag, RegistryProvider, RegistrySettings, ScanSummary } from './types';

interface HarborProject { name: string; repo_count?: number; metadata?: { public?: string } }
interface HarborRepository { name: string; artifact_count?: number; pull_count?: number; update_time?: string; description?: string }
interface HarborTag { name: string; push_time?: string }
interface HarborArtifact {
  digest: string; size?: number; push_time?: string; manifest_media_type?: string; media_type?: string; type?: string;
  tags?: HarborTag[] | null;
  extra_attrs?: { architecture?: string; os?: string; created?: string };
  references?: { child_digest: string; platform?: { os?: string; architecture?: string; variant?: string } }[] | null;
  accessories?: { type: string; digest: string }[] | null;
  scan_overview?: Record<string, { severity?: string; scan_status?: string; summary?: { total?: number; fixable?: number; summary?: Record<string, number> } }> | null;
  labels?: { name: string }[] | null;
}

const DEFAULT_PAGE = 50;

export class HarborProvider implements RegistryProvider {
  readonly kind = 'harbor' as const;
  readonly hasProjects = true;
  readonly canUntag = true;
  constructor(readonly settings: RegistrySettings, readonly client: RegistryClient) {}

  private async get<T>(path: string, what: string): Promise<{ data: T; total: number | undefined }> {
    const res = await this.client.request({ path, headers: { accept: 'application/json' }, what, basicAuth: true });
    let data: T;
    try {
      data = JSON.parse(res.body.toString('utf8')) as T;
    } catch {
      throw new RegistryError('protocol', `${this.client.host} answered with something that is not JSON while ${what} — is this a Harbor registry?`, this.client.host, res.status);
    }
    const total = Number(res.headers['x-total-count']);
    return { data, total: Number.isFinite(total) && res.headers['x-total-count'] !== undefined ? total : undefined };
  }

  private async page<T, R>(path: string, options: ListOptions, what: string, map: (item: T) => R | undefined): Promise<Page<R>> {
    const page = Math.max(1, Number(options.cursor ?? 1) || 1);
    const size = options.pageSize ?? DEFAULT_PAGE;
    const sep = path.includes('?') ? '&' : '?';
    const { data, total } = await this.get<T[]>(`${path}${sep}page=${page}&page_size=${size}`, what);
    if (!Array.isArray(data)) throw new RegistryError('protocol', `${this.client.host} sent a malformed list while ${what}`, this.client.host);
    const items = data.map(map).filter((x): x is R => x !== undefined);
    const more = total !== undefined ? page * size < total : data.length === size;
    return { items, ...(more ? { next: String(page + 1) } : {}) };
  }

  listProjects(options: ListOptions = {}): Promise<Page<ListedProject>> {
    return this.page<HarborProject, ListedProject>('/api/v2.0/projects?sort=name', options, 'listing Harbor projects', (p) => ({
      name: p.name, ...(p.repo_count !== undefined ? { repositoryCount: p.repo_count } : {}), ...(p.metadata?.public ? { public: p.metadata.public === 'true' } : {}),
    }));
  }

  listRepositories(options: ListOptions & { project?: string } = {}): Promise<Page<ListedRepository>> {
    const project = options.project ?? this.client.address.repository?.split('/')[0];
    if (!project) return this.page<HarborRepository, ListedRepository>('/api/v2.0/repositories?sort=name', options, 'listing Harbor repositories', toRepository);
    return this.page<HarborRepository, ListedRepository>(`/api/v2.0/projects/${encodeURIComponent(project)}/repositories?sort=name`, options, `listing repositories of Harbor project ${project}`, toRepository);
  }

  /** Tags of a repository from its artifacts (newest push first); untagged artifacts are skipped. */
  async listTags(repository: string, options: ListOptions = {}): Promise<Page<ListedTag>> {
    const page = await this.page<HarborArtifact, ListedTag[]>(
      `${this.artifactsPath(repository)}?with_tag=true&with_scan_overview=true&with_label=true&with_accessory=true&sort=-push_time`,
      options, `listing artifacts of ${repository}`, (a) => toTags(a));
    return { items: page.items.flat(), ...(page.next ? { next: page.next } : {}) };
  }

  async untag(repository: string, tag: string, digest: string): Promise<void> {
    await this.client.request({ method: 'DELETE', path: `${this.artifactsPath(repository)}/${digest}/tags/${encodeURIComponent(tag)}`, what: `removing tag ${tag} from ${repository}`, basicAuth: true });
  }

  async deleteManifest(repository: string, digest: string): Promise<void> {
    await this.client.request({ method: 'DELETE', path: `${this.artifactsPath(repository)}/${digest}`, what: `deleting ${repository}@${digest}`, basicAuth: true });
  }

  /** Harbor wants `project/…/repository` split; a repository name with `/` is URL-encoded twice. */
  private artifactsPath(repository: string): string {
    const slash = repository.indexOf('/');
    if (slash < 0) throw new RegistryError('bad-request', `Harbor repositories are "project/name", not "${repository}"`, this.client.host);
    const project = repository.slice(0, slash);
    const name = repository.slice(slash + 1);
    return `/api/v2.0/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(encodeURIComponent(name))}/artifacts`;
  }
}

function toRepository(r: HarborRepository): ListedRepository {
  return {
    name: r.name,
    ...(r.artifact_count !== undefined ? { artifactCount: r.artifact_count } : {}),
    ...(r.pull_count !== undefined ? { pullCount: r.pull_count } : {}),
    ...(r.update_time ? { updated: r.update_time } : {}),
    ...(r.description ? { description: r.description } : {}),
  };
}

function toScan(overview: HarborArtifact['scan_overview']): ScanSummary | undefined {
  const report = overview ? Object.values(overview)[0] : undefined;
  if (!report) return undefined;
  return {
    ...(report.severity ? { severity: report.severity } : {}),
    ...(report.scan_status ? { status: report.scan_status } : {}),
    ...(report.summary?.total !== undefined ? { total: report.summary.total } : {}),
    ...(report.summary?.fixable !== undefined ? { fixable: report.summary.fixable } : {}),
    ...(report.summary?.summary ? { counts: report.summary.summary } : {}),
  };
}

function toTags(a: HarborArtifact): ListedTag[] {
  const platforms = a.references?.length
    ? a.references.map((r) => [r.platform?.os, r.platform?.architecture, r.platform?.variant].filter(Boolean).join('/'))
    : a.extra_attrs?.os ? [[a.extra_attrs.os, a.extra_attrs.architecture].filter(Boolean).join('/')] : undefined;
  const scan = toScan(a.scan_overview);
  const common = {
    digest: a.digest,
    ...(a.size !== undefined ? { size: a.size } : {}),
    ...(a.manifest_media_type ? { mediaType: a.manifest_media_type } : {}),
    ...(platforms ? { platforms } : {}),
    ...(a.accessories?.length ? { accessories: a.accessories.map((x) => ({ type: x.type, digest: x.digest })) } : {}),
    ...(scan ? { scan } : {}),
    ...(a.labels?.length ? { labels: a.labels.map((l) => l.name) } : {}),
  };
  return (a.tags ?? []).map((t) => ({ name: t.name, ...common, ...(t.push_time ?? a.push_time ? { date: t.push_time ?? a.push_time! } : {}) }));
}
