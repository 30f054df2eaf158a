// The npm command's code cache, as its tests see it: the cache files in a folder, whether one is
// whole, and the explorer opened on the demo long enough for the cache to be written.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from './run-cli.js';
import { TmuxTerminal } from './tmux.js';
import { waitFor } from './wait.js';

export const cacheFiles = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.v8cache')) : []);

/** Whether `file` is a cache file whose digest matches its data. */
export function intactCache(file: string): boolean {
  if (!existsSync(file)) return false;
  const bytes = readFileSync(file);
  return bytes.length > 32 && createHash('sha256').update(bytes.subarray(32)).digest().equals(bytes.subarray(0, 32));
}

/**
 * Opens the demo in the explorer (`command` in a shell, in tmux, with `env`), waits for `until`,
 * quits and waits for it to exit normally.
 */
export async function exploreDemo(env: Record<string, string>, until: () => boolean, command = `node ${CLI} --demo`): Promise<void> {
  const terminal = new TmuxTerminal(120, 40, env);
  try {
    terminal.run(`${command}; echo "EXIT=$?"`);
    await terminal.waitForText('app-user', 20_000);
    await waitFor('the code cache', until, 20_000);
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  } finally {
    terminal.kill();
  }
}
