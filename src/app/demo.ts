import { fileURLToPath } from 'node:url';
import type { Snapshot } from '../model/types.js';
import { readSnapshotFile } from './snapshot-file.js';

/** The demo host shipped with stowage: captured from a real engine holding the classic storage mistakes. */
export const DEMO_SNAPSHOT_PATH = fileURLToPath(new URL('../../../demo/snapshot.json', import.meta.url));

export function loadDemoSnapshot(): Snapshot {
  return readSnapshotFile(DEMO_SNAPSHOT_PATH);
}
