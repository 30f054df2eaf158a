// Moves every entry of a tar stream under a folder, so the engine can extract it one level up.
// The daemon refuses a relative symlink whose target, joined to the link's folder, leaves the
// extraction directory (moby pkg/archive createTarFile: "invalid symlink"); a volume's own data
// often has such links (`a/link -> ../../../etc/passwd`). Extracting at the helper's `/` with
// names under `volume/` keeps every such join inside `/`, so the links restore as they were.
// Each entry gets a PAX header with `path` (and `linkpath` for links; a hard link's target is
// resolved against the extraction directory, so it moves too), merged with the entry's own PAX
// records; GNU long-name entries are folded in. Contents and padding pass through unchanged.
import { Transform } from 'node:stream';
import { BLOCK, type TarEntry, TarParser } from './tar-headers.js';

/** A PAX record; `value` byte for byte (latin1), as the parser gives it. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = Buffer.byteLength(body, 'latin1');
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length = String(length).length + bodyBytes;
  return Buffer.from(`${length}${body}`, 'latin1');
}

function octal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

/** A ustar header of a PAX extended-header entry holding `size` bytes of records. */
function paxHeader(size: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write('PaxHeader', 0, 100, 'ascii');
  octal(header, 100, 8, 0o644);
  octal(header, 108, 8, 0);
  octal(header, 116, 8, 0);
  octal(header, 124, 12, size);
  octal(header, 136, 12, 0);
  header.write('x', 156, 1, 'ascii');
  header.write('ustar\0', 257, 6, 'latin1');
  header.write('00', 263, 2, 'ascii');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

/** `./a/b` → `a/b`; the root (`.`, `./`) → ''. */
export function relativeName(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/^\.$/, '');
}

export interface RebaseOptions {
  /** The folder every entry moves under, without slashes: `volume`. */
  folder: string;
  /** Each entry as it passes, with its path relative to the archive's root. */
  onEntry?: (entry: TarEntry) => void;
}

export function rebaseTar(options: RebaseOptions): Transform {
  let padding = 0;
  let dataLeft = 0;
  const under = (name: string) => (name ? `${options.folder}/${name}` : options.folder);
  let stream: Transform;
  const parser = new TarParser({
    entry(entry, header, pax) {
      const name = relativeName(entry.binaryPath);
      options.onEntry?.({ ...entry, path: relativeName(entry.path), binaryPath: name });
      const records: Buffer[] = [];
      for (const [key, value] of pax) if (key !== 'path' && key !== 'linkpath') records.push(paxRecord(key, value));
      records.push(paxRecord('path', `${under(name)}${entry.type === 'directory' ? '/' : ''}`));
      if (entry.type === 'hardlink') records.push(paxRecord('linkpath', under(relativeName(entry.binaryLinkPath))));
      else if (entry.type === 'symlink') records.push(paxRecord('linkpath', entry.binaryLinkPath));
      const body = Buffer.concat(records);
      const bodyPadding = (BLOCK - (body.length % BLOCK)) % BLOCK;
      stream.push(Buffer.concat([paxHeader(body.length), body, Buffer.alloc(bodyPadding), header]));
      dataLeft = entry.size;
      padding = (BLOCK - (entry.size % BLOCK)) % BLOCK;
    },
    data(chunk) {
      stream.push(chunk);
      dataLeft -= chunk.length;
      if (dataLeft === 0 && padding) stream.push(Buffer.alloc(padding));
    },
  });
  stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        parser.write(chunk);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        parser.end();
        callback(null, Buffer.alloc(2 * BLOCK));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  return stream;
}
