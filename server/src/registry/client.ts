// THE registry client (OCI distribution API). Editor-free; used by the CLI, the VS Code client
// and other features (push, sign). Handles auth challenges, token caching, paging, retries with
// backoff, timeouts and redirects (Authorization never follows a redirect to another host).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CredentialProvider, RegistryCredential, ResolvedCredential } from '../credentials/types';
import { Authenticator } from './auth';
import { parseWwwAuthenticate, pickChallenge } from './challenge';
import { RegistryError, httpError, networkError, truncate } from './errors';
import { MANIFEST_ACCEPT, type Descriptor, type ImageIndex, MEDIA_TYPES } from './mediaTypes';
import { nextLink } from './paging';
import { nodeTransport, type Transport, type TransportResponse } from './transport';
import { parseRegistryAddress, type RegistryAddress } from './url';

export interface RegistryClientOptions {
  /** `host[:port]` or a URL; loopback hosts default to http. */
  url: string;
  /** A credential provider (Docker config, secret storage…) or a fixed credential. */
  credentials?: CredentialProvider | RegistryCredential;
  /** PEM file with extra CA certificates for this registry. */
  caFile?: string;
  /** Plain http without a scheme / skip TLS verification. Reported through `onWarning`. */
  insecure?: boolean;
  timeoutMs?: number;
  /** Retries of idempotent requests on 429/5xx/network errors. */
  retries?: number;
  /** Upper bound for one backoff or Retry-After wait. */
  maxRetryDelayMs?: number;
  transport?: Transport;
  onWarning?: (message: string) => void;
  /** Called for each request (method + URL, no headers): logs and tests. */
  onRequest?: (method: string, url: URL) => void;
}

export interface RequestOptions {
  method?: string;
  /** Path below the base URL (`/v2/…`) or an absolute URL (paging links, upload locations). */
  path: string | URL;
  /** Token scopes, e.g. `repository:app:pull`. */
  scopes?: string[];
  headers?: Record<string, string>;
  body?: Uint8Array;
  /**
   * Opens a streamed body instead of `body` (see TransportRequest.bodyStream). Called once per
   * attempt: an answer that needs the request again (auth challenge, redirect) re-opens it.
   */
  bodyStream?: () => AsyncIterable<Uint8Array>;
  /** What is being done, for messages: "listing tags of app". */
  what: string;
  /** Statuses treated as success; anything else throws. Default: 2xx. */
  ok?: number[];
  /** Send the credential as Basic without waiting for a challenge (REST APIs such as Harbor's). */
  basicAuth?: boolean;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page (an absolute URL), absent on the last page. */
  next?: string;
}

export interface ManifestResult {
  mediaType: string;
  digest: string;
  size: number;
  body: Buffer;
  /** Parsed JSON body. */
  json: Record<string, unknown>;
}

export interface ManifestHead { mediaType: string; digest: string; size: number }

export interface PingResult {
  /** `none`, `basic` or `bearer`. */
  auth: string;
  apiVersion?: string;
}

export interface UploadOptions {
  /** Upload in PATCH chunks of this size; default: one monolithic PUT. */
  chunkSize?: number;
  /** Skip the HEAD check for an existing blob. */
  skipExistsCheck?: boolean;
}

export interface PutManifestResult { digest: string; location?: string; subject?: string }

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export function sha256Digest(data: Uint8Array): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

export function repositoryScope(repository: string, actions = 'pull'): string {
  return `repository:${repository}:${actions}`;
}

export class RegistryClient {
  readonly address: RegistryAddress;
  /** `host[:port]` for messages and credential lookups. */
  readonly host: string;
  readonly auth: Authenticator;
  private readonly transport: Transport;
  private readonly ca: string | undefined;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly maxRetryDelayMs: number;
  /** Requests sent, including retries and token requests (for benchmarks). */
  requestCount = 0;

  constructor(private readonly options: RegistryClientOptions) {
    this.address = parseRegistryAddress(options.url, options.insecure);
    this.host = this.address.host;
    this.transport = options.transport ?? nodeTransport;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    if (options.caFile) {
      try {
        this.ca = readFileSync(options.caFile, 'utf8');
      } catch (e) {
        throw new RegistryError('tls', `cannot read CA file ${options.caFile} for ${this.host}: ${(e as Error).message}`, this.host);
      }
    }
    if (options.insecure) {
      options.onWarning?.(this.address.baseUrl.protocol === 'http:'
        ? `${this.host} is used over plain http: traffic and credentials are not encrypted`
        : `TLS certificate verification is off for ${this.host} ("insecure": true)`);
    }
    const credentials = options.credentials;
    const provider = credentials && typeof (credentials as CredentialProvider).get === 'function' ? credentials as CredentialProvider : undefined;
    const load = async (repository?: string): Promise<ResolvedCredential | RegistryCredential | undefined> => {
      if (!credentials) return undefined;
      if (provider) return repository === undefined ? provider.get(this.host) : provider.get(this.host, repository);
      return credentials as RegistryCredential;
    };
    this.auth = new Authenticator(this.host, load, async ({ method, url, headers, body }) => {
      const res = await this.send({ method, path: url, headers, ...(body ? { body } : {}), what: 'getting an access token', ok: [] }, undefined);
      return { status: res.status, body: res.body };
    }, undefined, () => provider?.scopedByRepository?.(this.host) ?? false);
  }

  get baseUrl(): URL {
    return this.address.baseUrl;
  }

  // ---------------------------------------------------------------- low level

  /** Sends a request with auth, retries and redirects; throws RegistryError unless the status is ok. */
  async request(options: RequestOptions): Promise<TransportResponse> {
    const scopes = options.scopes ?? [];
    if (options.basicAuth) {
      const res = await this.send(options, await this.auth.basicAuthorization(scopes));
      return this.checkStatus(res, options);
    }
    let res = await this.send(options, await this.auth.authorization(scopes));
    if (res.status === 401 || (res.status === 403 && this.auth.scheme === 'bearer' && /insufficient_scope/.test(res.headers['www-authenticate'] ?? ''))) {
      const challenge = pickChallenge(parseWwwAuthenticate(res.headers['www-authenticate']));
      if (challenge) {
        const extra = challenge.params['scope']?.split(' ').filter(Boolean) ?? [];
        const wanted = [...new Set([...scopes, ...extra])];
        const hadAuthorization = this.auth.scheme === challenge.scheme;
        this.auth.setChallenge(challenge);
        if (hadAuthorization) this.auth.invalidate(wanted);
        const authorization = await this.auth.authorization(wanted);
        // Retrying without anything new to offer would only repeat the 401.
        if (authorization || !hadAuthorization) res = await this.send(options, authorization);
      }
    }
    return this.checkStatus(res, options);
  }

  private async checkStatus(res: TransportResponse, options: RequestOptions): Promise<TransportResponse> {
    const ok = options.ok ?? [];
    const isOk = ok.length ? ok.includes(res.status) : res.status >= 200 && res.status < 300;
    if (!isOk) {
      if (res.status === 400 && /HTTP request to an HTTPS server/i.test(res.body.toString('utf8', 0, 200))) {
        throw new RegistryError('tls', `${this.host} speaks https, not http: write the address as https://${this.host}`, this.host, 400);
      }
      const hint = res.status === 401 ? await this.auth.updateHint(options.scopes ?? []) : undefined;
      throw httpError(this.host, res.status, options.what, res.body, hint);
    }
    return res;
  }

  /** One exchange including redirects and retries, with a given Authorization. */
  private async send(options: RequestOptions, authorization: string | undefined): Promise<TransportResponse> {
    const method = options.method ?? 'GET';
    let url = typeof options.path === 'string' && !/^https?:\/\//i.test(options.path) ? new URL(options.path, this.baseUrl) : new URL(String(options.path));
    const origin = this.baseUrl.origin;
    let currentMethod = method;
    let body: Uint8Array | (() => AsyncIterable<Uint8Array>) | undefined = options.bodyStream ?? options.body;
    const explicitAuthorization = options.headers?.['authorization'];
    // After a redirect to another host (blob storage, CDN) no credential of any kind is sent.
    let mayAuthorize = true;
    for (let redirects = 0; ; redirects++) {
      const headers: Record<string, string> = { 'user-agent': 'shipshape', ...(options.headers ?? {}) };
      delete headers['authorization'];
      if (mayAuthorize) {
        if (explicitAuthorization) headers['authorization'] = explicitAuthorization;
        else if (authorization && url.origin === origin) headers['authorization'] = authorization;
      }
      const res = await this.sendWithRetries(currentMethod, url, headers, body, options.what);
      if (!REDIRECTS.has(res.status) || !res.headers['location']) return res;
      if (redirects >= MAX_REDIRECTS) throw new RegistryError('protocol', `${this.host} redirected too many times while ${options.what}`, this.host, res.status);
      const target = new URL(res.headers['location'], url);
      if (target.origin !== url.origin) mayAuthorize = false;
      url = target;
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && currentMethod === 'POST')) {
        currentMethod = currentMethod === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
      }
    }
  }

  private async sendWithRetries(method: string, url: URL, headers: Record<string, string>, body: Uint8Array | (() => AsyncIterable<Uint8Array>) | undefined, what: string): Promise<TransportResponse> {
    const retryable = IDEMPOTENT.has(method);
    for (let attempt = 0; ; attempt++) {
      let res: TransportResponse;
      try {
        this.requestCount++;
        this.options.onRequest?.(method, url);
        res = await this.transport({
          method, url, headers, ...(typeof body === 'function' ? { bodyStream: body() } : body ? { body } : {}), ...(this.ca ? { ca: this.ca } : {}),
          insecure: this.options.insecure ?? false, timeoutMs: this.timeoutMs,
        });
      } catch (error) {
        const failure = networkError(url.host === this.baseUrl.host ? this.host : url.host, error as NodeJS.ErrnoException, what);
        if (retryable && attempt < this.retries && failure.kind !== 'tls') {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw failure;
      }
      if (retryable && attempt < this.retries && (res.status === 429 || res.status >= 500)) {
        await sleep(this.retryDelay(res.headers['retry-after'], attempt));
        continue;
      }
      return res;
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.maxRetryDelayMs, 250 * 2 ** attempt + Math.floor(Math.random() * 100));
  }

  private retryDelay(retryAfter: string | undefined, attempt: number): number {
    if (retryAfter) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms)) return Math.max(0, Math.min(this.maxRetryDelayMs, ms));
    }
    return this.backoff(attempt);
  }

  private parseJson<T>(res: TransportResponse, what: string): T {
    try {
      return JSON.parse(res.body.toString('utf8')) as T;
    } catch {
      throw new RegistryError('protocol', `${this.host} sent an answer that is not JSON while ${what}: "${truncate(res.body.toString('utf8'), 60)}"`, this.host, res.status);
    }
  }

  // ---------------------------------------------------------------- API

  /** `GET /v2/`: checks the registry is reachable and which auth it wants. */
  async ping(): Promise<PingResult> {
    const res = await this.request({ path: '/v2/', what: 'checking the registry API (/v2/)' });
    return { auth: this.auth.scheme ?? 'none', ...(res.headers['docker-distribution-api-version'] ? { apiVersion: res.headers['docker-distribution-api-version'] } : {}) };
  }

  /** One page of `_catalog`. `cursor` is the `next` of the previous page. */
  async catalogPage(options: { n?: number; cursor?: string } = {}): Promise<Page<string>> {
    const url = options.cursor ? new URL(options.cursor) : this.pageUrl('/v2/_catalog', options.n);
    return this.listPage(url, 'repositories', ['registry:catalog:*'], 'listing repositories');
  }

  /** One page of a repository's tags. */
  async tagsPage(repository: string, options: { n?: number; cursor?: string } = {}): Promise<Page<string>> {
    const url = options.cursor ? new URL(options.cursor) : this.pageUrl(`/v2/${repository}/tags/list`, options.n);
    return this.listPage(url, 'tags', [repositoryScope(repository)], `listing tags of ${repository}`);
  }

  /** Every repository (walks all catalog pages). */
  async *catalog(n?: number): AsyncGenerator<string[]> {
    yield* this.walk((cursor) => this.catalogPage({ ...(n ? { n } : {}), ...(cursor ? { cursor } : {}) }));
  }

  /** Every tag of a repository (walks all pages). */
  async *tags(repository: string, n?: number): AsyncGenerator<string[]> {
    yield* this.walk((cursor) => this.tagsPage(repository, { ...(n ? { n } : {}), ...(cursor ? { cursor } : {}) }));
  }

  async allTags(repository: string, n?: number): Promise<string[]> {
    const all: string[] = [];
    for await (const page of this.tags(repository, n)) all.push(...page);
    return all;
  }

  private pageUrl(path: string, n: number | undefined): URL {
    const url = new URL(path, this.baseUrl);
    if (n) url.searchParams.set('n', String(n));
    return url;
  }

  private async *walk(fetchPage: (cursor?: string) => Promise<Page<string>>): AsyncGenerator<string[]> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await fetchPage(cursor);
      // Registries that ignore `last` repeat pages; never yield an item twice, never loop.
      const fresh = page.items.filter((item) => !seen.has(item));
      fresh.forEach((item) => seen.add(item));
      if (fresh.length) yield fresh;
      if (!page.next || fresh.length === 0 || page.next === cursor) return;
      cursor = page.next;
    }
  }

  private async listPage(url: URL, key: 'repositories' | 'tags', scopes: string[], what: string): Promise<Page<string>> {
    const res = await this.request({ path: url, scopes, what, headers: { accept: 'application/json' } });
    const data = this.parseJson<Record<string, unknown>>(res, what);
    const list = data?.[key];
    if (list !== null && list !== undefined && !Array.isArray(list)) {
      throw new RegistryError('protocol', `${this.host} sent a malformed list while ${what} ("${key}" is not a list)`, this.host, res.status);
    }
    const items = ((list as unknown[] | null) ?? []).filter((x): x is string => typeof x === 'string');
    const next = items.length ? nextLink(res.headers['link'], url) : undefined;
    // A Link back to the same page (seen on the last page of some registries) ends the listing.
    return { items, ...(next && next.href !== url.href ? { next: next.href } : {}) };
  }

  /** GET a manifest (any of the four manifest types). `reference` is a tag or digest. */
  async getManifest(repository: string, reference: string, accept = MANIFEST_ACCEPT): Promise<ManifestResult> {
    const what = `reading manifest ${repository}:${reference}`;
    const res = await this.request({ path: `/v2/${repository}/manifests/${reference}`, scopes: [repositoryScope(repository)], headers: { accept }, what });
    const json = this.parseJson<Record<string, unknown>>(res, what);
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new RegistryError('protocol', `${this.host} sent a manifest that is not a JSON object while ${what}`, this.host);
    const computed = sha256Digest(res.body);
    if (reference.startsWith('sha256:') && reference !== computed) {
      throw new RegistryError('protocol', `manifest ${repository}@${reference} from ${this.host} does not match its digest (got ${computed})`, this.host);
    }
    const mediaType = (typeof json['mediaType'] === 'string' ? json['mediaType'] : undefined) ?? res.headers['content-type']?.split(';')[0]?.trim() ?? MEDIA_TYPES.ociManifest;
    return { mediaType, digest: reference.startsWith('sha256:') ? reference : res.headers['docker-content-digest'] ?? computed, size: res.body.length, body: res.body, json };
  }

  /** HEAD a manifest: digest, media type and size without the body; undefined when absent. */
  async headManifest(repository: string, reference: string): Promise<ManifestHead | undefined> {
    const res = await this.request({
      method: 'HEAD', path: `/v2/${repository}/manifests/${reference}`, scopes: [repositoryScope(repository)],
      headers: { accept: MANIFEST_ACCEPT }, what: `checking manifest ${repository}:${reference}`, ok: [200, 404],
    });
    if (res.status === 404) return undefined;
    return {
      mediaType: res.headers['content-type']?.split(';')[0]?.trim() ?? '',
      digest: res.headers['docker-content-digest'] ?? (reference.startsWith('sha256:') ? reference : ''),
      size: Number(res.headers['content-length'] ?? 0),
    };
  }

  /** PUT a manifest under a tag or its digest. */
  async putManifest(repository: string, reference: string, body: Uint8Array, mediaType: string): Promise<PutManifestResult> {
    const res = await this.request({
      method: 'PUT', path: `/v2/${repository}/manifests/${reference}`, scopes: [repositoryScope(repository, 'pull,push')],
      headers: { 'content-type': mediaType }, body, what: `pushing manifest ${repository}:${reference}`,
    });
    return {
      digest: res.headers['docker-content-digest'] ?? sha256Digest(body),
      ...(res.headers['location'] ? { location: res.headers['location'] } : {}),
      ...(res.headers['oci-subject'] ? { subject: res.headers['oci-subject'] } : {}),
    };
  }

  /** DELETE a manifest by digest (removes every tag pointing at it). */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    if (!digest.includes(':')) throw new RegistryError('bad-request', `delete needs a digest, not the tag "${digest}" (deleting by digest removes every tag on it)`, this.host);
    await this.request({ method: 'DELETE', path: `/v2/${repository}/manifests/${digest}`, scopes: [repositoryScope(repository, 'delete')], what: `deleting ${repository}@${digest}`, ok: [200, 202, 204] });
  }

  /** GET a blob, verifying its digest (redirects to storage hosts are followed without credentials). */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const res = await this.request({ path: `/v2/${repository}/blobs/${digest}`, scopes: [repositoryScope(repository)], what: `downloading blob ${digest.slice(0, 19)} of ${repository}` });
    if (digest.startsWith('sha256:') && sha256Digest(res.body) !== digest) {
      throw new RegistryError('protocol', `blob ${digest} of ${repository} from ${this.host} does not match its digest`, this.host);
    }
    return res.body;
  }

  async getBlobJson<T = Record<string, unknown>>(repository: string, digest: string): Promise<T> {
    const body = await this.getBlob(repository, digest);
    return this.parseJson<T>({ status: 200, headers: {}, body, url: this.baseUrl }, `reading blob ${digest.slice(0, 19)} of ${repository}`);
  }

  /** HEAD a blob: its size, or undefined when absent. */
  async headBlob(repository: string, digest: string): Promise<{ size: number } | undefined> {
    const res = await this.request({ method: 'HEAD', path: `/v2/${repository}/blobs/${digest}`, scopes: [repositoryScope(repository)], what: `checking blob ${digest.slice(0, 19)} of ${repository}`, ok: [200, 404] });
    return res.status === 404 ? undefined : { size: Number(res.headers['content-length'] ?? 0) };
  }

  /**
   * Uploads a blob (POST, then one PUT, or PATCH chunks + PUT); returns its digest. Skips the
   * upload when the registry already has it.
   */
  async uploadBlob(repository: string, data: Uint8Array, options: UploadOptions = {}): Promise<string> {
    const digest = sha256Digest(data);
    if (!options.skipExistsCheck && await this.headBlob(repository, digest)) return digest;
    const scopes = [repositoryScope(repository, 'pull,push')];
    const what = `uploading blob ${digest.slice(0, 19)} to ${repository}`;
    const start = await this.request({ method: 'POST', path: `/v2/${repository}/blobs/uploads/`, scopes, what, ok: [202] });
    let location = this.uploadLocation(start, what);
    const chunk = options.chunkSize && options.chunkSize > 0 && data.length > options.chunkSize ? options.chunkSize : 0;
    if (chunk) {
      for (let offset = 0; offset < data.length; offset += chunk) {
        const part = data.subarray(offset, Math.min(data.length, offset + chunk));
        const res = await this.request({
          method: 'PATCH', path: location, scopes, what, ok: [202],
          headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${offset + part.length - 1}` }, body: part,
        });
        location = this.uploadLocation(res, what);
      }
    }
    const finish = new URL(location);
    finish.searchParams.set('digest', digest);
    await this.request({
      method: 'PUT', path: finish, scopes, what, ok: [201, 204],
      headers: { 'content-type': 'application/octet-stream' }, ...(chunk ? {} : { body: data }),
    });
    return digest;
  }

  /** Cross-repository blob mount; true when mounted, false when the registry refused (session cancelled). */
  async mountBlob(repository: string, digest: string, fromRepository: string): Promise<boolean> {
    const what = `mounting blob ${digest.slice(0, 19)} from ${fromRepository} into ${repository}`;
    const path = `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
    const res = await this.request({ method: 'POST', path, scopes: [repositoryScope(repository, 'pull,push'), repositoryScope(fromRepository)], what, ok: [201, 202] });
    if (res.status === 201) return true;
    if (res.headers['location']) {
      await this.request({ method: 'DELETE', path: this.uploadLocation(res, what), scopes: [repositoryScope(repository, 'pull,push')], what, ok: [] }).catch(() => undefined);
    }
    return false;
  }

  private uploadLocation(res: TransportResponse, what: string): URL {
    const location = res.headers['location'];
    if (!location) throw new RegistryError('protocol', `${this.host} sent no upload location while ${what}`, this.host, res.status);
    return new URL(location, this.baseUrl);
  }

  /**
   * Manifests that refer to `digest` (signatures, SBOMs, attestations): the referrers API, or
   * the `sha256-<hex>` tag schema when the registry has none.
   */
  async referrers(repository: string, digest: string, artifactType?: string): Promise<Descriptor[]> {
    const what = `listing referrers of ${repository}@${digest.slice(0, 19)}`;
    const url = new URL(`/v2/${repository}/referrers/${digest}`, this.baseUrl);
    if (artifactType) url.searchParams.set('artifactType', artifactType);
    const res = await this.request({ path: url, scopes: [repositoryScope(repository)], what, headers: { accept: MEDIA_TYPES.ociIndex }, ok: [200, 404, 400, 405] });
    let list: Descriptor[];
    const isIndex = res.status === 200 && /json/.test(res.headers['content-type'] ?? 'json');
    if (isIndex) {
      list = this.parseJson<ImageIndex>(res, what).manifests ?? [];
    } else {
      list = await this.referrersFromTagSchema(repository, digest);
    }
    const filtered = isIndex && /artifactType/i.test(res.headers['oci-filters-applied'] ?? '');
    return artifactType && !filtered ? list.filter((d) => d.artifactType === artifactType) : list;
  }

  private async referrersFromTagSchema(repository: string, digest: string): Promise<Descriptor[]> {
    const tag = digest.replace(':', '-');
    try {
      const index = await this.getManifest(repository, tag, MEDIA_TYPES.ociIndex);
      const manifests = (index.json as unknown as ImageIndex).manifests;
      return Array.isArray(manifests) ? manifests : [];
    } catch (error) {
      if (error instanceof RegistryError && error.kind === 'not-found') return [];
      throw error;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
