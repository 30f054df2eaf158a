// A container's log file, found for emptying without following a link anywhere on its path. Node
// has no openat: each folder is opened with O_NOFOLLOW inside the one before through
// /proc/self/fd/<folder>/<name>, which the kernel resolves from that opened folder, not by path.
import { type BigIntStats, constants } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';

/** Linux's O_PATH (Node has no constant for it): the file is opened for its inode alone, so a FIFO or device is never opened for real. */
const O_PATH = 0o10000000;
const FOLDER = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** Which file it is: what was sized and shown must be what is emptied. */
export interface LogFileIdentity {
  device: bigint;
  inode: bigint;
}

export interface LogFileFacts extends LogFileIdentity {
  sizeBytes: number;
}

/** A reason the log is not emptied, in words for "cannot truncate the log of NAME: …". */
export class LogFileRefusal extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'LogFileRefusal';
  }
}

const isPlainAbsolute = (path: string) => path.startsWith('/') && path.split('/').slice(1).every((part) => part !== '' && part !== '.' && part !== '..');

/** Why `path` is not a file in the folder `containers/<id>/` of container `id`, or null; from the text alone. */
export function placeRefusal(path: string, containers: string, id: string): string | null {
  if (!isPlainAbsolute(containers)) return `the engine's containers folder ${containers} is not a plain absolute path`;
  if (!isPlainAbsolute(path)) return `its log path ${path} is not a plain absolute path`;
  const own = `${containers}/${id}/`;
  if (!/^[0-9a-f]{12,}$/.test(id) || !path.startsWith(own)) return `its log path ${path} is outside the engine's own folder for it (${own})`;
  return null;
}

/** The reason an open of `reached` failed, as said to the user. */
async function openFailure(reached: string, at: string, error: NodeJS.ErrnoException): Promise<LogFileRefusal> {
  if (error.code === 'ELOOP' || error.code === 'ENOTDIR') {
    const kind = await lstat(at).then((stats) => (stats.isSymbolicLink() ? 'a symbolic link' : 'not a folder'), () => 'not a folder');
    return new LogFileRefusal(`${reached} is ${kind}`);
  }
  if (error.code === 'ENOENT') {
    const procMounted = await lstat(at.slice(0, at.lastIndexOf('/'))).then(() => true, () => false);
    return new LogFileRefusal(procMounted ? `${reached} does not exist` : 'stowage needs /proc to reach the log without following a link, and /proc is not mounted');
  }
  if (error.code === 'EACCES' || error.code === 'EPERM') return new LogFileRefusal(`permission denied on ${reached}: run stowage as root (sudo)`);
  return new LogFileRefusal(`cannot open ${reached}: ${error.code ?? error.message}`);
}

/**
 * Opens `path` (checked by placeRefusal first) as an O_PATH handle, walking from / with O_NOFOLLOW
 * at every step, and checks it is a regular file with one name and, when `expected` is given, that
 * very file. Throws a LogFileRefusal otherwise.
 */
async function openLog(path: string, expected: LogFileIdentity | null): Promise<{ handle: FileHandle; stats: BigIntStats }> {
  const parts = path.split('/').slice(1);
  let current = await open('/', FOLDER);
  let reached = '';
  try {
    for (const [index, part] of parts.entries()) {
      reached += `/${part}`;
      const at = `/proc/self/fd/${current.fd}/${part}`;
      const last = index === parts.length - 1;
      const next = await open(at, last ? O_PATH | constants.O_NOFOLLOW : FOLDER).catch(async (error: NodeJS.ErrnoException) => {
        throw await openFailure(reached, at, error);
      });
      await current.close();
      current = next;
    }
    const stats = await current.stat({ bigint: true });
    if (stats.isSymbolicLink()) throw new LogFileRefusal(`${path} is a symbolic link`);
    if (!stats.isFile()) throw new LogFileRefusal(`${path} is not a regular file`);
    // Another name for the same bytes: emptying the log would empty that file too.
    if (stats.nlink !== 1n) throw new LogFileRefusal(`${path} has ${stats.nlink} names (hard links): another file shares its bytes`);
    if (expected && (stats.dev !== expected.device || stats.ino !== expected.inode)) {
      throw new LogFileRefusal(`${path} is not the file that was shown: it was replaced since`);
    }
    return { handle: current, stats };
  } catch (error) {
    await current.close();
    throw error;
  }
}

/** The log's identity and size, for the confirmation to show. */
export async function readLogFile(path: string): Promise<LogFileFacts> {
  const { handle, stats } = await openLog(path, null);
  await handle.close();
  return { device: stats.dev, inode: stats.ino, sizeBytes: Number(stats.size) };
}

/** Empties the log at `path` if it is still the file `expected` names; resolves with the bytes it held. */
export async function emptyLogFile(path: string, expected: LogFileIdentity): Promise<number> {
  const { handle } = await openLog(path, expected);
  try {
    // Opened again through the checked handle: the same inode, whatever the path names by now.
    const reopened = `/proc/self/fd/${handle.fd}`;
    const writable = await open(reopened, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOCTTY).catch(async (error: NodeJS.ErrnoException) => {
      throw await openFailure(path, reopened, error);
    });
    try {
      const stats = await writable.stat({ bigint: true });
      if (stats.dev !== expected.device || stats.ino !== expected.inode) throw new LogFileRefusal(`${path} is not the file that was shown: it was replaced since`);
      await writable.truncate(0);
      return Number(stats.size);
    } finally {
      await writable.close();
    }
  } finally {
    await handle.close();
  }
}
