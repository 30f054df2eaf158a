import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Bytes of a container's log files on this machine: the live file plus rotated ones
 * (`<name>.1`, `<name>.2.gz`, ...). null when they cannot be read (remote engine, no permission).
 */
export async function readLogBytes(logPath: string): Promise<number | null> {
  if (!logPath) return null;
  try {
    const live = await stat(logPath);
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
