// A Docker/OCI token server (the `realm` of `WWW-Authenticate: Bearer …`) for tests, in-process,
// on a free port. Issues ES256 JWTs carrying the signing certificate in `x5c`, which distribution
// verifies against `auth.token.rootcertbundle`. Adapted from the shared registry test bed.
//   GET  /token?service=&scope=…[&offline_token=true]   Basic auth optional
//   POST /token  grant_type=password|refresh_token (OAuth2 form)
//   `getOnlyPost` makes GET answer 405 (registries whose token server only speaks OAuth2 POST).
import { createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenUser { password: string; role: 'admin' | 'reader' }

export interface TokenServerOptions {
  keyPem: string;
  certPem: string;
  issuer: string;
  service: string;
  users: Record<string, TokenUser>;
  anonymousPull?: boolean;
  ttlSeconds?: number;
  postOnly?: boolean;
}

export interface TokenStats { requests: number; issued: number; denied: number; gets: number; posts: number; refreshGrants: number }

export interface TokenServer {
  url: string;
  stats: TokenStats;
  /** Every Authorization header received (to prove what a client sent where). */
  authorizations: string[];
  options: TokenServerOptions;
  close(): Promise<void>;
}

interface Access { type: string; name: string; actions: string[] }

function parseScopes(list: string[]): Access[] {
  const out: Access[] = [];
  for (const s of list.flatMap((x) => x.split(' ')).filter(Boolean)) {
    const parts = s.split(':');
    if (parts.length < 3) continue;
    out.push({ type: parts[0]!.replace(/\(.*\)$/, ''), name: parts.slice(1, -1).join(':'), actions: parts[parts.length - 1]!.split(',').filter(Boolean) });
  }
  return out;
}

export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const key: KeyObject = createPrivateKey(options.keyPem);
  const certDer = options.certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  const ttl = options.ttlSeconds ?? 300;
  const refreshTokens = new Map<string, string>();
  const stats: TokenStats = { requests: 0, issued: 0, denied: 0, gets: 0, posts: 0, refreshGrants: 0 };
  const authorizations: string[] = [];
  const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

  const grant = (role: string, scopes: Access[]) => scopes.map(({ type, name, actions }) => {
    let allowed: string[] = [];
    if (role === 'admin') allowed = actions;
    else if (type === 'repository' && (role === 'reader' || (role === 'anonymous' && options.anonymousPull))) allowed = actions.filter((a) => a === 'pull');
    return { type, name, actions: allowed };
  }).filter((a) => a.actions.length > 0);

  const jwt = (subject: string, access: Access[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [certDer] };
    const claims = { iss: options.issuer, sub: subject, aud: options.service, exp: now + ttl, nbf: now - 5, iat: now, jti: randomBytes(12).toString('hex'), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    stats.issued++;
    return `${input}.${b64url(signature)}`;
  };

  const send = (res: ServerResponse, code: number, body: unknown, extra: Record<string, string> = {}) => {
    res.writeHead(code, { 'content-type': 'application/json', ...extra });
    res.end(JSON.stringify(body));
  };
  const unauthorized = (res: ServerResponse, message: string) => {
    stats.denied++;
    send(res, 401, { errors: [{ code: 'UNAUTHORIZED', message }] }, { 'www-authenticate': 'Basic realm="test-token-server"' });
  };
  const issue = (res: ServerResponse, user: string, role: string, scopes: Access[], service: string | null, withRefresh: boolean) => {
    if (service && service !== options.service) return send(res, 400, { errors: [{ code: 'DENIED', message: `unknown service ${service}` }] });
    const token = jwt(user, grant(role, scopes));
    const body: Record<string, unknown> = { token, access_token: token, expires_in: ttl, issued_at: new Date().toISOString() };
    if (withRefresh && user) {
      const refresh = randomBytes(24).toString('hex');
      refreshTokens.set(refresh, user);
      body['refresh_token'] = refresh;
    }
    send(res, 200, body);
  };
  const basicUser = (req: IncomingMessage): { user?: string; role?: string; error?: string } => {
    const h = req.headers.authorization ?? '';
    if (!h.toLowerCase().startsWith('basic ')) return {};
    const [user, ...rest] = Buffer.from(h.slice(6), 'base64').toString().split(':');
    const record = options.users[user ?? ''];
    if (!record || record.password !== rest.join(':')) return { error: 'bad credentials' };
    return { user: user!, role: record.role };
  };

  const server: Server = createServer((req, res) => {
    stats.requests++;
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/healthz') { res.end('ok'); return; }
    if (url.pathname !== '/token') return send(res, 404, { errors: [{ code: 'NOT_FOUND' }] });
    if (req.method === 'GET') {
      stats.gets++;
      if (options.postOnly) return send(res, 405, { errors: [{ code: 'UNSUPPORTED', message: 'use POST' }] });
      const auth = basicUser(req);
      if (auth.error) return unauthorized(res, auth.error);
      return issue(res, auth.user ?? '', auth.role ?? 'anonymous', parseScopes(url.searchParams.getAll('scope')), url.searchParams.get('service'), url.searchParams.get('offline_token') === 'true');
    }
    if (req.method === 'POST') {
      stats.posts++;
      let body = '';
      req.on('data', (c: Buffer) => { body += c; });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const scopes = parseScopes(form.getAll('scope'));
        const grantType = form.get('grant_type');
        if (grantType === 'password') {
          const record = options.users[form.get('username') ?? ''];
          if (!record || record.password !== form.get('password')) return unauthorized(res, 'bad credentials');
          return issue(res, form.get('username')!, record.role, scopes, form.get('service'), true);
        }
        if (grantType === 'refresh_token') {
          const user = refreshTokens.get(form.get('refresh_token') ?? '');
          if (!user) return unauthorized(res, 'unknown refresh token');
          stats.refreshGrants++;
          return issue(res, user, options.users[user]!.role, scopes, form.get('service'), false);
        }
        send(res, 400, { errors: [{ code: 'UNSUPPORTED', message: `grant_type ${grantType}` }] });
      });
      return;
    }
    send(res, 405, { errors: [{ code: 'UNSUPPORTED' }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/token`, stats, authorizations, options,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Issues a refresh token for a user directly (what `docker login` stores as identitytoken). */
export async function fetchRefreshToken(server: TokenServer, user: string, password: string): Promise<string> {
  const res = await fetch(server.url, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username: user, password, service: server.options.service }) });
  const data = await res.json() as { refresh_token?: string };
  if (!data.refresh_token) throw new Error(`token server gave no refresh token (${res.status})`);
  return data.refresh_token;
}
