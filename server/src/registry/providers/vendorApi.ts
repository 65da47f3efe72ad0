// Shared plumbing of the hosted-registry providers (quay, ghcr, gitlab): a JSON GET against the
// vendor's REST API with the transport, retries and timeouts of the registry client, errors
// turned into RegistryErrors named after the registry, and paging cursors that stay on the API
// host. The credential is sent only as `Authorization` (never another header), so the client
// drops it on any redirect that leaves the API origin.
import { RegistryClient, type Page, type RegistryClientOptions } from '../client';
import type { ListedTag, ListOptions } from './types';
import { RegistryError, httpError } from '../errors';
import { nextLink } from '../paging';

/** Cursors of the vendor API start with this; anything else is an OCI (`/v2/…`) cursor. */
export const API_CURSOR = 'api:';

export type ApiClientOptions = Partial<Pick<RegistryClientOptions, 'transport' | 'timeoutMs' | 'retries' | 'maxRetryDelayMs' | 'caFile' | 'insecure' | 'onRequest'>>;

export interface ApiAnswer<T> {
  data: T;
  headers: Record<string, string>;
  /** Path + query of the `Link: rel="next"` target (or the `X-Next-Page` page), on the API host. */
  next?: string;
}

const EVERY_STATUS = Array.from({ length: 500 }, (_, i) => i + 100);

export class VendorApi {
  readonly client: RegistryClient;
  readonly origin: string;
  /** Path prefix of the API (`/api/v4`), no trailing slash. */
  readonly prefix: string;

  /**
   * @param base API base URL (`https://api.github.com`, `https://gitlab.com/api/v4`).
   * @param registry registry host used in messages (`ghcr.io`), so errors read like the tree.
   * @param vendor product name for messages ("GitHub", "GitLab", "Quay").
   */
  constructor(base: string, readonly registry: string, readonly vendor: string, options: ApiClientOptions = {}) {
    const url = new URL(base);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.client = new RegistryClient({ ...options, url: url.origin });
  }

  get host(): string {
    return new URL(this.origin).host;
  }

  /**
   * GET `path` (below the prefix unless it already starts with it) as JSON. `authorization` is
   * the whole header value or undefined for anonymous. Non-2xx → RegistryError; `hint` is added.
   */
  async get<T>(path: string, what: string, authorization: string | undefined, hint?: (status: number) => string | undefined): Promise<ApiAnswer<T>> {
    const full = path.startsWith(this.prefix + '/') || !this.prefix ? path : this.prefix + path;
    const url = new URL(full, this.origin);
    const res = await this.client.request({
      path: url, what, ok: EVERY_STATUS, basicAuth: true,
      headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) },
    });
    if (res.status < 200 || res.status >= 300) {
      const detail = errorDetail(res.body);
      throw httpError(this.registry, res.status, `${what} (${this.vendor} API, ${this.host})`, detail ? JSON.stringify({ errors: [{ message: detail }] }) : '', hint?.(res.status));
    }
    let data: T;
    try {
      data = JSON.parse(res.body.toString('utf8')) as T;
    } catch {
      throw new RegistryError('protocol', `the ${this.vendor} API (${this.host}) answered with something that is not JSON while ${what}`, this.registry, res.status);
    }
    const next = this.nextPath(res.headers, url);
    return { data, headers: res.headers, ...(next ? { next } : {}) };
  }

  /**
   * The next page as path + query only: requests always go to the API origin, so a Link naming
   * another host can never receive the token.
   */
  private nextPath(headers: Record<string, string>, requested: URL): string | undefined {
    const link = nextLink(headers['link'], requested);
    if (link) return link.pathname + link.search;
    const page = headers['x-next-page'];
    if (page && /^\d+$/.test(page.trim())) {
      const url = new URL(requested);
      url.searchParams.set('page', page.trim());
      return url.pathname + url.search;
    }
    return undefined;
  }
}

/** The human part of a vendor error body: GitHub/GitLab `message`, Quay `detail`/`error_message`, OAuth `error_description`. */
function errorDetail(body: Buffer): string {
  try {
    const data = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    for (const key of ['error_message', 'detail', 'message', 'error_description', 'error']) {
      const value = data[key];
      if (typeof value === 'string' && value) return value;
      if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`).join('; ');
    }
  } catch {
    // not JSON: no detail
  }
  return '';
}

/** True for the statuses that mean "this token may not use the API" (fall back to OCI). */
export function isRefused(error: unknown): error is RegistryError {
  return error instanceof RegistryError && (error.kind === 'unauthorized' || error.kind === 'forbidden');
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Epoch seconds or a date string → ISO date, undefined when unreadable. */
export function isoDate(value: number | string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Warns once per distinct message. */
export function onceWarner(onWarning: ((message: string) => void) | undefined): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    if (said.has(message)) return;
    said.add(message);
    onWarning?.(message);
  };
}

/** Tags from the registry API itself (`tags/list`): generic registries and the hosted ones' fallbacks (API cursors are not its own). */
export async function registryTagsPage(client: RegistryClient, repository: string, options: ListOptions): Promise<Page<ListedTag>> {
  const cursor = options.cursor && !options.cursor.startsWith(API_CURSOR) ? options.cursor : undefined;
  const page = await client.tagsPage(repository, { ...(options.pageSize ? { n: options.pageSize } : {}), ...(cursor ? { cursor } : {}) });
  return { items: page.items.map((name) => ({ name })), ...(page.next ? { next: page.next } : {}) };
}
