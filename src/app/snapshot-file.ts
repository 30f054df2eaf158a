import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../model/types.js';
import { displayable } from '../text/displayable.js';
import { snapshotShapeError } from './snapshot-shape.js';

/** Far above a 10,000-container host's snapshot; a file larger is not one. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

const SAVE_ONE = 'save one with `stowage --json > FILE`';

/**
 * Reads a regular file of at most `limit` bytes. The file is opened without blocking (a FIFO does
 * not hang) and checked through the same descriptor it is read from.
 */
function readRegularFile(path: string, limit: number): Buffer {
  const shown = displayable(path);
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new UsageError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? 'error'}; ${SAVE_ONE}`);
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw new UsageError(`${shown} is not a regular file; ${SAVE_ONE}`);
    if (stats.size > limit) {
      throw new UsageError(`${shown} holds ${stats.size} bytes, more than any snapshot (${limit}); ${SAVE_ONE}`);
    }
    // Read to the end rather than to the size stat gave: a file still being written may grow.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const read = readSync(descriptor, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit) throw new UsageError(`${shown} grows past ${limit} bytes as it is read; ${SAVE_ONE}`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(descriptor);
  }
}

/** Reads a snapshot saved with `stowage --json`; anything else is a one-line error. */
export function readSnapshotFile(path: string, limit = MAX_SNAPSHOT_BYTES): Snapshot {
  return parseSnapshotText(readRegularFile(path, limit).toString('utf8'), displayable(path));
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
