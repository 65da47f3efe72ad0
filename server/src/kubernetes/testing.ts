// Test helpers: a workspace of in-memory files, linted the way the CLI and the editor do.
import { emptyConfig, type ShipshapeConfig } from '../config/config';
import type { Finding } from '../core/finding';
import { WorkspaceIndex } from '../workspace/workspaceIndex';
import { lintKubernetes } from './lint';

export function workspaceOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) index.update(path, text);
  return index;
}

/** Lints `target` of the in-memory workspace `files`. */
export function lintIn(files: Record<string, string>, target: string, config: Partial<ShipshapeConfig> = {}): Finding[] {
  return lintKubernetes(target, files[target]!, { ...emptyConfig(), ...config }, workspaceOf(files));
}

export const codes = (findings: Finding[]) => findings.map((f) => f.code);

/** `data.dockerconfigjson` value for the given registry keys. */
export function dockerConfigJson(...registries: string[]): string {
  const auths = Object.fromEntries(registries.map((r) => [r, { auth: Buffer.from('user:pass').toString('base64') }]));
  return Buffer.from(JSON.stringify({ auths })).toString('base64');
}

export function secretYaml(name: string, registries: string[], extra: { namespace?: string; type?: string } = {}): string {
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    ...(extra.namespace ? [`  namespace: ${extra.namespace}`] : []),
    `type: ${extra.type ?? 'kubernetes.io/dockerconfigjson'}`,
    'data:',
    `  .dockerconfigjson: ${dockerConfigJson(...registries)}`,
    '',
  ].join('\n');
}

export function deploymentYaml(image: string, opts: { namespace?: string; pullSecrets?: string[]; serviceAccount?: string; name?: string } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${opts.name ?? 'web'}`,
    ...(opts.namespace ? [`  namespace: ${opts.namespace}`] : []),
    'spec:',
    '  template:',
    '    spec:',
    ...(opts.serviceAccount ? [`      serviceAccountName: ${opts.serviceAccount}`] : []),
    ...(opts.pullSecrets ? ['      imagePullSecrets:', ...opts.pullSecrets.map((s) => `      - name: ${s}`)] : []),
    '      containers:',
    '      - name: app',
    `        image: ${image}`,
    '',
  ].join('\n');
}
