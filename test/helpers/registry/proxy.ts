// A reverse proxy in front of a test registry, in-process on a free port, adding what
// distribution 2.8 lacks (tags/list paging with n/last + Link, the referrers API) and the faults
// real registries show: 429 with Retry-After, 5xx, garbage bodies, no answer, odd Link headers,
// blob redirects to another host. Options can be changed while it runs. Adapted from the shared
// test bed's oci-proxy.mjs.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Fault {
  /** Only requests whose "METHOD path" matches. */
  match?: RegExp;
  /** How many requests get the fault (default: all). */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Accept the request and never answer. */
  hang?: boolean;
}

export interface ProxyOptions {
  upstream: string;
  ca?: string;
  /** Page size for tags/list when the client sends no n. */
  tagsDefaultN?: number;
  absoluteLinks?: boolean;
  /** Keep sending Link on the last page (Gitea does). */
  linkAlways?: boolean;
  /** Ignore `n` on tags/list and answer everything (like distribution 2.8). */
  ignoreN?: boolean;
  latencyMs?: number;
  /** Serve GET /v2/<name>/blobs/<digest> as a 307 to `${redirectBlobsTo}/<name>/<digest>`. */
  redirectBlobsTo?: string;
  faults?: Fault[];
}

export interface RecordedRequest { method: string; url: string; authorization?: string }

export interface TestProxy {
  url: string;
  host: string;
  options: ProxyOptions;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

interface Upstream { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => { const c: Buffer[] = []; req.on('data', (d: Buffer) => c.push(d)); req.on('end', () => resolve(Buffer.concat(c))); });
}

function passHeaders(h: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !['content-length', 'transfer-encoding', 'connection', 'host'].includes(k)) out[k] = v;
  return out;
}

export async function startProxy(options: ProxyOptions): Promise<TestProxy> {
  const upstream = new URL(options.upstream);
  const requests: RecordedRequest[] = [];
  const referrers = new Map<string, Record<string, unknown>[]>();
  const sockets = new Set<import('node:net').Socket>();

  const up = (method: string, path: string, headers: Record<string, string | string[]>, body?: Buffer) => new Promise<Upstream>((resolve, reject) => {
    const fn = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = fn({ host: upstream.hostname, port: upstream.port, method, path, headers: { ...headers, host: upstream.host }, ...(options.ca ? { ca: options.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
  const json = (res: ServerResponse, status: number, obj: unknown, extra: Record<string, string> = {}) => {
    const b = Buffer.from(JSON.stringify(obj));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': b.length, 'docker-distribution-api-version': 'registry/2.0', ...extra });
    res.end(b);
  };
  const relay = (res: ServerResponse, r: Upstream) => { res.writeHead(r.status, { ...passHeaders(r.headers), 'content-length': r.body.length }); res.end(r.body); };

  const handleTags = async (req: IncomingMessage, res: ServerResponse, name: string, url: URL) => {
    const r = await up('GET', `/v2/${name}/tags/list`, passHeaders(req.headers));
    if (r.status !== 200) return relay(res, r);
    const all = ((JSON.parse(r.body.toString()) as { tags?: string[] | null }).tags ?? []).slice().sort();
    const n = options.ignoreN ? 0 : url.searchParams.has('n') ? Number(url.searchParams.get('n')) : options.tagsDefaultN ?? 0;
    const last = url.searchParams.get('last');
    let start = 0;
    if (last) { start = all.findIndex((t) => t > last); if (start < 0) start = all.length; }
    const page = n > 0 ? all.slice(start, start + n) : all.slice(start);
    const extra: Record<string, string> = {};
    if (n > 0 && (start + n < all.length || options.linkAlways)) {
      const lastOnPage = page.length ? page[page.length - 1]! : last ?? '';
      let link = `/v2/${name}/tags/list?n=${n}&last=${encodeURIComponent(lastOnPage)}`;
      if (options.absoluteLinks) link = `http://${req.headers.host}${link}`;
      extra['link'] = `<${link}>; rel="next"`;
    }
    json(res, 200, { name, tags: page }, extra);
  };

  const handleReferrers = async (req: IncomingMessage, res: ServerResponse, name: string, digest: string, url: URL) => {
    const found = new Map<string, Record<string, unknown>>();
    for (const d of referrers.get(`${name}@${digest}`) ?? []) found.set(String(d['digest']), d);
    const fb = await up('GET', `/v2/${name}/manifests/${digest.replace(':', '-')}`, { ...passHeaders(req.headers), accept: 'application/vnd.oci.image.index.v1+json' });
    if (fb.status === 200) for (const d of (JSON.parse(fb.body.toString()) as { manifests?: Record<string, unknown>[] }).manifests ?? []) found.set(String(d['digest']), d);
    let manifests = [...found.values()];
    const extra: Record<string, string> = { 'content-type': 'application/vnd.oci.image.index.v1+json' };
    const at = url.searchParams.get('artifactType');
    if (at) { manifests = manifests.filter((d) => d['artifactType'] === at); extra['oci-filters-applied'] = 'artifactType'; }
    json(res, 200, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }, extra);
  };

  const handleManifestPut = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    const body = await readBody(req);
    const r = await up('PUT', req.url!, { ...passHeaders(req.headers), 'content-length': String(body.length) }, body);
    const headers = passHeaders(r.headers);
    if (r.status === 201) {
      try {
        const m = JSON.parse(body.toString()) as { subject?: { digest?: string }; mediaType?: string; artifactType?: string; config?: { mediaType?: string }; annotations?: Record<string, string> };
        if (m.subject?.digest) {
          const key = `${name}@${m.subject.digest}`;
          const list = referrers.get(key) ?? [];
          list.push({ mediaType: m.mediaType ?? req.headers['content-type'], digest: r.headers['docker-content-digest'], size: body.length, artifactType: m.artifactType ?? m.config?.mediaType, ...(m.annotations ? { annotations: m.annotations } : {}) });
          referrers.set(key, list);
          headers['oci-subject'] = m.subject.digest;
        }
      } catch { /* not JSON */ }
    }
    res.writeHead(r.status, { ...headers, 'content-length': r.body.length });
    res.end(r.body);
  };

  const pipeThrough = (req: IncomingMessage, res: ServerResponse) => {
    const fn = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
    const p = fn({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, ...(options.ca ? { ca: options.ca } : {}) }, (r) => {
      const headers = { ...r.headers };
      // Upload locations point at the upstream: rewrite them to come back through the proxy.
      if (typeof headers.location === 'string') headers.location = headers.location.replace(upstream.origin, `http://${req.headers.host}`);
      res.writeHead(r.statusCode ?? 502, headers);
      r.pipe(res);
    });
    p.on('error', (e) => json(res, 502, { errors: [{ code: 'UNKNOWN', message: `upstream: ${e.message}` }] }));
    req.pipe(p);
  };

  const server = createServer(async (req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const line = `${req.method} ${req.url}`;
    const fault = options.faults?.find((f) => (!f.match || f.match.test(line)) && (f.times === undefined || f.times > 0));
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      if (fault.hang) return; // never answer
      res.writeHead(fault.status ?? 500, { 'content-type': 'application/json', ...(fault.headers ?? {}) });
      return res.end(fault.body ?? JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'injected fault' }] }));
    }
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      let m: RegExpMatchArray | null;
      if (req.method === 'GET' && (m = url.pathname.match(/^\/v2\/(.+)\/tags\/list$/))) return await handleTags(req, res, m[1]!, url);
      if (req.method === 'GET' && (m = url.pathname.match(/^\/v2\/(.+)\/referrers\/(sha256:[a-f0-9]{64})$/))) return await handleReferrers(req, res, m[1]!, m[2]!, url);
      if (req.method === 'PUT' && (m = url.pathname.match(/^\/v2\/(.+)\/manifests\/([^/]+)$/))) return await handleManifestPut(req, res, m[1]!);
      if (options.redirectBlobsTo && req.method === 'GET' && (m = url.pathname.match(/^\/v2\/(.+)\/blobs\/(sha256:[a-f0-9]{64})$/))) {
        res.writeHead(307, { location: `${options.redirectBlobsTo}/${m[1]}/${m[2]}?signature=test` });
        return res.end();
      }
      return pipeThrough(req, res);
    } catch (e) {
      json(res, 500, { errors: [{ code: 'UNKNOWN', message: String(e) }] });
    }
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, options, requests,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

/**
 * A "blob storage" host for redirect tests: serves `/<name>/<digest>` by fetching the blob from
 * an (unauthenticated) registry, and records the Authorization headers it receives.
 */
export async function startStorageHost(registryUrl: string): Promise<{ url: string; authorizations: (string | undefined)[]; close(): Promise<void> }> {
  const authorizations: (string | undefined)[] = [];
  const server = createServer(async (req, res) => {
    authorizations.push(req.headers.authorization);
    const m = (req.url ?? '').split('?')[0]!.match(/^\/(.+)\/(sha256:[a-f0-9]{64})$/);
    if (!m) { res.writeHead(404); return res.end(); }
    const r = await fetch(`${registryUrl}/v2/${m[1]}/blobs/${m[2]}`);
    const body = Buffer.from(await r.arrayBuffer());
    res.writeHead(r.status, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // "localhost" instead of 127.0.0.1: another host name and port, i.e. another origin.
  return { url: `http://localhost:${port}`, authorizations, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}
