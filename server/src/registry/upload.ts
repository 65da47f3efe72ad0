// Streamed blob transfer on top of RegistryClient's request layer (auth, retries, redirects):
// uploads from any async byte source in bounded PATCH chunks (never the whole blob in memory),
// and reads a blob back in bounded ranges. Cancellation through AbortSignal between chunks;
// a cancelled upload session is deleted so nothing half-written is left to commit.
// (Owned by the push feature; the buffered `uploadBlob` in client.ts stays for small blobs.)
import { createHash } from 'node:crypto';
import { repositoryScope, type RegistryClient } from './client';
import { RegistryError } from './errors';
import type { TransportResponse } from './transport';

export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

export class TransferCancelledError extends Error {
  override readonly name = 'TransferCancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TransferCancelledError();
}

export interface StreamUploadOptions {
  /**
   * Upload in PATCH chunks of this size (bounded requests, e.g. for proxies with body limits).
   * Default: the whole blob streamed in one PATCH (needs `size`), like docker and skopeo do.
   */
  chunkSize?: number;
  /** Size of the blob in bytes: required for the single streamed PATCH. */
  size?: number;
  signal?: AbortSignal;
  /** Called after each chunk the registry accepted, with the bytes sent so far. */
  onBytes?: (sent: number) => void;
}

/** Re-cuts an async byte stream into chunks of exactly `size` bytes (the last may be shorter). */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of source) {
    let buf = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (buf.length > 0) {
      const take = Math.min(size - held, buf.length);
      parts.push(buf.subarray(0, take));
      held += take;
      buf = buf.subarray(take);
      if (held === size) {
        yield Buffer.concat(parts, held);
        parts = [];
        held = 0;
      }
    }
  }
  if (held > 0) yield Buffer.concat(parts, held);
}

function location(client: RegistryClient, res: TransportResponse, what: string): URL {
  const value = res.headers['location'];
  if (!value) throw new RegistryError('protocol', `${client.host} sent no upload location while ${what}`, client.host, res.status);
  return new URL(value, client.baseUrl);
}

/**
 * Uploads the blob `digest` from `source` (an opener: a streamed request may have to be sent
 * again after an auth challenge). Without `chunkSize` and with a known `size`: POST, one PATCH
 * streaming the whole blob (no copies, bounded memory), a closing PUT. With `chunkSize`: one
 * chunk → a single PUT; more → PATCH per chunk and a closing PUT. Either way the content is
 * hashed on the way and must match `digest` before the closing PUT commits it.
 */
export async function uploadBlobStream(client: RegistryClient, repository: string, digest: string, source: () => AsyncIterable<Uint8Array>, options: StreamUploadOptions = {}): Promise<void> {
  if (options.chunkSize === undefined && options.size !== undefined && options.size > 0) return uploadBlobStreamed(client, repository, digest, source, options.size, options);
  return uploadBlobChunked(client, repository, digest, source(), options);
}

/** Hashes and counts what flows through; remembers an error of the source itself. */
function observed(source: AsyncIterable<Uint8Array>, algorithm: string, signal: AbortSignal | undefined, onPiece: (length: number) => void) {
  const state = { hash: createHash(algorithm), bytes: 0, failure: undefined as unknown };
  async function* pieces(): AsyncGenerator<Uint8Array> {
    try {
      for await (const piece of source) {
        throwIfCancelled(signal);
        state.hash.update(piece);
        state.bytes += piece.byteLength;
        yield piece;
        onPiece(state.bytes);
      }
      throwIfCancelled(signal);
    } catch (error) {
      state.failure = error;
      throw error;
    }
  }
  return { state, pieces: pieces() };
}

async function uploadBlobStreamed(client: RegistryClient, repository: string, digest: string, open: () => AsyncIterable<Uint8Array>, size: number, options: StreamUploadOptions): Promise<void> {
  const scopes = [repositoryScope(repository, 'pull,push')];
  const what = `uploading blob ${digest.slice(0, 19)} to ${repository}`;
  const algorithm = digest.split(':')[0] === 'sha512' ? 'sha512' : 'sha256';
  throwIfCancelled(options.signal);
  const start = await client.request({ method: 'POST', path: `/v2/${repository}/blobs/uploads/`, scopes, what, ok: [202] });
  let url = location(client, start, what);
  let current: ReturnType<typeof observed> | undefined;
  let lastReported = 0;
  const report = (sent: number): void => {
    // Progress about every MiB is plenty for a progress bar.
    if (sent - lastReported >= 1 << 20 || sent === size) { lastReported = sent; options.onBytes?.(sent); }
  };
  try {
    let res: TransportResponse;
    try {
      res = await client.request({
        method: 'PATCH', path: url, scopes, what, ok: [202],
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(size), 'content-range': `0-${size - 1}` },
        bodyStream: () => {
          lastReported = 0;
          current = observed(open(), algorithm, options.signal, report);
          return current.pieces;
        },
      });
    } catch (error) {
      // The source's own failure (cancel, read error) says more than the broken request.
      throw current?.state.failure ?? error;
    }
    url = location(client, res, what);
    const state = current!.state;
    if (state.bytes !== size) throw new RegistryError('protocol', `local content of blob ${digest} has ${state.bytes} bytes, the manifest says ${size}: the source is corrupt`, client.host);
    const actual = `${algorithm}:${state.hash.digest('hex')}`;
    if (actual !== digest) throw new RegistryError('protocol', `local content of blob ${digest} hashes to ${actual}: the source is corrupt`, client.host);
    throwIfCancelled(options.signal);
    const finish = new URL(url);
    finish.searchParams.set('digest', digest);
    await client.request({ method: 'PUT', path: finish, scopes, what, ok: [201, 204], headers: { 'content-type': 'application/octet-stream', 'content-length': '0' } });
  } catch (error) {
    await client.request({ method: 'DELETE', path: url, scopes, what: `cancelling the upload of ${digest.slice(0, 19)}`, ok: [] }).catch(() => undefined);
    throw error;
  }
}

async function uploadBlobChunked(client: RegistryClient, repository: string, digest: string, source: AsyncIterable<Uint8Array>, options: StreamUploadOptions): Promise<void> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const scopes = [repositoryScope(repository, 'pull,push')];
  const what = `uploading blob ${digest.slice(0, 19)} to ${repository}`;
  throwIfCancelled(options.signal);
  const start = await client.request({ method: 'POST', path: `/v2/${repository}/blobs/uploads/`, scopes, what, ok: [202] });
  let url = location(client, start, what);
  const hash = createHash(digest.split(':')[0] === 'sha512' ? 'sha512' : 'sha256');
  let sent = 0;
  let pending: Buffer | undefined; // held back so the last chunk can ride on the closing PUT
  const abandon = async (): Promise<void> => {
    await client.request({ method: 'DELETE', path: url, scopes, what: `cancelling the upload of ${digest.slice(0, 19)}`, ok: [] }).catch(() => undefined);
  };
  try {
    for await (const chunk of rechunk(source, chunkSize)) {
      throwIfCancelled(options.signal);
      hash.update(chunk);
      if (pending) {
        const res = await client.request({
          method: 'PATCH', path: url, scopes, what, ok: [202],
          headers: { 'content-type': 'application/octet-stream', 'content-range': `${sent}-${sent + pending.length - 1}` }, body: pending,
        });
        url = location(client, res, what);
        sent += pending.length;
        options.onBytes?.(sent);
      }
      pending = chunk;
    }
    throwIfCancelled(options.signal);
    const actual = `${digest.split(':')[0]}:${hash.digest('hex')}`;
    if (actual !== digest) throw new RegistryError('protocol', `local content of blob ${digest} hashes to ${actual}: the source is corrupt`, client.host);
    const finish = new URL(url);
    finish.searchParams.set('digest', digest);
    await client.request({
      method: 'PUT', path: finish, scopes, what, ok: [201, 204],
      headers: { 'content-type': 'application/octet-stream' }, body: pending ?? Buffer.alloc(0),
    });
    sent += pending?.length ?? 0;
    options.onBytes?.(sent);
  } catch (error) {
    await abandon();
    throw error;
  }
}

/**
 * Reads a blob in ranges of `chunkSize` (bounded memory). Registries that ignore `Range` answer
 * 200 with the whole blob; that is passed through as one piece.
 */
export async function* readBlobRanges(client: RegistryClient, repository: string, digest: string, size: number, chunkSize = DEFAULT_CHUNK_SIZE, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const scopes = [repositoryScope(repository)];
  const what = `downloading blob ${digest.slice(0, 19)} of ${repository}`;
  if (size === 0) return;
  for (let offset = 0; offset < size;) {
    throwIfCancelled(signal);
    const end = Math.min(size, offset + chunkSize) - 1;
    const res = await client.request({ path: `/v2/${repository}/blobs/${digest}`, scopes, what, headers: { range: `bytes=${offset}-${end}` }, ok: [200, 206] });
    if (res.status === 200) {
      yield offset === 0 ? res.body : res.body.subarray(offset);
      return;
    }
    if (res.body.length === 0) throw new RegistryError('protocol', `${client.host} sent an empty range while ${what}`, client.host, res.status);
    yield res.body;
    offset += res.body.length;
  }
}
