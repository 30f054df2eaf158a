// The one way stowage opens a file it did not write: a context, the docker CLI's config, TLS
// material, a snapshot, a backup with its .sha256 and manifest. Such a file may be a FIFO (an open
// that blocks, a read that never ends), a link to /dev/zero (a read that never ends), or far
// larger than its kind can be. It is opened without blocking and without a controlling terminal,
// checked through the descriptor it is read from, and read within a bound; anything else is one
// line naming the file and the reason, reached in bounded time and memory.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { StowageError } from './errors.js';

/** A kind of file, by what it is called in a message, and the most bytes one can hold. */
export interface FileKind {
  name: string;
  maxBytes: number;
}

/** Each bound is far above any real file of its kind, so a file over it is not one. */
export const FILE_KINDS = {
  /** A name, an endpoint and a description. */
  contextMeta: { name: "context's meta.json", maxBytes: 1 << 20 },
  /** It may hold credentials of many registries. */
  dockerConfig: { name: 'docker CLI config', maxBytes: 8 << 20 },
  tls: { name: 'PEM file', maxBytes: 1 << 20 },
  /** One digest and a file name. */
  digest: { name: '.sha256 file', maxBytes: 64 << 10 },
  manifest: { name: 'backup manifest', maxBytes: 4 << 20 },
  /** A 10,000-container host's is some tens of megabytes. */
  snapshot: { name: 'snapshot', maxBytes: 512 << 20 },
  backup: { name: 'backup', maxBytes: Number.MAX_SAFE_INTEGER },
} as const satisfies Record<string, FileKind>;

/** A file from outside that cannot be read as one of its kind; `reason` finishes "PATH …". */
export class OutsideFileError extends StowageError {
  constructor(
    readonly path: string,
    readonly reason: string,
    /** The errno code when opening it failed (ENOENT for a missing file), else null. */
    readonly code: string | null,
  ) {
    super(`${path} ${reason}`, 2);
    this.name = 'OutsideFileError';
  }
}

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function openFailure(path: string, error: NodeJS.ErrnoException): OutsideFileError {
  const code = error.code ?? 'EIO';
  const reason =
    code === 'ENOENT' ? 'is missing'
    : code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied'
    : code === 'ENOTDIR' ? 'is missing (a folder on its path is a file)'
    : code === 'ELOOP' ? 'cannot be read: too many levels of symbolic links'
    : `cannot be read (${code})`;
  return new OutsideFileError(path, reason, code);
}

/** Refuses what is not a regular file within the bound of its kind. */
function check(path: string, stats: Stats, kind: FileKind): void {
  if (!stats.isFile()) throw new OutsideFileError(path, `is ${kindOf(stats)}, not a regular file`, null);
  if (stats.size > kind.maxBytes) throw new OutsideFileError(path, `holds ${stats.size} bytes, more than any ${kind.name} (${kind.maxBytes})`, null);
}

/** The whole of a regular file within the bound of its kind. */
export function readOutsideFile(path: string, kind: FileKind): Buffer {
  const limit = kind.maxBytes;
  let descriptor: number;
  try {
    descriptor = openSync(path, FLAGS);
  } catch (error) {
    throw openFailure(path, error as NodeJS.ErrnoException);
  }
  try {
    check(path, fstatSync(descriptor), kind);
    // Read to the end rather than to the size stat gave: a file still being written may grow.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const read = readSync(descriptor, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit) throw new OutsideFileError(path, `grows past ${limit} bytes as it is read`, null);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof OutsideFileError) throw error;
    throw new OutsideFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, null);
  } finally {
    closeSync(descriptor);
  }
}

/** As `readOutsideFile`, decoded as UTF-8. */
export const readOutsideText = (path: string, kind: FileKind): string => readOutsideFile(path, kind).toString('utf8');

/** As `readOutsideText`, or null when the file is not there at all (any other failure throws). */
export function readOutsideTextIfPresent(path: string, kind: FileKind): string | null {
  try {
    return readOutsideText(path, kind);
  } catch (error) {
    if (error instanceof OutsideFileError && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return null;
    throw error;
  }
}

/**
 * A regular file opened for reading as a stream (a backup), of any size: the caller reads it
 * through the handle, whose stats are the ones checked.
 */
export async function openOutsideFile(path: string, kind: FileKind): Promise<{ handle: FileHandle; stats: Stats }> {
  const handle = await open(path, FLAGS).catch((error: NodeJS.ErrnoException) => {
    throw openFailure(path, error);
  });
  try {
    const stats = await handle.stat();
    check(path, stats, kind);
    return { handle, stats };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
