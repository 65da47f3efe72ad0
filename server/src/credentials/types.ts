// What a registry client needs to authenticate. Secrets live only in these objects (in memory),
// never in settings, logs or error messages.

export interface RegistryCredential {
  username?: string;
  /** Password or access token used with Basic auth / the token endpoint. */
  secret?: string;
  /** OAuth2 refresh token (`identitytoken` in Docker's config); used with POST grant_type=refresh_token. */
  identityToken?: string;
  /** A ready bearer token for the registry itself (`registrytoken` in Docker's config). */
  registryToken?: string;
}

/** Where a credential came from: for messages such as "rejected — update them with …". */
export interface CredentialOrigin {
  /** e.g. "~/.docker/config.json", "docker-credential-pass", "VS Code secret storage". */
  source: string;
  /** How a person fixes a rejected credential of this origin. */
  updateHint: string;
}

export interface ResolvedCredential extends RegistryCredential {
  origin: CredentialOrigin;
}

/**
 * Anything that can find a credential for a registry host (`host[:port]`, `docker.io` for Hub).
 * Implemented by the Docker/Podman config reader and, in the editor, by VS Code SecretStorage.
 */
export interface CredentialProvider {
  /**
   * `repository` (the path within the registry, e.g. `ns/app`) lets providers that know
   * repository- or namespace-scoped logins (Podman's `auths` keys such as `quay.io/ns`) pick the
   * most specific one; without it only registry-wide credentials are considered.
   */
  get(registryHost: string, repository?: string): Promise<ResolvedCredential | undefined>;
  /**
   * True when this host has repository- or namespace-scoped credentials, so that the answer of
   * `get` may differ per repository. Providers without such credentials leave this out, and
   * callers then ask once per registry.
   */
  scopedByRepository?(registryHost: string): boolean;
}

export function isEmptyCredential(c: RegistryCredential | undefined): boolean {
  return !c || (!c.username && !c.secret && !c.identityToken && !c.registryToken);
}
