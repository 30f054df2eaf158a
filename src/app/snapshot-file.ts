import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../model/types.js';

/** Reads a snapshot saved with `stowage --json`; anything else is a one-line error. */
export function readSnapshotFile(path: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}; save one with \`stowage --json > ${path}\``);
  }
  let snapshot: Partial<Snapshot>;
  try {
    snapshot = JSON.parse(text) as Partial<Snapshot>;
  } catch {
    throw new UsageError(`${path} is not JSON; save a snapshot with \`stowage --json > FILE\``);
  }
  if (snapshot?.schemaVersion !== SNAPSHOT_SCHEMA_VERSION || !Array.isArray(snapshot.containers) || !Array.isArray(snapshot.volumes)) {
    throw new UsageError(`${path} is not a stowage snapshot (schema ${SNAPSHOT_SCHEMA_VERSION}); save one with \`stowage --json > FILE\``);
  }
  return { images: [], buildCache: [], findings: [], warnings: [], ...snapshot } as Snapshot;
}
