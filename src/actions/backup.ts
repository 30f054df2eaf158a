// A verified backup of a volume: read through the engine's archive endpoint of a never-started
// helper, compressed on every core, written under a temporary name, fsynced, checked by reading
// it back, then renamed. A cancelled or failed backup leaves no file under the final name, and
// containers stopped for it are started again whatever happens.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Engine } from '../engine/engine.js';
import { removeLeftoverHelpers, withHelper } from '../engine/helper-container.js';
import { tarEntries } from '../engine/tar-headers.js';
import { StowageError } from '../errors.js';
import type { BackupPlan } from '../model/backup-plan.js';
import { parallelGzip } from './parallel-gzip.js';

export const VOLUME_MOUNT = '/volume';

export interface TransferProgress {
  bytes: number;
  totalBytes: number | null;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

export interface BackupOptions {
  directory: string;
  /** gzip level 1–9, or null for an uncompressed .tar. */
  level: number | null;
  /** Stop the running containers that write to the volume, and start them again afterwards. */
  stopWriters: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  engineDescription: string;
}

export interface BackupResult {
  file: string;
  sha256: string;
  bytes: number;
  entries: number;
  tarBytes: number;
  restarted: string[];
}

/** Counts tar entries in the bytes flowing through, without holding them up. */
function entryCounter(): { stream: PassThrough; count: Promise<number> } {
  const stream = new PassThrough();
  const count = (async () => {
    let entries = 0;
    for await (const _ of tarEntries(stream)) entries++;
    return entries;
  })();
  return { stream, count };
}

function progressMeter(total: number | null, onProgress?: (progress: TransferProgress) => void): Transform {
  const started = Date.now();
  let bytes = 0;
  let last = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      const now = Date.now();
      if (onProgress && (now - last > 100 || bytes === total)) {
        last = now;
        const rate = bytes / Math.max(0.001, (now - started) / 1000);
        onProgress({ bytes, totalBytes: total, bytesPerSecond: rate, etaSeconds: total ? Math.max(0, (total - bytes) / rate) : null });
      }
      callback(null, chunk);
    },
  });
}

/**
 * Reads the written file back for its digest. A compressed backup's content was already checked
 * block by block as it was compressed (parallel-gzip.ts); a plain tar is counted entry by entry.
 */
async function verify(path: string, compressed: boolean): Promise<{ sha256: string; entries: number | null }> {
  const hash = createHash('sha256');
  if (compressed) {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { sha256: hash.digest('hex'), entries: null };
  }
  const counter = entryCounter();
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(path), tee, counter.stream);
  return { sha256: hash.digest('hex'), entries: await counter.count };
}

async function writeSidecar(path: string, content: string): Promise<void> {
  const temporary = `${path}.partial-${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
  await rename(temporary, path);
}

export async function runBackup(engine: Engine, plan: BackupPlan, options: BackupOptions): Promise<BackupResult> {
  const finalPath = join(options.directory, plan.fileName);
  if (await stat(finalPath).then(() => true, () => false)) {
    throw new StowageError(`${finalPath} exists already; stowage never overwrites a backup: choose another --output folder`);
  }
  const room = await statfs(options.directory).catch(() => null);
  const needed = plan.volume.sizeBytes;
  if (room && needed !== null && room.bavail * room.bsize < needed) {
    throw new StowageError(
      `${options.directory} has ${Math.round((room.bavail * room.bsize) / 1e6)} MB free; the volume holds ${Math.round(needed / 1e6)} MB: free space or choose another --output folder`,
    );
  }
  await removeLeftoverHelpers(engine);
  const temporary = join(options.directory, `.${plan.fileName}.partial-${randomBytes(4).toString('hex')}`);
  const stopped: string[] = [];
  const restarted: string[] = [];
  try {
    if (options.stopWriters) {
      for (const writer of plan.writers) {
        await engine.stopContainer(writer.container.id);
        stopped.push(writer.container.id);
      }
    }
    const written = await withHelper(engine, [{ type: 'volume', source: plan.volume.name, target: VOLUME_MOUNT, readOnly: true }], async (helper) => {
      const archive = await engine.readArchive(helper, `${VOLUME_MOUNT}/.`);
      if (!archive) throw new StowageError(`the engine could not read volume ${plan.volume.name}`);
      const hash = createHash('sha256');
      const counter = entryCounter();
      let tarBytes = 0;
      let bytes = 0;
      const split = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          tarBytes += chunk.length;
          counter.stream.write(chunk);
          callback(null, chunk);
        },
        flush(callback) {
          counter.stream.end();
          callback();
        },
      });
      const digest = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          bytes += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(
        archive,
        progressMeter(plan.volume.sizeBytes, options.onProgress),
        split,
        ...(options.level === null ? [] : [parallelGzip(options.level)]),
        digest,
        createWriteStream(temporary, { flags: 'wx', mode: 0o600 }),
        { signal: options.signal },
      );
      // fsync flushes the file, whichever descriptor asks.
      const written = await open(temporary, 'r+');
      await written.sync().finally(() => written.close());
      return { sha256: hash.digest('hex'), entries: await counter.count, bytes, tarBytes };
    });
    const check = await verify(temporary, options.level !== null);
    if (check.sha256 !== written.sha256 || (check.entries !== null && check.entries !== written.entries)) {
      const found = check.sha256 !== written.sha256 ? 'other bytes' : `${check.entries} entries of ${written.entries}`;
      throw new StowageError(`the backup read back differs from what was written (${found}): the disk at ${options.directory} may be failing`);
    }
    await rename(temporary, finalPath);
    await writeSidecar(`${finalPath}.sha256`, `${written.sha256}  ${basename(finalPath)}\n`);
    await writeSidecar(
      `${finalPath}.manifest.json`,
      `${JSON.stringify({
        volume: plan.volume.name,
        labels: plan.volume.labels,
        engine: options.engineDescription,
        createdAt: new Date().toISOString(),
        file: basename(finalPath),
        sha256: written.sha256,
        bytes: written.bytes,
        tarBytes: written.tarBytes,
        entries: written.entries,
        compression: options.level === null ? 'none' : `gzip -${options.level}`,
        containersStopped: plan.writers.filter((writer) => stopped.includes(writer.container.id)).map((writer) => writer.container.name),
      }, null, 2)}\n`,
    );
    const directory = await open(options.directory, 'r');
    await directory.sync().finally(() => directory.close());
    return { file: finalPath, sha256: written.sha256, bytes: written.bytes, entries: written.entries, tarBytes: written.tarBytes, restarted };
  } catch (error) {
    await rm(temporary, { force: true });
    if ((error as Error).name === 'AbortError') throw new StowageError('backup cancelled; nothing was written');
    throw error;
  } finally {
    const failed: string[] = [];
    for (const id of stopped) {
      await engine.startContainer(id).then(() => restarted.push(id), () => failed.push(id));
    }
    if (failed.length) {
      const names = plan.writers.filter((writer) => failed.includes(writer.container.id)).map((writer) => writer.container.name);
      // Raised over any other error: a stopped service matters more than the backup.
      throw new StowageError(`could not start ${names.join(', ')} again after the backup: start ${names.length === 1 ? 'it' : 'them'} with \`docker start ${names.join(' ')}\``);
    }
  }
}
