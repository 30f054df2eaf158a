// Where a backup goes, checked before anything is stopped: the folder exists, is a folder, can be
// written, and has room. Write failures later (a full disk, a failing one) become one line.
import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import { StowageError, UsageError } from '../errors.js';
import { formatBytes } from '../model/format-bytes.js';

export async function checkDestination(directory: string, neededBytes: number | null): Promise<void> {
  const found = await stat(directory).catch((error: NodeJS.ErrnoException) => error);
  if (found instanceof Error) {
    if (found.code === 'ENOENT') throw new UsageError(`the --output folder ${directory} does not exist: create it (\`mkdir -p ${directory}\`) or choose another; nothing was stopped`);
    throw new UsageError(`cannot read the --output folder ${directory} (${found.code ?? found.message}): choose another; nothing was stopped`);
  }
  if (!found.isDirectory()) throw new UsageError(`--output ${directory} is not a folder: give the folder to write the backup in; nothing was stopped`);
  const writable = await access(directory, constants.W_OK | constants.X_OK).then(() => true, () => false);
  if (!writable) throw new UsageError(`cannot write to the --output folder ${directory} (permission denied): choose another or fix its permissions; nothing was stopped`);
  const room = await statfs(directory).catch(() => null);
  if (room && neededBytes !== null && room.bavail * room.bsize < neededBytes) {
    throw new StowageError(
      `${directory} has ${formatBytes(room.bavail * room.bsize)} free; the volume holds ${formatBytes(neededBytes)}: free space or choose another --output folder; nothing was stopped`,
    );
  }
}

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported an I/O error',
  EROFS: 'the file system is read-only',
  EFBIG: 'the file grew larger than the file system allows',
};

/** A failure to write the backup file as one line, or null when `error` is something else. */
export function writeFailure(error: unknown, directory: string, writtenBytes: number): StowageError | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const cause = WRITE_FAILURES[code];
  if (!cause) return null;
  return new StowageError(
    `could not write the backup to ${directory}: ${cause} (${code}) after ${formatBytes(writtenBytes)}; nothing was kept: free space or choose another --output folder`,
    1,
    error,
  );
}
