// A verified backup of a volume: read through the engine's archive endpoint of a never-started
// helper, compressed on every core, written under a temporary name, fsynced, checked by reading
// it back, then renamed. A cancelled or failed backup leaves no file under the final name, and
// containers stopped for it are started again whatever happens: the undo steps are registered
// with the exit guard (signals, crashes) and recorded in the helper's labels (SIGKILL).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Engine } from '../engine/engine.js';
import { createHelper } from '../engine/helper-container.js';
import { type TarEntry, tarEntries, TarFormatError } from '../engine/tar-headers.js';
import { relativeName } from '../engine/tar-rebase.js';
import { StowageError } from '../errors.js';
import type { BackupPlan } from '../model/backup-plan.js';
import { checkDestination, writeFailure } from './backup-destination.js';
import { guard, isEnding, once } from './exit-guard.js';
import { type CarryCheck, checkWhatIsNotCarried, ENGINE_LIMITS, type NotCarried } from './not-carried.js';
import { manifestPathOf, manifestText } from './backup-manifest.js';
import { parallelGzip } from './parallel-gzip.js';
import { DigestStream } from './digest-stream.js';
import { entryLeavesVolume } from './volume-path.js';

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
  /** Entries the backup holds differently or not at all (sockets, sparse files, xattrs), or that would not restore. */
  notCarried: NotCarried[];
  /** What was checked on this machine for `notCarried`; empty on a remote engine. */
  checked: CarryCheck['checked'];
}

/** Why the engine's extraction (through restore's path) would refuse an entry, or null. */
function refusal(entry: TarEntry, seen: Set<string>): string | null {
  if (entryLeavesVolume(entry)) return 'its path leaves the volume';
  if (!'0123567'.includes(entry.typeFlag)) return `tar type ${JSON.stringify(entry.typeFlag)} is not restored by the engine`;
  if (entry.type === 'hardlink' && !seen.has(relativeName(entry.binaryLinkPath))) return 'a hard link to an entry the archive does not hold before it';
  return null;
}

/**
 * Counts tar entries in the bytes flowing through, without holding them up, and names those the
 * restore could not write back: a backup called verified restores.
 */
function entryCounter(): { stream: PassThrough; count: Promise<{ entries: number; refused: NotCarried[] }> } {
  const stream = new PassThrough();
  const count = (async () => {
    let entries = 0;
    const refused: NotCarried[] = [];
    const seen = new Set<string>();
    for await (const entry of tarEntries(stream)) {
      entries++;
      const reason = refusal(entry, seen);
      if (reason) refused.push({ path: relativeName(entry.path), kind: 'refused', reason });
      if (entry.type === 'file') seen.add(relativeName(entry.binaryPath));
    }
    return { entries, refused };
  })();
  count.catch(() => undefined);
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
  if (compressed) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { sha256: hash.digest('hex'), entries: null };
  }
  const counter = entryCounter();
  const digest = new DigestStream();
  await pipeline(createReadStream(path), digest, counter.stream);
  return { sha256: digest.sha256(), entries: (await counter.count).entries };
}

async function writeSidecar(path: string, temporary: string, content: string): Promise<void> {
  await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
  await rename(temporary, path);
}

export async function runBackup(engine: Engine, plan: BackupPlan, options: BackupOptions): Promise<BackupResult> {
  const directory = resolve(options.directory);
  const finalPath = join(directory, plan.fileName);
  if (await stat(finalPath).then(() => true, () => false)) {
    throw new StowageError(`${finalPath} exists already; stowage never overwrites a backup: choose another --output folder`);
  }
  // Before anything is stopped: a missing or full folder must not cost the writers 12 s.
  await checkDestination(options.directory, plan.volume.sizeBytes);
  // One random suffix for all three temporary files, so the helper's label can name them.
  const suffix = randomBytes(4).toString('hex');
  const temporary = join(directory, `.${plan.fileName}.partial-${suffix}`);
  const sidecars = { sha256: `${finalPath}.sha256`, manifest: manifestPathOf(finalPath) };
  const partials = [temporary, `${sidecars.sha256}.partial-${suffix}`, `${sidecars.manifest}.partial-${suffix}`];
  const toStop = options.stopWriters ? [...new Set(plan.writers.map((writer) => writer.container.id))] : [];
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted) abort();
  let helper: string | null = null;
  const stopped: string[] = [];
  const restarted: string[] = [];
  const failedRestart: string[] = [];
  const undo = once(async () => {
    controller.abort();
    await Promise.all(partials.map((path) => rm(path, { force: true }).catch(() => undefined)));
    for (const id of stopped) await engine.startContainer(id).then(() => restarted.push(id), () => failedRestart.push(id));
    // Last: its labels say what to undo if this process dies before here.
    if (helper) await engine.removeContainer(helper).catch(() => undefined);
  });
  const release = guard(`the backup of ${plan.volume.name}`, undo);
  let tarBytes = 0;
  /** What goes into the file; its count is also what a full disk's message says was written. */
  const digest = new DigestStream();
  let renamed = false;
  try {
    helper = await createHelper(engine, [{ type: 'volume', source: plan.volume.name, target: VOLUME_MOUNT, readOnly: true }], { stopped: toStop, partials });
    const carryCheck = checkWhatIsNotCarried(engine, plan.volume.mountpoint).catch((): CarryCheck => ({ checked: [], notCarried: [] }));
    for (const id of toStop) {
      if (controller.signal.aborted) break;
      // Recorded first: a signal while the stop is under way still starts it again.
      stopped.push(id);
      await engine.stopContainer(id);
    }
    if (controller.signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    const archive = await engine.readArchive(helper, `${VOLUME_MOUNT}/.`);
    if (!archive) throw new StowageError(`the engine could not read volume ${plan.volume.name}`);
    const counter = entryCounter();
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
    await pipeline(
      archive,
      progressMeter(plan.volume.sizeBytes, options.onProgress),
      split,
      ...(options.level === null ? [] : [parallelGzip(options.level)]),
      digest,
      createWriteStream(temporary, { flags: 'wx', mode: 0o600 }),
      { signal: controller.signal },
    );
    // fsync flushes the file, whichever descriptor asks.
    const file = await open(temporary, 'r+');
    await file.sync().finally(() => file.close());
    const sha256 = digest.sha256();
    const { entries, refused } = await counter.count.catch((error: unknown) => {
      if (error instanceof TarFormatError) throw new StowageError(`the engine's archive of volume ${plan.volume.name} is damaged (${error.message}): check the engine's logs and try again; nothing was kept`);
      throw error;
    });
    const check = await verify(temporary, options.level !== null);
    if (check.sha256 !== sha256 || (check.entries !== null && check.entries !== entries)) {
      const found = check.sha256 !== sha256 ? 'other bytes' : `${check.entries} entries of ${entries}`;
      throw new StowageError(`the backup read back differs from what was written (${found}): the disk at ${options.directory} may be failing`);
    }
    const carry = await carryCheck;
    const notCarried = [...refused, ...carry.notCarried];
    await rename(temporary, finalPath);
    renamed = true;
    await writeSidecar(sidecars.sha256, partials[1] as string, `${sha256}  ${basename(finalPath)}\n`);
    await writeSidecar(
      sidecars.manifest,
      partials[2] as string,
      manifestText({
        volume: plan.volume.name,
        labels: plan.volume.labels,
        engine: options.engineDescription,
        createdAt: new Date().toISOString(),
        file: basename(finalPath),
        sha256,
        bytes: digest.bytes,
        tarBytes,
        entries,
        compression: options.level === null ? 'none' : `gzip -${options.level}`,
        containersStopped: plan.writers.filter((writer) => stopped.includes(writer.container.id)).map((writer) => writer.container.name),
        engineArchiveLimits: ENGINE_LIMITS,
        checkedOnThisMachine: carry.checked.length ? carry.checked : 'not checked: the volume is not readable on this machine (remote engine)',
        notCarried,
      }),
    );
    const folder = await open(directory, 'r');
    await folder.sync().finally(() => folder.close());
    renamed = false;
    return { file: finalPath, sha256, bytes: digest.bytes, entries, tarBytes, restarted, notCarried, checked: carry.checked };
  } catch (error) {
    // A backup without its digest beside it is no backup: none of the three files stays.
    if (renamed) await Promise.all([finalPath, sidecars.sha256, sidecars.manifest].map((path) => rm(path, { force: true }).catch(() => undefined)));
    if ((error as Error).name === 'AbortError') {
      throw new StowageError(isEnding() ? 'backup interrupted; nothing was written' : 'backup cancelled; nothing was written');
    }
    if (error instanceof StowageError) throw error;
    const failure = writeFailure(error, options.directory, digest.bytes);
    if (failure) throw failure;
    throw new StowageError(`the backup of volume ${plan.volume.name} failed: ${(error as Error).message}; nothing was kept`, 1, error);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await undo();
    release();
    if (failedRestart.length) {
      const names = plan.writers.filter((writer) => failedRestart.includes(writer.container.id)).map((writer) => writer.container.name);
      // Raised over any other error: a stopped service matters more than the backup.
      throw new StowageError(`could not start ${names.join(', ')} again after the backup: start ${names.length === 1 ? 'it' : 'them'} with \`docker start ${names.join(' ')}\``);
    }
  }
}
