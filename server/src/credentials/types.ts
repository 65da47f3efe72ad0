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
  get(registryHost: string): Promise<ResolvedCredential | undefined>;
}

export function isEmptyCredential(c: RegistryCredential | undefined): boolean {
  return !c || (!c.username && !c.secret && !c.identityToken && !c.registryToken);
}
