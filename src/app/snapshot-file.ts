import { UsageError } from '../errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../model/types.js';
import { displayable } from '../text/displayable.js';
import { FILE_KINDS, OutsideFileError, readOutsideText } from '../outside-file.js';
import { snapshotShapeError } from './snapshot-shape.js';


const SAVE_ONE = 'save one with `stowage --json > FILE`';

/** Reads a snapshot saved with `stowage --json`; anything else is a one-line error. */
export function readSnapshotFile(path: string): Snapshot {
  let text: string;
  try {
    text = readOutsideText(path, FILE_KINDS.snapshot);
  } catch (error) {
    if (error instanceof OutsideFileError) throw new UsageError(`snapshot ${error.message}; ${SAVE_ONE}`);
    throw error;
  }
  return parseSnapshotText(text, displayable(path));
}

/** A snapshot from the text of one, `shown` naming where it came from in errors. */
export function parseSnapshotText(text: string, shown: string): Snapshot {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new UsageError(`${shown} is not JSON; ${SAVE_ONE}`);
  }
  const version = (document as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    throw new UsageError(`${shown} is not a stowage snapshot of schema ${SNAPSHOT_SCHEMA_VERSION}; ${SAVE_ONE}`);
  }
  const wrong = snapshotShapeError(document);
  if (wrong) throw new UsageError(`${shown} is not a stowage snapshot: ${displayable(wrong)}; ${SAVE_ONE}`);
  // Lists an older snapshot may lack, filled in place so the fields keep their order in `--json`.
  const snapshot = document as Snapshot;
  snapshot.images ??= [];
  snapshot.buildCache ??= [];
  snapshot.findings ??= [];
  snapshot.warnings ??= [];
  return snapshot;
}
