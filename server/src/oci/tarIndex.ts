// Random-access reading of a tar file without loading it: one pass over the 512-byte headers
// (data is skipped by offset, never read) gives each entry's offset and size; entries are then
// streamed with `createReadStream({start,end})`. Handles ustar, GNU long names (`L`), PAX
// headers (`x`, `path=`/`size=`), and symlinks/hardlinks (older `docker save` links duplicate
// layers). Gzip-compressed archives are first inflated to a temporary file (streamed).
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export class ArchiveError extends Error {}

export interface TarEntry {
  name: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Byte offset of the data in the tar file. */
  offset: number;
  size: number;
  linkTarget?: string;
}

export interface TarIndex {
  file: string;
  entries: Map<string, TarEntry>;
  /** Resolves links; undefined when there is no such regular file. */
  find(name: string): TarEntry | undefined;
  read(name: string, maxBytes?: number): Promise<Buffer>;
  stream(name: string): Readable;
  /** Removes the temporary inflated copy, if any. */
  close(): void;
}

const BLOCK = 512;

/** Strips `./` and leading `/` so names compare the way archive writers meant them. */
export function normaliseEntryName(name: string): string {
  let n = posix.normalize(name.replace(/\\/g, '/'));
  n = n.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return n === '.' ? '' : n;
}

function cString(buf: Buffer, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? slice.length : nul).toString('utf8');
}

function octal(buf: Buffer, start: number, length: number): number {
  if (buf[start]! & 0x80) { // GNU base-256 for sizes ≥ 8 GiB
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + buf[i]!;
    return value;
  }
  const text = cString(buf, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new ArchiveError(`corrupt tar header (size field "${text}")`);
  return parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = octal(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === stored;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = parseInt(data.subarray(pos, space).toString(), 10);
    if (!(len > 0)) break;
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  return buf.subarray(0, bytesRead);
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = await readAt(fh, 0, 2);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

async function scan(file: string): Promise<Map<string, TarEntry>> {
  const entries = new Map<string, TarEntry>();
  const fh = await open(file, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    let offset = 0;
    let longName: string | undefined;
    let pax: Record<string, string> = {};
    while (offset + BLOCK <= fileSize) {
      const header = await readAt(fh, offset, BLOCK);
      if (header.length < BLOCK) throw new ArchiveError('truncated tar archive');
      if (header.every((b) => b === 0)) break; // end-of-archive marker
      if (!checksumOk(header)) throw new ArchiveError(`not a tar archive (bad header checksum at byte ${offset})`);
      const typeFlag = String.fromCharCode(header[156]!) || '0';
      let size = octal(header, 124, 12);
      if (pax['size'] !== undefined) size = Number(pax['size']);
      const dataOffset = offset + BLOCK;
      if (dataOffset + size > fileSize) throw new ArchiveError('truncated tar archive (entry runs past the end of the file)');
      const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
      if (typeFlag === 'L' || typeFlag === 'x' || typeFlag === 'g' || typeFlag === 'K') {
        const data = await readAt(fh, dataOffset, size);
        if (typeFlag === 'L') longName = cString(data, 0, data.length);
        else if (typeFlag === 'x') pax = parsePax(data);
        offset = next;
        continue;
      }
      const prefix = cString(header, 345, 155);
      const magic = cString(header, 257, 6);
      const shortName = cString(header, 0, 100);
      const rawName = pax['path'] ?? longName ?? (magic.startsWith('ustar') && prefix ? `${prefix}/${shortName}` : shortName);
      const linkTarget = pax['linkpath'] ?? cString(header, 157, 100);
      const type: TarEntry['type'] = typeFlag === '0' || typeFlag === '\0' || typeFlag === '7' ? 'file'
        : typeFlag === '5' ? 'dir' : typeFlag === '2' ? 'symlink' : typeFlag === '1' ? 'hardlink' : 'other';
      const name = normaliseEntryName(rawName);
      entries.set(name, { name, type, offset: dataOffset, size: type === 'file' ? size : 0, ...(type === 'symlink' || type === 'hardlink' ? { linkTarget } : {}) });
      longName = undefined;
      pax = {};
      offset = next;
    }
  } finally {
    await fh.close();
  }
  return entries;
}

/** Indexes `file` (a tar, or a gzip'd tar). */
export async function openTar(file: string): Promise<TarIndex> {
  let path = file;
  let tempDir: string | undefined;
  if (await isGzip(file)) {
    tempDir = mkdtempSync(join(tmpdir(), 'shipshape-tar-'));
    path = join(tempDir, 'archive.tar');
    try {
      await pipeline(createReadStream(file), createGunzip(), createWriteStream(path));
    } catch (error) {
      rmSync(tempDir, { recursive: true, force: true });
      throw new ArchiveError(`cannot inflate ${file}: ${(error as Error).message}`);
    }
  }
  let entries: Map<string, TarEntry>;
  try {
    entries = await scan(path);
  } catch (error) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  const find = (name: string): TarEntry | undefined => {
    let current = normaliseEntryName(name);
    for (let hops = 0; hops < 16; hops++) {
      const entry = entries.get(current);
      if (!entry) return undefined;
      if (entry.type === 'file') return entry;
      if (entry.type === 'symlink') current = normaliseEntryName(posix.join(posix.dirname(current), entry.linkTarget ?? ''));
      else if (entry.type === 'hardlink') current = normaliseEntryName(entry.linkTarget ?? '');
      else return undefined;
    }
    return undefined;
  };
  const mustFind = (name: string): TarEntry => {
    const entry = find(name);
    if (!entry) throw new ArchiveError(`${file} has no file "${name}"`);
    return entry;
  };
  return {
    file,
    entries,
    find,
    async read(name, maxBytes = 64 * 1024 * 1024) {
      const entry = mustFind(name);
      if (entry.size > maxBytes) throw new ArchiveError(`"${name}" in ${file} is larger than ${maxBytes} bytes`);
      const fh = await open(path, 'r');
      try {
        return await readAt(fh, entry.offset, entry.size);
      } finally {
        await fh.close();
      }
    },
    stream(name) {
      const entry = mustFind(name);
      // createReadStream cannot express an empty range (end < start reads to the end of the file).
      return entry.size === 0 ? Readable.from([]) : createReadStream(path, { start: entry.offset, end: entry.offset + entry.size - 1, highWaterMark: 1 << 20 });
    },
    close() {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
