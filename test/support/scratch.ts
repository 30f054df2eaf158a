// Folders a test run makes for itself, removed when the process that made them exits, however its
// tests ended. They stay under /tmp with short names: unix socket paths in them must stay short.
import { mkdtempSync, rmSync } from 'node:fs';

const made: string[] = [];
process.on('exit', () => {
  for (const folder of made) {
    try {
      rmSync(folder, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A mount point a failed test left mounted: its own cleanup says so.
    }
  }
});

/** A new empty folder `/tmp/<prefix>XXXXXX`, removed at this process's exit. */
export function scratchDir(prefix: string): string {
  const folder = mkdtempSync(`/tmp/${prefix}`);
  made.push(folder);
  return folder;
}
