// How the push/copy/sign/verify commands reach a registry: the image reference (the one parser)
// gives registry + repository + tag/digest; the client gets the user's Docker/Podman credentials
// (the one credential reader) and the per-registry settings (caFile, insecure) of the
// `registries` list in .shipshape.yaml — the same file and loader `shipshape registry ls` uses.
// --ca-file / --insecure on the command line win over the file.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DockerCredentialStore } from '../credentials/dockerConfig';
import { parseImageReference, type ImageReference } from '../image/reference';
import { RegistryClient } from '../registry/client';
import type { RegistrySettings } from '../registry/providers';
import { findRegistrySettings, loadRegistriesFile, RegistrySettingsError } from '../registry/settings';
import { parseRegistryAddress } from '../registry/url';
import { UsageError } from './args';

export interface RegistryCliOptions {
  caFile?: string;
  insecure?: boolean;
  /** `--config FILE`; default `<cwd>/.shipshape.yaml` when present. */
  configFile?: string;
  cwd?: string;
  /** Non-secret warnings (plain http, unreadable config) go to stderr. */
  warn: (message: string) => void;
}

const loadedConfigs = new Map<string, RegistrySettings[]>();

function configuredRegistries(options: RegistryCliOptions): RegistrySettings[] {
  const explicit = options.configFile !== undefined;
  const file = explicit ? resolve(options.cwd ?? '.', options.configFile!) : join(options.cwd ?? '.', '.shipshape.yaml');
  if (!explicit && !existsSync(file)) return [];
  let entries = loadedConfigs.get(file);
  if (!entries) {
    try {
      entries = loadRegistriesFile(file);
    } catch (error) {
      if (error instanceof RegistrySettingsError) throw new UsageError(error.message);
      throw error;
    }
    loadedConfigs.set(file, entries);
  }
  return entries;
}

export interface ResolvedTarget {
  reference: ImageReference;
  client: RegistryClient;
}

export function parseReferenceArg(text: string, what: string): ImageReference {
  const parsed = parseImageReference(text);
  if (!parsed.ok) throw new UsageError(`${what} "${text}": ${parsed.error}`);
  return parsed.reference;
}

const clients = new Map<string, RegistryClient>();

/** One client per registry per run, so tokens are shared between the steps of a command. */
export function clientForRegistry(registry: string, options: RegistryCliOptions): RegistryClient {
  const configured = findRegistrySettings(configuredRegistries(options), registry);
  const caFile = options.caFile ?? configured?.caFile;
  const insecure = options.insecure || configured?.insecure === true;
  const url = configured ? parseRegistryAddress(configured.url, configured.insecure).baseUrl.origin : registry;
  const key = `${url}|${caFile ?? ''}|${insecure ? 1 : 0}`;
  let client = clients.get(key);
  if (!client) {
    client = new RegistryClient({
      url,
      credentials: new DockerCredentialStore({ onWarning: options.warn }),
      ...(caFile ? { caFile } : {}),
      ...(insecure ? { insecure: true } : {}),
      onWarning: options.warn,
    });
    clients.set(key, client);
  }
  return client;
}

export function resolveTarget(text: string, what: string, options: RegistryCliOptions): ResolvedTarget {
  const reference = parseReferenceArg(text, what);
  return { reference, client: clientForRegistry(reference.registry, options) };
}

/** The tag or digest a command acts on (`latest` when neither is written, as Docker does). */
export function referenceSelector(reference: ImageReference): string {
  return reference.digest ?? reference.tag ?? 'latest';
}
