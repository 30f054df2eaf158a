import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Snapshot } from '../model/types.js';
import { parseSnapshotText, readSnapshotFile } from './snapshot-file.js';

/** Set by the bundler: the text of demo/snapshot.json (a single executable has no file beside it). */
declare const STOWAGE_DEMO_SNAPSHOT: string | undefined;

/** The demo host shipped with stowage, found above this module (compiled sources). */
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
  if (typeof STOWAGE_DEMO_SNAPSHOT === 'string') return parseSnapshotText(STOWAGE_DEMO_SNAPSHOT, 'the demo host');
  return readSnapshotFile(demoSnapshotPath());
}
