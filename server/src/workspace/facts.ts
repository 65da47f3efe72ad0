// What one YAML file contributes to the workspace: Secret-like objects, ServiceAccounts and
// kustomizations, as plain data with ranges (no YAML trees are kept).
import type { Range } from '../core/finding';

export type SecretKind = 'Secret' | 'SealedSecret' | 'ExternalSecret' | 'secretGenerator';

export const DOCKERCONFIG_TYPES = ['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg'] as const;

/** What the Secret's data says about registries. */
export type SecretContent =
  /** Decoded: these registry keys have usable credentials. */
  | { state: 'decoded'; registries: string[] }
  /** Encrypted, generated or templated: proves nothing either way. */
  | { state: 'opaque' }
  /** A dockerconfig type whose data cannot be used. */
  | { state: 'undecodable'; problem: string; range: Range }
  /** Not a dockerconfig Secret: no registry content to speak of. */
  | { state: 'none' };

export interface SecretFact {
  kind: SecretKind;
  name: string;
  /** Explicit namespace (metadata, template, or generator field). */
  namespace?: string;
  /** The Secret type as written; undefined = Opaque (for generators: not given). */
  type?: string;
  content: SecretContent;
  file: string;
  /** The name's range in its file. */
  range: Range;
}

export interface ServiceAccountFact {
  name: string;
  namespace?: string;
  /** Names listed in its `imagePullSecrets`; undefined when it has none. */
  pullSecrets: string[];
  /** Some entry is templated or malformed: cannot be judged. */
  pullSecretsUnknown: boolean;
  file: string;
  range: Range;
}

export interface KustomizeImage { name: string; newName?: string; newTag?: string; digest?: string }

export interface KustomizationFact {
  file: string;
  dir: string;
  namespace?: string;
  /** Absolute paths of files or folders under `resources`/`bases`. */
  resources: string[];
  /** Absolute paths of strategic-merge patch files (partial objects). */
  patches: string[];
  images: KustomizeImage[];
}

export interface FileFacts {
  secrets: SecretFact[];
  serviceAccounts: ServiceAccountFact[];
  kustomization?: KustomizationFact;
  /** Release tags (not `latest`) used per normalised image name: suggestions for pinning. */
  imageTags?: Record<string, string[]>;
}

export function isDockerConfigType(type: string | undefined): boolean {
  return type !== undefined && (DOCKERCONFIG_TYPES as readonly string[]).includes(type);
}
