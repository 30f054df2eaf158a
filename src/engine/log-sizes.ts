import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Bytes of a container's log files on this machine: the live file plus rotated ones
 * (`<name>.1`, `<name>.2.gz`, ...); 0 when there is no file yet. null when they cannot be read
 * (remote engine, no permission).
 */
export async function readLogBytes(logPath: string): Promise<number | null> {
  if (!logPath) return null;
  try {
    // No file yet: nothing was logged (Podman names the file when the container is created).
    const live = await stat(logPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!live) return 0;
    const directory = dirname(logPath);
    const name = basename(logPath);
    let total = live.size;
    for (const entry of await readdir(directory)) {
      if (entry.startsWith(`${name}.`)) total += (await stat(join(directory, entry))).size;
    }
    return total;
  } catch {
    return null;
  }
}
