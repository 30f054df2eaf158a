// Reads the headers of a tar stream as they arrive, skipping file contents: how stowage learns
// what a path holds through the engine's archive endpoint without unpacking anything.
import type { Readable } from 'node:stream';

export interface TarEntry {
  /** The path as UTF-8 text (bytes that are not UTF-8 become U+FFFD). */
  path: string;
  /** The path's exact bytes, one character per byte (latin1): file names need not be UTF-8. */
  binaryPath: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

const BLOCK = 512;

function text(block: Buffer, offset: number, length: number, encoding: BufferEncoding = 'utf8'): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? length : end).toString(encoding);
}

function number(block: Buffer, offset: number, length: number): number {
  // Base-256 for values too big for octal (GNU), else octal text.
  if ((block[offset] ?? 0) & 0x80) {
    let value = 0;
    for (let index = offset + 1; index < offset + length; index++) value = value * 256 + (block[index] ?? 0);
    return value;
  }
  const digits = text(block, offset, length).trim();
  return digits ? Number.parseInt(digits, 8) : 0;
}

function entryType(flag: string): TarEntry['type'] {
  if (flag === '0' || flag === '' || flag === '7') return 'file';
  if (flag === '5') return 'directory';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

/** The path record of PAX extended headers (`length key=value\n`, the length in bytes), as latin1. */
function paxPath(records: string): string | null {
  let path: string | null = null;
  let at = 0;
  while (at < records.length) {
    const space = records.indexOf(' ', at);
    const length = Number.parseInt(records.slice(at, space), 10);
    if (space < 0 || !(length > 0)) break;
    const record = records.slice(space + 1, at + length - 1);
    if (record.startsWith('path=')) path = record.slice(5);
    at += length;
  }
  return path;
}

/**
 * Yields each entry of a tar stream. Stop iterating to stop reading: the caller destroys the
 * stream, so a directory's owner can be learnt without streaming its contents.
 */
export async function* tarEntries(stream: Readable): AsyncGenerator<TarEntry> {
  let buffered: Buffer = Buffer.alloc(0);
  let skip = 0;
  let longName: string | null = null;
  let pendingData: { kind: 'L' | 'x'; size: number } | null = null;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    for (;;) {
      if (skip > 0) {
        const dropped = Math.min(skip, buffered.length);
        buffered = buffered.subarray(dropped);
        skip -= dropped;
        if (skip > 0) break;
      }
      if (pendingData) {
        const padded = Math.ceil(pendingData.size / BLOCK) * BLOCK;
        if (buffered.length < padded) break;
        // Latin1: one character per byte, so a name that is not UTF-8 keeps its bytes.
        const data = buffered.subarray(0, pendingData.size).toString('latin1');
        longName = pendingData.kind === 'L' ? data.replace(/\0.*$/s, '') : (paxPath(data) ?? longName);
        buffered = buffered.subarray(padded);
        pendingData = null;
        continue;
      }
      if (buffered.length < BLOCK) break;
      const header = buffered.subarray(0, BLOCK);
      buffered = buffered.subarray(BLOCK);
      if (header.every((byte) => byte === 0)) continue;
      const flag = String.fromCharCode(header[156] ?? 0).replace('\0', '');
      const size = number(header, 124, 12);
      if (flag === 'L' || flag === 'x') {
        pendingData = { kind: flag, size };
        continue;
      }
      if (flag === 'g') {
        skip = Math.ceil(size / BLOCK) * BLOCK;
        continue;
      }
      const prefix = text(header, 345, 155, 'latin1');
      const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100, 'latin1')}` : text(header, 0, 100, 'latin1'));
      longName = null;
      const type = entryType(flag);
      const binaryPath = name.replace(/\/$/, '');
      yield {
        path: Buffer.from(binaryPath, 'latin1').toString('utf8'),
        binaryPath,
        type,
        size: type === 'file' ? size : 0,
        mode: number(header, 100, 8),
        uid: number(header, 108, 8),
        gid: number(header, 116, 8),
        mtime: number(header, 136, 12),
      };
      skip = type === 'file' ? Math.ceil(size / BLOCK) * BLOCK : 0;
    }
  }
}
