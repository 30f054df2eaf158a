// Reads the headers of a tar stream as they arrive, skipping file contents: how stowage learns
// what a path holds through the engine's archive endpoint without unpacking anything. The same
// parser feeds the restore's rewriter (tar-rebase.ts), which also needs the contents.
import type { Readable } from 'node:stream';

export interface TarEntry {
  /** The path as UTF-8 text (bytes that are not UTF-8 become U+FFFD): for messages and comparisons of text. */
  path: string;
  /** The path's exact bytes, one character per byte (latin1): file names need not be UTF-8. */
  binaryPath: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  /** The header's type flag: '0' file, '5' directory, '2' symlink, '1' hard link, '6' fifo, … */
  typeFlag: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  /** A symlink's target, or the path a hard link names; '' for other entries. */
  linkPath: string;
  /** The same, byte for byte (latin1). */
  binaryLinkPath: string;
}

/** The bytes are not a (complete) tar archive. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

export const BLOCK = 512;
const EMPTY = Buffer.alloc(0);
/** Types whose size field does not count data that follows (Go's archive/tar does the same). */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);

/** A NUL-terminated field, one character per byte (latin1), so names that are not UTF-8 keep their bytes. */
function text(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? length : end).toString('latin1');
}

const utf8 = (binary: string) => Buffer.from(binary, 'latin1').toString('utf8');

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

function checksumMatches(header: Buffer): boolean {
  const recorded = number(header, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let index = 0; index < BLOCK; index++) {
    const byte = index >= 148 && index < 156 ? 0x20 : (header[index] as number);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return recorded === unsigned || recorded === signed;
}

function entryType(flag: string): TarEntry['type'] {
  if (flag === '0' || flag === '' || flag === '7') return 'file';
  if (flag === '5') return 'directory';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

/** PAX records ("%d key=value\n", the length in bytes), in order; values byte for byte (latin1). */
export function parsePaxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number.parseInt(data.subarray(offset, space).toString('ascii'), 10);
    if (!Number.isFinite(length) || length <= 0 || offset + length > data.length) throw new TarFormatError('a PAX header is malformed');
    const record = data.subarray(space + 1, offset + length - 1).toString('latin1');
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

export interface TarParserEvents {
  /** An entry's header (its ustar block, with PAX and GNU long names already folded into `entry`). */
  entry(entry: TarEntry, header: Buffer, pax: Map<string, string>): void;
  /** Content of the last entry, without padding; omit to skip contents cheaply. */
  data?(chunk: Buffer): void;
}

/**
 * A push parser: `write` each chunk, `end` at the end. Throws TarFormatError on a bad header
 * checksum (not a tar), and at `end` on an archive cut short.
 */
export class TarParser {
  private rest: Buffer = EMPTY;
  private skip = 0;
  private dataLeft = 0;
  private extension: { flag: string; size: number } | null = null;
  private pax = new Map<string, string>();
  private longName: string | null = null;
  private longLink: string | null = null;
  private zeros = 0;
  private offset = 0;
  ended = false;

  constructor(private readonly events: TarParserEvents) {}

  write(chunk: Buffer): void {
    if (this.ended) return;
    const input = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = EMPTY;
    let at = 0;
    while (at < input.length && !this.ended) {
      if (this.skip > 0) {
        const taken = Math.min(this.skip, input.length - at);
        if (this.dataLeft > 0) {
          const data = Math.min(taken, this.dataLeft);
          this.events.data?.(input.subarray(at, at + data));
          this.dataLeft -= data;
        }
        this.skip -= taken;
        at += taken;
        this.offset += taken;
        continue;
      }
      const needed = this.extension ? Math.ceil(this.extension.size / BLOCK) * BLOCK : BLOCK;
      if (input.length - at < needed) {
        this.rest = input.subarray(at);
        break;
      }
      const block = input.subarray(at, at + needed);
      at += needed;
      this.offset += needed;
      if (this.extension) {
        this.readExtension(this.extension.flag, block.subarray(0, this.extension.size));
        this.extension = null;
      } else {
        this.readHeader(block);
      }
    }
  }

  end(): void {
    if (this.ended) return;
    if (this.skip > 0 || this.rest.length || this.extension) {
      throw new TarFormatError(`the archive ends in the middle of an entry after ${this.offset + this.rest.length} bytes (it is truncated)`);
    }
    if (this.zeros === 0 && this.offset === 0) throw new TarFormatError('the archive is empty');
    // Two zero blocks end a tar; some writers stop after one.
    if (this.zeros === 0) throw new TarFormatError(`the archive has no end marker after ${this.offset} bytes (it is truncated)`);
    this.ended = true;
  }

  private readExtension(flag: string, data: Buffer): void {
    if (flag === 'x') for (const [key, value] of parsePaxRecords(data)) this.pax.set(key, value);
    else if (flag === 'L') this.longName = text(data, 0, data.length);
    else if (flag === 'K') this.longLink = text(data, 0, data.length);
    // 'g' (global PAX records) holds nothing stowage uses.
  }

  private readHeader(header: Buffer): void {
    if (header.every((byte) => byte === 0)) {
      if (++this.zeros === 2) this.ended = true;
      return;
    }
    if (this.zeros > 0) throw new TarFormatError(`the archive has data after its end marker at byte ${this.offset - BLOCK}`);
    if (!checksumMatches(header)) throw new TarFormatError(`this is not a tar archive (bad header at byte ${this.offset - BLOCK})`);
    const flag = String.fromCharCode(header[156] ?? 0).replace('\0', '');
    const size = number(header, 124, 12);
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      this.extension = { flag, size };
      if (size === 0) this.extension = null;
      return;
    }
    const ustar = header.subarray(257, 263).toString('latin1') === 'ustar\0';
    const prefix = ustar ? text(header, 345, 155) : '';
    const pax = this.pax;
    const name = pax.get('path') ?? this.longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    const linkPath = pax.get('linkpath') ?? this.longLink ?? text(header, 157, 100);
    const fullSize = pax.has('size') ? Number(pax.get('size')) : size;
    const dataSize = HEADER_ONLY.has(flag) ? 0 : fullSize;
    const type = entryType(flag);
    this.pax = new Map();
    this.longName = null;
    this.longLink = null;
    this.events.entry(
      {
        path: utf8(name.replace(/\/$/, '')),
        binaryPath: name.replace(/\/$/, ''),
        type,
        typeFlag: flag || '0',
        size: dataSize,
        mode: number(header, 100, 8),
        uid: pax.has('uid') ? Number(pax.get('uid')) : number(header, 108, 8),
        gid: pax.has('gid') ? Number(pax.get('gid')) : number(header, 116, 8),
        mtime: number(header, 136, 12),
        linkPath: type === 'symlink' || type === 'hardlink' ? utf8(linkPath) : '',
        binaryLinkPath: type === 'symlink' || type === 'hardlink' ? linkPath : '',
      },
      header,
      pax,
    );
    this.dataLeft = dataSize;
    this.skip = Math.ceil(dataSize / BLOCK) * BLOCK;
  }
}

/**
 * Yields each entry of a tar stream. Stop iterating to stop reading: the caller destroys the
 * stream, so a directory's owner can be learnt without streaming its contents. A stream that
 * ends short, or is no tar, throws TarFormatError.
 */
export async function* tarEntries(stream: Readable): AsyncGenerator<TarEntry> {
  let found: TarEntry[] = [];
  const parser = new TarParser({ entry: (entry) => void found.push(entry) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parser.write(chunk);
    if (found.length) {
      const ready = found;
      found = [];
      yield* ready;
    }
  }
  parser.end();
}
