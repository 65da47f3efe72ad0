// `shipshape registry ls <registry-url>[/<repository>]`: repositories or tags through the same
// client, credentials and settings (`.shipshape.yaml` `registries`) as the editor.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DockerCredentialStore } from '../credentials/dockerConfig';
import { RegistryError } from '../registry/errors';
import { createProvider, detectKind, isRegistryKind, REGISTRY_KINDS, type RegistryProvider, type RegistrySettings } from '../registry/providers';
import type { Page } from '../registry/client';
import { findRegistrySettings, loadRegistriesFile, RegistrySettingsError } from '../registry/settings';
import { parseRegistryAddress } from '../registry/url';
import { oneOf, parseArgs, UsageError } from './args';
import type { CommandIO } from './lintCommand';

export const REGISTRY_USAGE = `Usage: shipshape registry ls <registry>[/<repository>] [options]

Lists the repositories of a registry, or the tags of a repository: the first page, or every
page with --all. Credentials come from docker/podman logins and credential helpers; registry
settings (kind, caFile, insecure) from the "registries" list of .shipshape.yaml.
For Harbor, <registry>/<project> lists a project's repositories; for Docker Hub,
docker.io/<namespace> lists a namespace.

Options:
  --format tty|json     output format (default tty)
  --all                 fetch every page
  --page-size N         items per page (default 100)
  --kind KIND           ${REGISTRY_KINDS.join('|')} (default: from settings or the host name)
  --ca-file FILE        extra CA certificate(s) for this registry
  --insecure            plain http / no TLS verification
  --config FILE         settings file (default ./.shipshape.yaml when present)
`;

interface ListResult { kind: 'repositories' | 'tags'; items: Record<string, unknown>[]; next?: string }

export async function runRegistry(argv: string[], io: CommandIO): Promise<number> {
  try {
    return await registryCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RegistrySettingsError) {
      io.stderr(`shipshape: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RegistryError) {
      io.stderr(`shipshape: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function registryCommand(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') { io.stdout(REGISTRY_USAGE); return sub === undefined ? 2 : 0; }
  if (sub !== 'ls' && sub !== 'list') throw new UsageError(`unknown registry command "${sub}" (expected "ls")`);
  const { positionals, options } = parseArgs(rest, ['format', 'page-size', 'kind', 'ca-file', 'config'], ['all', 'insecure', 'help', 'h']);
  if (options['help'] || options['h']) { io.stdout(REGISTRY_USAGE); return 0; }
  if (positionals.length !== 1) throw new UsageError('registry ls needs exactly one <registry>[/<repository>]');
  const format = oneOf(options['format'], ['tty', 'json'] as const, 'format') ?? 'tty';
  const pageSize = options['page-size'] === undefined ? 100 : Number(options['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new UsageError('--page-size must be a positive whole number');
  if (options['kind'] !== undefined && !isRegistryKind(options['kind'])) throw new UsageError(`--kind must be one of ${REGISTRY_KINDS.join(', ')}`);

  const target = positionals[0]!;
  let address;
  try {
    address = parseRegistryAddress(target, options['insecure'] === true);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const configFile = typeof options['config'] === 'string' ? resolve(io.cwd, options['config']) : join(io.cwd, '.shipshape.yaml');
  const configured = typeof options['config'] === 'string' || existsSync(configFile) ? findRegistrySettings(loadRegistriesFile(configFile), target) : undefined;
  const kind = (options['kind'] as RegistrySettings['kind']) ?? configured?.kind ?? detectKind(target);
  const settings: RegistrySettings = {
    // The configured entry knows the scheme (https on a loopback host, for instance).
    url: configured ? `${parseRegistryAddress(configured.url, configured.insecure).baseUrl.origin}${address.repository ? `/${address.repository}` : ''}` : target,
    kind,
    ...(configured?.name ? { name: configured.name } : {}),
    ...(typeof options['ca-file'] === 'string' ? { caFile: resolve(io.cwd, options['ca-file']) } : configured?.caFile ? { caFile: configured.caFile } : {}),
    ...(options['insecure'] === true || configured?.insecure ? { insecure: true } : {}),
  };
  const provider = createProvider(settings, {
    credentials: new DockerCredentialStore({ onWarning: (w) => io.stderr(`shipshape: warning: ${w}\n`) }),
    onWarning: (w) => io.stderr(`shipshape: warning: ${w}\n`),
  });
  const result = await list(provider, address.repository, pageSize, options['all'] === true);
  if (format === 'json') {
    io.stdout(JSON.stringify({ registry: provider.client.host, kind, ...(address.repository ? { path: address.repository } : {}), list: result.kind, items: result.items, ...(result.next ? { next: result.next } : {}) }, null, 2) + '\n');
  } else {
    for (const item of result.items) io.stdout(ttyLine(result.kind, item) + '\n');
    if (result.next) io.stderr(`(more ${result.kind} — use --all to list everything)\n`);
  }
  return 0;
}

/** What a path means per kind: repository (→ tags) or namespace/project (→ repositories). */
function splitPath(provider: RegistryProvider, path: string | undefined): { repository?: string; project?: string } {
  if (!path) return {};
  const segments = path.split('/').length;
  // One segment names a project/namespace/owner/group where the registry groups repositories.
  if (['harbor', 'dockerhub', 'quay', 'ghcr', 'gitlab'].includes(provider.kind) && segments === 1) return { project: path };
  return { repository: path };
}

async function list(provider: RegistryProvider, path: string | undefined, pageSize: number, all: boolean): Promise<ListResult> {
  const { repository, project } = splitPath(provider, path);
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page: Page<object> = repository
      ? await provider.listTags(repository, { pageSize, ...(cursor ? { cursor } : {}) })
      : await provider.listRepositories({ pageSize, ...(cursor ? { cursor } : {}), ...(project ? { project } : {}) });
    items.push(...(page.items as Record<string, unknown>[]));
    if (!all || !page.next || page.next === cursor || page.items.length === 0) {
      return { kind: repository ? 'tags' : 'repositories', items, ...(!all && page.next ? { next: page.next } : {}) };
    }
    cursor = page.next;
  }
}

function ttyLine(kind: 'repositories' | 'tags', item: Record<string, unknown>): string {
  const parts = [String(item['name'])];
  if (kind === 'tags') {
    if (typeof item['digest'] === 'string') parts.push(item['digest'].slice(0, 19));
    if (typeof item['date'] === 'string') parts.push(item['date']);
  }
  return parts.join('  ');
}
