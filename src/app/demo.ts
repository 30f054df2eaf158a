import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Snapshot } from '../model/types.js';
import { readSnapshotFile } from './snapshot-file.js';

/** The demo host shipped with stowage, found above this module (bundled or compiled alike). */
function demoSnapshotPath(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'demo', 'snapshot.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return candidate;
    directory = parent;
  }
}

/** The demo host: captured from a real engine holding the classic storage mistakes. */
export function loadDemoSnapshot(): Snapshot {
  return readSnapshotFile(demoSnapshotPath());
}
