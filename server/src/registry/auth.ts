// Registry authentication: answers Basic and Bearer challenges, fetches tokens (GET with Basic,
// or OAuth2 POST with a refresh token / password where the registry asks for it) and caches each
// token per realm+service+scope until shortly before it expires.
import type { RegistryCredential, ResolvedCredential } from '../credentials/types';
import { isEmptyCredential } from '../credentials/types';
import type { Challenge } from './challenge';
import { RegistryError, httpError, truncate } from './errors';

/** Sends one token request; the client routes it through its transport (TLS, timeouts, retries). */
export type TokenFetcher = (request: { method: 'GET' | 'POST'; url: URL; headers: Record<string, string>; body?: Buffer }) =>
  Promise<{ status: number; body: Buffer }>;

interface CachedToken { token: string; expiresAt: number }

const DEFAULT_TOKEN_LIFETIME_S = 60; // distribution spec: assume 60 s when expires_in is missing
const EXPIRY_MARGIN_MS = 10_000;
const CLIENT_ID = 'shipshape';

export class Authenticator {
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();
  /** Credentials by repository ('' = the registry's own), loaded once each. */
  private readonly credentials = new Map<string, Promise<ResolvedCredential | RegistryCredential | undefined>>();
  /** Refresh tokens handed out by the token server during this session, per credential key. */
  private readonly refreshTokens = new Map<string, string>();
  /** Token requests made (for tests and benchmarks of the cache). */
  tokenRequests = 0;

  constructor(
    private readonly registry: string,
    /** `repository` only when `scopedByRepository()` says credentials may differ per repository. */
    private readonly loadCredential: (repository?: string) => Promise<ResolvedCredential | RegistryCredential | undefined>,
    private readonly fetchToken: TokenFetcher,
    private readonly now: () => number = Date.now,
    private readonly scopedByRepository: () => boolean = () => false,
  ) {}

  /** Remembers the registry's challenge (from a 401) for later requests. */
  setChallenge(challenge: Challenge): void {
    this.challenge = challenge;
  }

  get scheme(): string | undefined {
    return this.challenge?.scheme;
  }

  /**
   * The credential for requests needing `scopes`: the registry's own, or — where the provider
   * has repository-scoped logins (Podman's `auths` keys like `quay.io/ns`) — the one for the
   * first repository named in the scopes.
   */
  async getCredential(scopes: string[] = []): Promise<ResolvedCredential | RegistryCredential | undefined> {
    const key = this.credentialKey(scopes);
    let loaded = this.credentials.get(key);
    if (!loaded) {
      loaded = key ? this.loadCredential(key) : this.loadCredential();
      this.credentials.set(key, loaded);
      loaded.catch(() => this.credentials.delete(key));
    }
    return loaded;
  }

  private credentialKey(scopes: string[]): string {
    if (!scopes.length || !this.scopedByRepository()) return '';
    for (const scope of scopes) {
      const m = /^repository(?:\([^)]*\))?:([^:]+):/.exec(scope);
      if (m) return m[1]!;
    }
    return '';
  }

  /** A hint on how to fix rejected credentials, naming where they came from. */
  async updateHint(scopes: string[] = []): Promise<string | undefined> {
    const c = await this.getCredential(scopes);
    if (!c || isEmptyCredential(c)) return `no credentials found for ${this.registry}: sign in with "docker login ${this.registry}" or run "Shipshape: Add Registry"`;
    const origin = (c as ResolvedCredential).origin;
    return origin ? `credentials from ${origin.source} were used; update them with ${origin.updateHint}` : undefined;
  }

  /** Basic header from the credential (for REST APIs that take it without a challenge). */
  async basicAuthorization(scopes: string[] = []): Promise<string | undefined> {
    const credential = await this.getCredential(scopes);
    if (!credential?.username && !credential?.secret) return undefined;
    return 'Basic ' + Buffer.from(`${credential.username ?? ''}:${credential.secret ?? ''}`).toString('base64');
  }

  /** Drops a cached token that the registry refused (it may have been revoked). */
  invalidate(scopes: string[]): void {
    if (this.challenge) this.tokens.delete(this.cacheKey(this.challenge, scopes));
  }

  /** The Authorization header for a request needing `scopes`, or undefined for anonymous. */
  async authorization(scopes: string[]): Promise<string | undefined> {
    const challenge = this.challenge;
    if (!challenge) return undefined;
    const credential = await this.getCredential(scopes);
    if (challenge.scheme === 'basic') return this.basicAuthorization(scopes);
    if (challenge.scheme !== 'bearer') return undefined;
    if (credential?.registryToken) return `Bearer ${credential.registryToken}`;
    const key = this.cacheKey(challenge, scopes);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) return `Bearer ${cached.token}`;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.requestToken(challenge, scopes, credential).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return `Bearer ${await pending}`;
  }

  private cacheKey(challenge: Challenge, scopes: string[]): string {
    return [challenge.params['realm'] ?? '', challenge.params['service'] ?? '', ...[...new Set(scopes)].sort()].join('|');
  }

  private async requestToken(challenge: Challenge, scopes: string[], credential: RegistryCredential | undefined): Promise<string> {
    const realmText = challenge.params['realm'];
    if (!realmText) throw new RegistryError('protocol', `${this.registry} asked for a bearer token but named no token server (realm)`, this.registry);
    let realm: URL;
    try {
      realm = new URL(realmText);
    } catch {
      throw new RegistryError('protocol', `${this.registry} named an invalid token server "${truncate(realmText, 80)}"`, this.registry);
    }
    const service = challenge.params['service'];
    const refresh = credential?.identityToken ?? this.refreshTokens.get(this.credentialKey(scopes));
    let answer: { status: number; body: Buffer };
    if (refresh) {
      answer = await this.postToken(realm, service, scopes, { grant_type: 'refresh_token', refresh_token: refresh });
    } else {
      answer = await this.getToken(realm, service, scopes, credential);
      // Some token servers only speak OAuth2 POST (404/405 on GET); retry that way with the password.
      if ((answer.status === 404 || answer.status === 405) && credential?.username && credential.secret) {
        answer = await this.postToken(realm, service, scopes, { grant_type: 'password', username: credential.username, password: credential.secret });
      }
    }
    if (answer.status === 401 || answer.status === 403) {
      throw httpError(this.registry, 401, 'getting an access token', answer.body, await this.updateHint(scopes));
    }
    if (answer.status !== 200) throw httpError(this.registry, answer.status, `getting an access token from ${realm.host}`, answer.body);
    return this.storeToken(challenge, scopes, answer.body);
  }

  private async getToken(realm: URL, service: string | undefined, scopes: string[], credential: RegistryCredential | undefined) {
    const url = new URL(realm);
    if (service) url.searchParams.set('service', service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credential?.username || credential?.secret) {
      headers['authorization'] = 'Basic ' + Buffer.from(`${credential.username ?? ''}:${credential.secret ?? ''}`).toString('base64');
    }
    this.tokenRequests++;
    return this.fetchToken({ method: 'GET', url, headers });
  }

  private async postToken(realm: URL, service: string | undefined, scopes: string[], grant: Record<string, string>) {
    const form = new URLSearchParams({ ...grant, client_id: CLIENT_ID, access_type: 'offline' });
    if (service) form.set('service', service);
    if (scopes.length) form.set('scope', scopes.join(' '));
    this.tokenRequests++;
    return this.fetchToken({
      method: 'POST', url: realm,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: Buffer.from(form.toString()),
    });
  }

  private storeToken(challenge: Challenge, scopes: string[], body: Buffer): string {
    let data: { token?: unknown; access_token?: unknown; expires_in?: unknown; issued_at?: unknown; refresh_token?: unknown };
    try {
      data = JSON.parse(body.toString());
    } catch {
      throw new RegistryError('protocol', `the token server of ${this.registry} answered with something that is not JSON`, this.registry);
    }
    const token = typeof data.token === 'string' && data.token ? data.token : typeof data.access_token === 'string' ? data.access_token : '';
    if (!token) throw new RegistryError('protocol', `the token server of ${this.registry} answered without a token`, this.registry);
    if (typeof data.refresh_token === 'string' && data.refresh_token) this.refreshTokens.set(this.credentialKey(scopes), data.refresh_token);
    const lifetime = typeof data.expires_in === 'number' && data.expires_in > 0 ? data.expires_in : DEFAULT_TOKEN_LIFETIME_S;
    const issued = typeof data.issued_at === 'string' ? Date.parse(data.issued_at) : NaN;
    const start = Number.isFinite(issued) && Math.abs(issued - this.now()) < 300_000 ? issued : this.now();
    this.tokens.set(this.cacheKey(challenge, scopes), { token, expiresAt: start + lifetime * 1000 });
    return token;
  }
}
