// `shipshape push <oci-layout-dir|archive.tar> <reference>` and `shipshape copy <src> <dst>`:
// the native push engine on the command line (same code as the editor).
import { resolve } from 'node:path';
import { ImageSourceError, openImageSource, selectImage } from '../oci/imageSource';
import { copyImage, pushFromSource } from '../oci/copy';
import { PushError, TransferCancelledError, type PushProgress, type PushResult } from '../oci/push';
import { RegistryError } from '../registry/errors';
import { formatReference } from '../image/reference';
import { oneOf, parseArgs, UsageError } from './args';
import { referenceSelector, resolveTarget, type RegistryCliOptions } from './registryAccess';

export const PUSH_USAGE = `Usage: shipshape push <oci-layout-dir|archive.tar> <reference> [options]

Pushes an OCI image layout, an OCI archive or a docker-archive (docker save) to a registry
without a Docker engine. Blobs the registry has are skipped; multi-platform indexes are pushed
with every platform. Credentials come from ~/.docker/config.json / credential helpers.

Options:
  --image NAME          which image of the layout/archive (ref name, tag or digest)
  --mount-from REPO     try a cross-repository mount from REPO of the same registry (repeatable)
  --chunk-size BYTES    upload chunk size (default 8 MiB)
  --format tty|json     output format (default tty)
  --ca-file FILE        extra CA certificates for the registry
  --config FILE         registry settings (caFile, insecure) from this file's "registries"
                        (default ./.shipshape.yaml when present)
  --insecure            plain http / skip TLS verification
  --quiet               no progress output
`;

export const COPY_USAGE = `Usage: shipshape copy <source-reference> <destination-reference> [options]

Copies an image (every platform of an index) between repositories or registries. Within one
registry blobs are mounted, not transferred.

Options:
  --format tty|json     output format (default tty)
  --ca-file FILE        extra CA certificates (both registries)
  --config FILE         registry settings file (default ./.shipshape.yaml when present)
  --insecure            plain http / skip TLS verification
  --quiet               no progress output
`;

export interface AsyncCommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTty: boolean;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

/** Removes every `--name value` / `--name=value` occurrence and returns the values. */
export function takeRepeated(argv: string[], name: string): { rest: string[]; values: string[] } {
  const rest: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      values.push(value);
    } else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
    else rest.push(arg);
  }
  return { rest, values };
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

export function progressPrinter(io: AsyncCommandIO, quiet: boolean): (p: PushProgress) => void {
  if (quiet) return () => undefined;
  let lastLine = 0;
  return (p) => {
    if (p.blob && (p.blob.state === 'exists' || p.blob.state === 'mounted' || p.blob.state === 'uploaded')) {
      if (!io.isTty) io.stderr(`${p.blob.digest.slice(0, 19)}  ${p.blob.state.padEnd(8)} ${mib(p.blob.size)}\n`);
    }
    if (p.manifest && !io.isTty) io.stderr(`manifest ${p.manifest.digest.slice(0, 19)} → ${p.manifest.reference}\n`);
    if (io.isTty && Date.now() - lastLine > 100) {
      lastLine = Date.now();
      io.stderr(`\r${p.blobsDone}/${p.blobsTotal} blobs, ${mib(p.doneBytes)} / ${mib(p.totalBytes)}   `);
    }
  };
}

function report(io: AsyncCommandIO, format: string, result: PushResult, reference: string, quiet: boolean): void {
  if (format === 'json') {
    io.stdout(JSON.stringify({ reference, ...result }, null, 2) + '\n');
    return;
  }
  if (io.isTty && !quiet) io.stderr('\n');
  const b = result.blobs;
  io.stderr(`${b.uploaded} blob(s) uploaded (${mib(result.bytesUploaded)}), ${b.exists} already present, ${b.mounted} mounted; ${result.manifests} manifest(s)\n`);
  io.stdout(`${reference}@${result.digest}\n`);
}

/** Known failures become a message and exit code 1 (130 when cancelled); others propagate. */
export function failure(io: AsyncCommandIO, command: string, error: unknown): number {
  if (error instanceof TransferCancelledError) {
    io.stderr(`shipshape ${command}: cancelled — nothing was tagged\n`);
    return 130;
  }
  if (error instanceof RegistryError || error instanceof ImageSourceError || error instanceof PushError) {
    io.stderr(`shipshape ${command}: ${error.message}\n`);
    return 1;
  }
  throw error;
}

function registryOptions(options: Record<string, string | boolean>, io: AsyncCommandIO): RegistryCliOptions {
  return {
    ...(typeof options['ca-file'] === 'string' ? { caFile: resolve(io.cwd, options['ca-file']) } : {}),
    ...(options['insecure'] ? { insecure: true } : {}),
    ...(typeof options['config'] === 'string' ? { configFile: options['config'] } : {}),
    cwd: io.cwd,
    warn: (message) => io.stderr(`shipshape: warning: ${message}\n`),
  };
}

export async function runPush(argv: string[], io: AsyncCommandIO): Promise<number> {
  const repeated = takeRepeated(argv, 'mount-from');
  const { positionals, options } = parseArgs(repeated.rest, ['image', 'chunk-size', 'format', 'ca-file', 'config'], ['insecure', 'quiet', 'help', 'h']);
  if (options['help'] || options['h']) { io.stdout(PUSH_USAGE); return 0; }
  if (positionals.length !== 2) throw new UsageError('push needs a layout directory or archive and a destination reference (see --help)');
  const format = oneOf(options['format'], ['tty', 'json'] as const, 'format') ?? 'tty';
  const chunkSize = options['chunk-size'] === undefined ? undefined : Number(options['chunk-size']);
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize >= 1024)) throw new UsageError('--chunk-size must be a whole number of bytes, at least 1024');
  const target = resolveTarget(positionals[1]!, 'destination', registryOptions(options, io));
  if (target.reference.digest) throw new UsageError('the destination must be a tag reference (repository[:tag]), not a digest');
  const quiet = Boolean(options['quiet']);
  let source;
  try {
    source = await openImageSource(resolve(io.cwd, positionals[0]!));
  } catch (error) {
    return failure(io, 'push', error);
  }
  try {
    const image = selectImage(source, typeof options['image'] === 'string' ? options['image'] : undefined);
    const tag = target.reference.tag ?? 'latest';
    const result = await pushFromSource(target.client, target.reference.repository, tag, source, image, {
      mountFrom: repeated.values,
      ...(chunkSize ? { chunkSize } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: progressPrinter(io, quiet || format === 'json'),
    });
    report(io, format, result, formatReference({ registry: target.reference.registry, repository: target.reference.repository, tag }), quiet);
    return 0;
  } catch (error) {
    return failure(io, 'push', error);
  } finally {
    source.close();
  }
}

export async function runCopy(argv: string[], io: AsyncCommandIO): Promise<number> {
  const { positionals, options } = parseArgs(argv, ['format', 'ca-file', 'config'], ['insecure', 'quiet', 'help', 'h']);
  if (options['help'] || options['h']) { io.stdout(COPY_USAGE); return 0; }
  if (positionals.length !== 2) throw new UsageError('copy needs a source and a destination reference (see --help)');
  const format = oneOf(options['format'], ['tty', 'json'] as const, 'format') ?? 'tty';
  const access = registryOptions(options, io);
  const from = resolveTarget(positionals[0]!, 'source', access);
  const to = resolveTarget(positionals[1]!, 'destination', access);
  if (to.reference.digest) throw new UsageError('the destination must be a tag reference (repository[:tag]), not a digest');
  const quiet = Boolean(options['quiet']);
  const tag = to.reference.tag ?? from.reference.tag ?? 'latest';
  try {
    const result = await copyImage(
      { client: from.client, repository: from.reference.repository, reference: referenceSelector(from.reference) },
      { client: to.client, repository: to.reference.repository, reference: tag },
      { ...(io.signal ? { signal: io.signal } : {}), onProgress: progressPrinter(io, quiet || format === 'json') },
    );
    report(io, format, result, formatReference({ registry: to.reference.registry, repository: to.reference.repository, tag }), quiet);
    return 0;
  } catch (error) {
    return failure(io, 'copy', error);
  }
}
