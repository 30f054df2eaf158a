// Restores a backup into a volume, reading the file through one descriptor: a first pass checks
// it (digest against the .sha256, gzip and tar complete, no absolute or `..` paths) before
// anything is created; then the same descriptor is sent from offset 0, hashed again as it goes,
// with every entry moved under `volume/` and extracted at the helper's `/` (tar-rebase.ts: so
// relative links that point above the volume's root restore). The volume is read back through
// the engine and compared entry by entry. Any failure after the volume was created removes it.
// Into a volume that holds data, its contents are saved first (restore-safety.ts) and kept.
import { createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Engine, EngineReads } from '../engine/engine.js';
import { createHelper, type HelperEngine } from '../engine/helper-container.js';
import { scanVolumeThroughEngine } from '../scan/engine-scan.js';
import { type TarEntry, TarFormatError, TarParser, tarEntries } from '../engine/tar-headers.js';
import { rebaseTar, relativeName } from '../engine/tar-rebase.js';
import { StowageError, UsageError } from '../errors.js';
import { FILE_KINDS, OutsideFileError, openOutsideFile, readOutsideTextIfPresent } from '../outside-file.js';
import { displayableBytes } from '../text/displayable.js';
import { VOLUME_MOUNT } from './backup.js';
import { DigestStream } from './digest-stream.js';
import { guard, once } from './exit-guard.js';
import { partialRestoreText, saveCurrentContents } from './restore-safety.js';
import { safetyBackupFileName } from '../model/backup-plan.js';
import { engineProduct } from '../engine/product.js';
import { entryLeavesVolume } from './volume-path.js';

/**
 * Where the backup is extracted in the helper, and the folder its entries move under there.
 * Docker extracts at `/` into the mounted volume (entries under `volume/`, so links above the
 * volume's root pass its check). Podman mounts no volume in a container that never ran: it finds
 * the volume only for a destination inside it, and writes anything else into the container's own
 * layer; so there the entries are extracted at the mount point itself.
 */
function extractionPoint(engine: EngineReads): { path: string; folder: string } {
  return engineProduct(engine.version) === 'podman' ? { path: VOLUME_MOUNT, folder: '.' } : { path: '/', folder: VOLUME_MOUNT.slice(1) };
}

export interface ArchiveSummary {
  entries: number;
  fileBytes: number;
}

/** What restore compares: an entry's kind, size, permissions, owner and link target. */
interface Shape {
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkPath: string;
}

/** Entries by their exact path (latin1: one character per byte), so names that are not UTF-8 stay apart. */
type Listing = Map<string, Shape>;

/** A path of a listing, for a message. */
const shown = (binary: string) => displayableBytes(Buffer.from(binary, 'latin1'));

const shapeOf = (entry: TarEntry): Shape => ({
  type: entry.typeFlag === '7' ? '0' : entry.typeFlag,
  size: entry.type === 'file' ? entry.size : 0,
  mode: entry.mode & 0o7777,
  uid: entry.uid,
  gid: entry.gid,
  linkPath: entry.binaryLinkPath,
});

/** The digest the backup's .sha256 file records. */
function recordedDigest(file: string): string {
  let text: string | null;
  try {
    text = readOutsideTextIfPresent(`${file}.sha256`, FILE_KINDS.digest);
  } catch (error) {
    throw error instanceof OutsideFileError ? new UsageError(`${error.message}: it should hold the backup's SHA-256 digest, as stowage wrote it`) : error;
  }
  if (text === null) throw new UsageError(`${file}.sha256 is missing: stowage restores only backups whose digest it can check`);
  const digest = text.trim().split(/\s+/)[0] ?? '';
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new UsageError(`${file}.sha256 holds no SHA-256 digest`);
  return digest;
}

async function isGzip(handle: FileHandle): Promise<boolean> {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
  return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
}

/** Why a backup file cannot be read as a (gzipped) tar, in words. */
function formatProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (error instanceof TarFormatError) return error.message;
  if (code === 'Z_BUF_ERROR') return 'its gzip data ends early (it is truncated)';
  if (code.startsWith('Z_')) return `its gzip data is damaged (${(error as Error).message})`;
  return (error as Error).message;
}

interface Contents extends ArchiveSummary {
  sha256: string;
  gzip: boolean;
  listing: Listing;
}

/** The first pass over the descriptor: digest, format, paths. Refuses anything unsafe or incomplete. */
async function checkBackup(file: string, handle: FileHandle): Promise<Contents> {
  const expected = recordedDigest(file);
  const gzip = await isGzip(handle);
  const hash = createHash('sha256');
  const listing: Listing = new Map();
  let unsafe: string | null = null;
  let entries = 0;
  let fileBytes = 0;
  const parser = new TarParser({
    entry(entry) {
      const name = relativeName(entry.binaryPath);
      if (entryLeavesVolume(entry)) unsafe ??= entry.path;
      listing.set(name, shapeOf(entry));
      if (name === '') return;
      entries++;
      fileBytes += entry.type === 'file' ? entry.size : 0;
    },
  });
  // One pass, hashing every byte even after a format problem: the digest says whether the file
  // is the one backed up, the format problem says what is wrong with it.
  let problem: string | null = null;
  const parse = (chunk: Buffer) => {
    if (problem) return;
    try {
      parser.write(chunk);
    } catch (error) {
      problem = formatProblem(error);
    }
  };
  const gunzip = gzip ? createGunzip() : null;
  let gunzipDone: Promise<void> = Promise.resolve();
  if (gunzip) {
    gunzip.on('data', parse);
    gunzipDone = new Promise((resolve) => {
      gunzip.once('end', resolve);
      gunzip.once('error', (error) => {
        problem ??= formatProblem(error);
        resolve();
      });
    });
  }
  for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) {
    hash.update(chunk as Buffer);
    if (!gunzip) parse(chunk as Buffer);
    else if (!problem && !gunzip.write(chunk)) await Promise.race([new Promise((resolve) => gunzip.once('drain', resolve)), gunzipDone]);
  }
  gunzip?.end();
  await gunzipDone;
  if (!problem) {
    try {
      parser.end();
    } catch (error) {
      problem = formatProblem(error);
    }
  }
  if (hash.digest('hex') !== expected) {
    throw new StowageError(`${file} does not match its .sha256${problem ? ` and ${problem}` : ''}: the file is damaged or was changed; nothing was restored`);
  }
  if (problem) throw new StowageError(`${file} is not a complete ${gzip ? '.tar.gz' : 'tar'}: ${problem}; nothing was restored`);
  if (unsafe) throw new StowageError(`${file} holds an entry outside the volume (${unsafe}): refused, nothing was restored`);
  return { entries, fileBytes, gzip, listing, sha256: expected };
}

/** What a volume holds, read through the engine: the drill-down's scan, its totals only. */
export async function summarizeVolume(engine: HelperEngine, volume: string): Promise<ArchiveSummary> {
  const tree = await scanVolumeThroughEngine(engine, volume);
  return { entries: tree.items, fileBytes: tree.sizeBytes };
}

/** Every entry of the volume as the engine reads it back. */
async function readBack(engine: EngineReads, helper: string): Promise<Listing> {
  const stream = await engine.readArchive(helper, `${VOLUME_MOUNT}/.`);
  if (!stream) throw new StowageError('the engine found nothing at the restored volume');
  const listing: Listing = new Map();
  for await (const entry of tarEntries(stream)) listing.set(relativeName(entry.binaryPath), shapeOf(entry));
  return listing;
}

const describeShape = (shape: Shape | undefined) =>
  shape ? `type ${shape.type}, ${shape.size} bytes, mode ${shape.mode.toString(8)}, owner ${shape.uid}:${shape.gid}${shape.linkPath ? `, -> ${shown(shape.linkPath)}` : ''}` : 'missing';

/** The differences between the backup and the volume, at most `limit`; extra entries count only in a new volume. */
export function differences(expected: Listing, restored: Listing, exact: boolean, limit = 3): string[] {
  const found: string[] = [];
  for (const [path, shape] of expected) {
    const actual = restored.get(path);
    if (actual && JSON.stringify(actual) === JSON.stringify(shape)) continue;
    found.push(`${path ? shown(path) : '(the volume root)'}: backup has ${describeShape(shape)}, volume has ${describeShape(actual)}`);
    if (found.length >= limit) return found;
  }
  if (exact) for (const path of restored.keys()) if (!expected.has(path)) {
    found.push(`${shown(path)}: not in the backup`);
    if (found.length >= limit) break;
  }
  return found;
}

export interface RestoreOptions {
  /** The volume's name typed again: needed to restore into a volume that holds data. */
  confirmNonEmpty?: string;
  engineDescription: string;
  /** Where a volume's current contents are saved before a restore writes into them; by default beside the backup. */
  safetyBackup?: string;
  /** Told, before anything is written, what becomes of the volume's current contents. */
  onBefore?: (before: BeforeRestore) => void;
}

export type BeforeRestore = { kind: 'new' } | { kind: 'empty' } | { kind: 'saving'; safetyBackup: string; current: ArchiveSummary };

export interface RestoreResult {
  volume: string;
  created: boolean;
  expected: ArchiveSummary;
  restored: ArchiveSummary;
  /** The backup of what the volume held before, kept; null for a new or an empty volume. */
  safetyBackup: string | null;
}

/** Where the current contents of `volume` go when no place is given: beside the backup, named by the time. */
export const defaultSafetyBackup = (file: string, volume: string, now: Date) => join(dirname(resolve(file)), safetyBackupFileName(volume, now));

/** A label with a value only one restore knows: the volume it finds with it is the one it made. */
const RESTORE_MARK = 'io.stowage.restore-id';

export async function runRestore(engine: Engine, file: string, volume: string, existing: boolean, options: RestoreOptions): Promise<RestoreResult> {
  const { handle } = await openOutsideFile(file, FILE_KINDS.backup).catch((error: unknown) => {
    throw error instanceof OutsideFileError ? new UsageError(`backup ${error.message}: give the path of a backup stowage wrote`) : error;
  });
  let helper: string | null = null;
  let created = false;
  let succeeded = false;
  let safetyBackup: string | null = null;
  let writing = false;
  /** What an unfinished restore left, and the way back: said on a signal and in a failure's message. */
  const state = () => {
    if (succeeded) return '';
    if (created) return `the new volume ${volume} was removed again`;
    if (!writing) return `nothing was restored; volume ${volume} is unchanged${safetyBackup ? ` (${safetyBackup}, saved for the restore, can be removed)` : ''}`;
    return partialRestoreText({ file: resolve(file), volume, safetyBackup }, engine.address);
  };
  const undo = once(async () => {
    if (helper) await engine.removeContainer(helper).catch(() => undefined);
    if (created && !succeeded) await engine.deleteVolume(volume).catch(() => undefined);
    return state();
  });
  const release = guard(`the restore into ${volume}`, undo);
  try {
    const expected = await checkBackup(file, handle);
    if (existing) {
      const current = await summarizeVolume(engine, volume);
      if (current.entries > 0 && options.confirmNonEmpty !== volume) {
        throw new UsageError(
          `volume ${volume} holds ${current.entries} entries; restoring over them mixes two states (they are saved first, as ${volume}-before-restore-<time>.tar.gz in ${dirname(options.safetyBackup ?? resolve(file))}): type its name to confirm (--confirm-non-empty ${volume}), or restore into a new volume`,
        );
      }
      if (current.entries > 0) {
        const path = options.safetyBackup ?? defaultSafetyBackup(file, volume, new Date());
        options.onBefore?.({ kind: 'saving', safetyBackup: path, current });
        safetyBackup = await saveCurrentContents(engine, volume, path, current.fileBytes, options.engineDescription);
      } else options.onBefore?.({ kind: 'empty' });
    } else {
      // The engine answers "created" for a name that exists already and hands back that volume: a
      // label only this run sets tells a volume it made from one that was there (and must stay).
      const mark = randomBytes(8).toString('hex');
      await engine.createVolume(volume, { 'io.stowage.restored-from': file.split('/').pop() ?? file, [RESTORE_MARK]: mark });
      const made = (await engine.listVolumes()).find((candidate) => candidate.Name === volume);
      if (made?.Labels?.[RESTORE_MARK] !== mark) {
        throw new UsageError(`volume ${volume} exists already (made since the host was read): nothing was restored; restore into a new name, or into it with --confirm-non-empty ${volume}`);
      }
      created = true;
      options.onBefore?.({ kind: 'new' });
    }
    try {
      const record = created ? { createdVolume: volume } : { restore: { volume, file: resolve(file), safetyBackup } };
      helper = await createHelper(engine, [{ type: 'volume', source: volume, target: VOLUME_MOUNT, readOnly: false }], record);
      const digest = new DigestStream();
      const into = extractionPoint(engine);
      const rebased = rebaseTar({ folder: into.folder });
      const source = handle.createReadStream({ start: 0, autoClose: false });
      const gunzip = expected.gzip ? createGunzip() : null;
      // What went wrong reading the file itself, seen before the engine's side fails with it.
      let damage: unknown = null;
      const noteDamage = (error: unknown) => void (damage ??= error);
      source.once('error', noteDamage);
      gunzip?.once('error', noteDamage);
      rebased.once('error', (error) => error instanceof TarFormatError && noteDamage(error));
      const sending = pipeline(source, digest, ...(gunzip ? [gunzip] : []), rebased);
      sending.catch(() => undefined);
      try {
        writing = true;
        await engine.putArchive(helper, into.path, rebased);
        await sending;
      } catch (error) {
        source.destroy();
        rebased.destroy();
        if (!damage) throw error;
        throw new StowageError(
          `${file} is damaged or was changed while it was read (${formatProblem(damage)}): check it against its .sha256 (\`sha256sum -c\` in its folder), or restore another backup`,
        );
      }
      if (digest.sha256() !== expected.sha256) {
        throw new StowageError(`${file} changed while it was being restored (its digest differs from the .sha256)`);
      }
      const restored = await readBack(engine, helper);
      const found = differences(expected.listing, restored, !existing);
      if (found.length) throw new StowageError(`the restored volume differs from the backup: ${found.join('; ')}`);
      succeeded = true;
      const summary: ArchiveSummary = { entries: 0, fileBytes: 0 };
      for (const [path, shape] of restored) {
        if (!path) continue;
        summary.entries++;
        summary.fileBytes += shape.size;
      }
      return { volume, created, expected: { entries: expected.entries, fileBytes: expected.fileBytes }, restored: summary, safetyBackup };
    } catch (error) {
      const cause = error instanceof StowageError ? error.message : `the engine could not write it: ${(error as Error).message}`;
      await undo();
      throw new StowageError(`restoring ${file} failed: ${cause}; ${state()}`, 1, error);
    }
  } finally {
    await undo();
    release();
    await handle.close();
  }
}
