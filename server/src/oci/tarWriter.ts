// A minimal POSIX ustar writer (regular files, directories, symlinks) used to produce layers and
// image archives in plain Node. Names longer than 100 bytes use the ustar prefix field.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface TarFile {
  name: string;
  data?: Buffer;
  /** Stream this file from disk instead of `data` (size required). */
  sourcePath?: string;
  size?: number;
  type?: 'file' | 'dir' | 'symlink';
  linkTarget?: string;
  mode?: number;
}

const MTIME = 1700000000;

function splitName(name: string): { name: string; prefix: string } {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: '' };
  const cut = name.lastIndexOf('/', 155);
  if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`tar entry name too long: ${name}`);
  return { name: name.slice(cut + 1), prefix: name.slice(0, cut) };
}

export function tarHeader(entry: TarFile, size: number): Buffer {
  const h = Buffer.alloc(512, 0);
  const put = (text: string, offset: number, length: number): void => { h.write(text, offset, Math.min(length, Buffer.byteLength(text)), 'utf8'); };
  const oct = (value: number, length: number): string => value.toString(8).padStart(length - 1, '0') + '\0';
  const type = entry.type ?? 'file';
  const { name, prefix } = splitName(type === 'dir' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name);
  put(name, 0, 100);
  put(oct(entry.mode ?? (type === 'dir' ? 0o755 : 0o644), 8), 100, 8);
  put(oct(0, 8), 108, 8); put(oct(0, 8), 116, 8);
  put(oct(type === 'file' ? size : 0, 12), 124, 12);
  put(oct(MTIME, 12), 136, 12);
  put('        ', 148, 8);
  put(type === 'dir' ? '5' : type === 'symlink' ? '2' : '0', 156, 1);
  if (entry.linkTarget) put(entry.linkTarget, 157, 100);
  put('ustar\0', 257, 6); put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

const padding = (size: number): Buffer => Buffer.alloc((512 - (size % 512)) % 512);

/** A whole tar in memory (small layers for tests and examples). */
export function tarBuffer(entries: TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.type === 'file' || e.type === undefined ? e.data ?? Buffer.alloc(0) : Buffer.alloc(0);
    parts.push(tarHeader(e, data.length), data, padding(data.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** Writes a tar to `file`, streaming entries that have a `sourcePath`. */
export async function writeTarFile(file: string, entries: TarFile[]): Promise<void> {
  const out = createWriteStream(file);
  const write = async (chunk: Buffer): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  for (const e of entries) {
    const size = e.sourcePath ? e.size ?? 0 : e.data?.length ?? 0;
    await write(tarHeader(e, size));
    if (e.sourcePath) for await (const chunk of createReadStream(e.sourcePath)) await write(chunk as Buffer);
    else if (e.data) await write(e.data);
    await write(padding(size));
  }
  await write(Buffer.alloc(1024));
  out.end();
  await once(out, 'finish');
}
