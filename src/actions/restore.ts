// Restores a backup into a volume: the digest is checked first, every entry's path is checked
// (no absolute paths, no ..), then the archive goes into the volume through the archive endpoint
// of a never-started helper, and the volume is read back to compare entries and bytes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Engine } from '../engine/engine.js';
import { removeLeftoverHelpers, withHelper } from '../engine/helper-container.js';
import { scanVolumeThroughEngine } from '../scan/engine-scan.js';
import { tarEntries } from '../engine/tar-headers.js';
import { StowageError, UsageError } from '../errors.js';
import { VOLUME_MOUNT } from './backup.js';

export interface ArchiveSummary {
  entries: number;
  fileBytes: number;
}

/** The digest the backup's .sha256 file records. */
async function recordedDigest(file: string): Promise<string> {
  const text = await readFile(`${file}.sha256`, 'utf8').catch(() => {
    throw new UsageError(`${file}.sha256 is missing: stowage restores only backups whose digest it can check`);
  });
  const digest = text.trim().split(/\s+/)[0] ?? '';
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new UsageError(`${file}.sha256 holds no SHA-256 digest`);
  return digest;
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Checks digest and paths; returns what the archive holds. Refuses anything unsafe. */
export async function inspectBackup(file: string): Promise<ArchiveSummary & { gzip: boolean }> {
  const expected = await recordedDigest(file);
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), new Transform({ transform(chunk: Buffer, _e, callback) { hash.update(chunk); callback(); } }));
  if (hash.digest('hex') !== expected) {
    throw new StowageError(`${file} does not match its .sha256: the file is damaged or was changed; nothing was restored`);
  }
  const gzip = await isGzip(file);
  const source = createReadStream(file);
  const stream = gzip ? source.pipe(createGunzip()) : source;
  let entries = 0;
  let fileBytes = 0;
  for await (const entry of tarEntries(stream)) {
    const parts = entry.path.split('/');
    if (entry.path.startsWith('/') || parts.includes('..')) {
      source.destroy();
      throw new StowageError(`${file} holds an entry outside the volume (${entry.path}): refused, nothing was restored`);
    }
    if (parts.every((part) => part === '.' || part === '')) continue;
    entries++;
    fileBytes += entry.size;
  }
  return { entries, fileBytes, gzip };
}

/** What a volume holds, read through the engine: the drill-down's scan, its totals only. */
export async function summarizeVolume(engine: Engine, volume: string): Promise<ArchiveSummary> {
  const tree = await scanVolumeThroughEngine(engine, volume);
  return { entries: tree.items, fileBytes: tree.sizeBytes };
}

export interface RestoreOptions {
  /** The volume's name typed again: needed to restore into a volume that holds data. */
  confirmNonEmpty?: string;
  engineDescription: string;
}

export interface RestoreResult {
  volume: string;
  created: boolean;
  expected: ArchiveSummary;
  restored: ArchiveSummary;
}

export async function runRestore(engine: Engine, file: string, volume: string, existing: boolean, options: RestoreOptions): Promise<RestoreResult> {
  const expected = await inspectBackup(file);
  await removeLeftoverHelpers(engine);
  if (existing) {
    const current = await summarizeVolume(engine, volume);
    if (current.entries > 0 && options.confirmNonEmpty !== volume) {
      throw new UsageError(
        `volume ${volume} holds ${current.entries} entries; restoring over them mixes two states: type its name to confirm (--confirm-non-empty ${volume}), or restore into a new volume`,
      );
    }
  } else {
    await engine.createVolume(volume, { 'io.stowage.restored-from': file.split('/').pop() ?? file });
  }
  await withHelper(engine, [{ type: 'volume', source: volume, target: VOLUME_MOUNT, readOnly: false }], async (helper) => {
    await engine.putArchive(helper, VOLUME_MOUNT, createReadStream(file));
  });
  const restored = await summarizeVolume(engine, volume);
  if (restored.entries < expected.entries || restored.fileBytes < expected.fileBytes) {
    throw new StowageError(
      `volume ${volume} holds ${restored.entries} entries, ${restored.fileBytes} bytes after the restore; the backup has ${expected.entries} entries, ${expected.fileBytes} bytes`,
    );
  }
  return { volume, created: !existing, expected, restored };
}
