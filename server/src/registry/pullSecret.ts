// Image pull Secrets for Kubernetes (`kubernetes.io/dockerconfigjson`) and the equivalent
// `kubectl create secret docker-registry` command. The Secret necessarily holds the credential;
// callers warn about that. The command takes the password from an environment variable so it
// does not land in shell history.
import { DOCKER_HUB_SERVER } from '../credentials/dockerConfig';

export interface PullSecretInput {
  name: string;
  namespace?: string;
  /** `host[:port]`, `docker.io` for Hub. */
  registry: string;
  username: string;
  password: string;
  email?: string;
}

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function validSecretName(name: string): string | undefined {
  if (!name) return 'a name is required';
  if (name.length > 253 || !NAME_RE.test(name)) return 'use lower-case letters, digits, "-" and "." (a DNS subdomain name)';
  return undefined;
}

function server(registry: string): string {
  return registry === 'docker.io' ? DOCKER_HUB_SERVER : registry;
}

export function dockerConfigJson(input: PullSecretInput): string {
  const auth = Buffer.from(`${input.username}:${input.password}`).toString('base64');
  return JSON.stringify({ auths: { [server(input.registry)]: { username: input.username, password: input.password, ...(input.email ? { email: input.email } : {}), auth } } });
}

export function pullSecretManifest(input: PullSecretInput): string {
  const data = Buffer.from(dockerConfigJson(input)).toString('base64');
  return [
    '# Image pull Secret for ' + input.registry + '.',
    '# WARNING: this file holds a registry credential (base64 is not encryption).',
    '# Do not commit it; prefer a sealed/external secret for Git.',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${input.name}`,
    ...(input.namespace ? [`  namespace: ${input.namespace}`] : []),
    'type: kubernetes.io/dockerconfigjson',
    'data:',
    `  .dockerconfigjson: ${data}`,
    '',
  ].join('\n');
}

/** Shell-quoted `kubectl create secret docker-registry` with the password read from $REGISTRY_PASSWORD. */
export function kubectlCreateSecretCommand(input: Omit<PullSecretInput, 'password'>): string {
  const q = (s: string) => (/^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [
    'kubectl create secret docker-registry', q(input.name),
    ...(input.namespace ? ['--namespace', q(input.namespace)] : []),
    `--docker-server=${q(server(input.registry))}`,
    `--docker-username=${q(input.username)}`,
    '--docker-password="$REGISTRY_PASSWORD"',
    ...(input.email ? [`--docker-email=${q(input.email)}`] : []),
  ].join(' ');
}
