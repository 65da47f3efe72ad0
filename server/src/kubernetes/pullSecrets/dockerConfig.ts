// What the kubelet can read out of a pull Secret: the registries its dockerconfig has
// credentials for. Only the *keys* and whether each entry is usable leave this module; the
// credentials themselves are decoded to be validated and then dropped.

export type DockerConfigKey = '.dockerconfigjson' | '.dockercfg';

export interface DecodedDockerConfig {
  /** Registry keys (as written) that carry usable credentials. */
  registries: string[];
}

export type DecodeResult = { ok: true; config: DecodedDockerConfig } | { ok: false; problem: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  // Go's StdEncoding (the API server, the kubelet) wants the padding.
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/**
 * Decodes a dockerconfig value. `encoded` says whether it came from `data` (base64) or
 * `stringData` (plain). `.dockerconfigjson` holds `{auths: {...}}`; legacy `.dockercfg` holds
 * the registry map directly. `credHelpers`/`credsStore` are ignored, like the kubelet does.
 */
export function decodeDockerConfig(key: DockerConfigKey, value: string, encoded: boolean): DecodeResult {
  let json = value;
  if (encoded) {
    const decoded = decodeBase64(value);
    if (decoded === undefined) return { ok: false, problem: `${key} is not valid base64` };
    json = decoded;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, problem: `${key} is not valid JSON${encoded ? ' once base64-decoded' : ''}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, problem: `${key} is not a JSON object` };
  let auths: unknown = parsed;
  if (key === '.dockerconfigjson') {
    auths = (parsed as Record<string, unknown>)['auths'];
    if (auths === undefined) return { ok: false, problem: `${key} has no "auths" (credHelpers and credsStore are ignored by Kubernetes)` };
    if (typeof auths !== 'object' || auths === null || Array.isArray(auths)) return { ok: false, problem: `${key}: "auths" is not an object` };
  }
  const registries: string[] = [];
  for (const [registry, entry] of Object.entries(auths as Record<string, unknown>)) {
    const problem = entryProblem(entry);
    if (problem) return { ok: false, problem: `${key}: entry "${registry}" ${problem}` };
    registries.push(registry);
  }
  if (registries.length === 0) return { ok: false, problem: `${key} has no registry entries` };
  return { ok: true, config: { registries } };
}

function entryProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'is not an object';
  const record = entry as Record<string, unknown>;
  const auth = record['auth'];
  if (auth !== undefined && auth !== '') {
    if (typeof auth !== 'string') return 'has an "auth" that is not a string';
    const decoded = decodeBase64(auth);
    if (decoded === undefined || !decoded.includes(':')) return 'has an "auth" that is not base64 of user:password';
    return undefined;
  }
  if (typeof record['username'] === 'string' && typeof record['password'] === 'string') return undefined;
  if (typeof record['identitytoken'] === 'string' || typeof record['registrytoken'] === 'string') return undefined;
  return 'has neither "auth" nor "username"/"password"';
}
