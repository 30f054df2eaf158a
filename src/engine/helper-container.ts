// stowage's helper: a container made from an imported empty image and never started. Through the
// engine's archive endpoint it reads volumes and host paths without pulling an image or running
// anything, on a local or a remote engine alike. The helper also records, in its labels on the
// engine itself, what an action must undo if it is killed: so the next run can undo it.
import { randomBytes } from 'node:crypto';
import { lstat, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { StowageError } from '../errors.js';
import type { EngineReads, EngineWrites } from './engine.js';

export const HELPER_LABEL = 'io.stowage.helper';
export const HELPER_IMAGE = 'stowage/helper:empty';
/** `<host>:<pid>` of the stowage process that made the helper. */
export const OWNER_LABEL = 'io.stowage.owner';
/** Comma-separated ids of the containers an action stopped (and must start again). */
export const STOPPED_LABEL = 'io.stowage.stopped';
/** JSON list of stowage's own temporary files an action writes (and must remove on failure). */
export const PARTIALS_LABEL = 'io.stowage.partials';
/** A volume a restore created (and must remove on failure). */
export const CREATED_VOLUME_LABEL = 'io.stowage.created-volume';
/** An existing volume a restore writes into: killed, it holds a partial restore (kept, and said). */
export const RESTORE_INTO_LABEL = 'io.stowage.restore-into';
/** The backup that restore writes. */
export const RESTORE_FILE_LABEL = 'io.stowage.restore-file';
/** The backup of what that volume held before (absent when it was empty): the way back. */
export const SAFETY_BACKUP_LABEL = 'io.stowage.safety-backup';
/** An empty tar: two zero blocks. */
const EMPTY_TAR = Buffer.alloc(1024);

/**
 * What making and removing a helper takes. These are writes: a read-only session has no such
 * engine, so it makes no helper (and what only a helper could read stays unknown).
 */
export type HelperEngine = EngineReads & Pick<EngineWrites, 'importImage' | 'createContainer' | 'removeContainer'>;

/** What undoing a killed run takes: starting its stopped writers, removing its volume and helper. */
export type RecoveryEngine = EngineReads & Pick<EngineWrites, 'startContainer' | 'removeContainer' | 'deleteVolume'>;

export interface HelperMount {
  type: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}

/**
 * The helper image's id, imported first when the engine has none. Containers are made from the id,
 * never the name: Podman stores names its own way (`localhost/stowage/helper:empty` from its CLI,
 * `docker.io/…` through the API) and its create endpoint reads a short name as `docker.io/…`,
 * so a name that works on Docker can miss there (404). The id is read alike by both.
 */
async function ensureHelperImage(engine: HelperEngine): Promise<string> {
  const existing = await engine.imageId(HELPER_IMAGE);
  if (existing) return existing;
  const imported = (await engine.importImage(EMPTY_TAR, HELPER_IMAGE, [`LABEL ${HELPER_LABEL}=true`])) ?? (await engine.imageId(HELPER_IMAGE));
  if (!imported) throw new StowageError(`the engine imported ${HELPER_IMAGE} but does not find it by that name: remove it (\`docker image rm ${HELPER_IMAGE}\`) and try again`);
  return imported;
}

const ownerHere = () => `${hostname()}:${process.pid}`;

/** stowage's temporary files only: `.<name>.partial-<8 hex>` or `<name>.partial-<8 hex>`. */
export const isStowagePartial = (path: string) => /\.partial-[0-9a-f]{8}$/.test(basename(path));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An existing volume a killed restore was writing into, as its helper's labels say (outside input). */
export interface PartialRestore {
  volume: string;
  file: string;
  safetyBackup: string | null;
  /** Whether the safety backup is still a file here. */
  safetyBackupThere: boolean;
}

export interface Recovery {
  /** Containers started again, by name. */
  started: string[];
  removedFiles: string[];
  removedVolumes: string[];
  partialRestores: PartialRestore[];
  helpers: number;
  /** Helpers of a stowage run on another machine, left alone: it may still be running. */
  foreign: string[];
  /** What could not be undone, each with its next step. */
  problems: string[];
}

/**
 * Undoes what killed runs left: for each helper whose owner is gone, starts the containers it
 * recorded as stopped (if they still are), removes its partial files and the volume it created,
 * then the helper; an existing volume it was restoring into is kept and reported with its way
 * back. Helpers of a live stowage process are left alone.
 */
export async function recoverLeftovers(engine: RecoveryEngine): Promise<Recovery> {
  const recovery: Recovery = { started: [], removedFiles: [], removedVolumes: [], partialRestores: [], helpers: 0, foreign: [], problems: [] };
  const leftovers = await engine.listContainersWithLabel(HELPER_LABEL);
  for (const helper of leftovers) {
    const labels = helper.Labels ?? {};
    const owner = labels[OWNER_LABEL];
    if (owner) {
      const [host, pid] = [owner.slice(0, owner.lastIndexOf(':')), Number(owner.slice(owner.lastIndexOf(':') + 1))];
      if (host !== hostname()) {
        recovery.foreign.push(host);
        continue;
      }
      if (pid === process.pid || alive(pid)) continue;
    }
    for (const id of (labels[STOPPED_LABEL] ?? '').split(',').filter(Boolean)) {
      const container = await engine.inspectContainer(id).catch(() => null);
      if (!container) continue;
      const name = container.Name?.replace(/^\//, '') ?? id.slice(0, 12);
      if (container.State?.Running) continue;
      await engine.startContainer(id).then(
        () => recovery.started.push(name),
        (error: Error) => recovery.problems.push(`could not start ${name} again (${error.message}): start it with \`docker start ${name}\``),
      );
    }
    let partials: unknown = [];
    try {
      partials = JSON.parse(labels[PARTIALS_LABEL] ?? '[]');
    } catch {
      partials = [];
    }
    for (const path of Array.isArray(partials) ? partials : []) {
      if (typeof path !== 'string' || !isStowagePartial(path)) continue;
      const existed = await rm(path).then(() => true, () => false);
      if (existed) recovery.removedFiles.push(path);
    }
    const volume = labels[CREATED_VOLUME_LABEL];
    const into = labels[RESTORE_INTO_LABEL];
    if (into && !volume) {
      const safetyBackup = labels[SAFETY_BACKUP_LABEL] || null;
      const safetyBackupThere = safetyBackup !== null && (await lstat(safetyBackup).then((found) => found.isFile(), () => false));
      recovery.partialRestores.push({ volume: into, file: labels[RESTORE_FILE_LABEL] ?? '', safetyBackup, safetyBackupThere });
    }
    if (volume) {
      // The helper itself mounts the volume: remove it first.
      await engine.removeContainer(helper.Id).catch(() => undefined);
      await engine.deleteVolume(volume).then(
        () => recovery.removedVolumes.push(volume),
        (error: Error) => recovery.problems.push(`the half-restored volume ${volume} is still there (${error.message}): remove it with \`docker volume rm ${volume}\``),
      );
    }
    await engine.removeContainer(helper.Id).then(() => recovery.helpers++, () => undefined);
  }
  return recovery;
}

export interface HelperRecord {
  stopped?: string[];
  partials?: string[];
  createdVolume?: string;
  /** A restore into an existing volume: what it writes, and where the volume's contents before are. */
  restore?: { volume: string; file: string; safetyBackup: string | null };
}

/** Creates a helper with `mounts` and what it must undo if the action is killed; returns its id. */
export async function createHelper(engine: HelperEngine, mounts: HelperMount[], record: HelperRecord = {}): Promise<string> {
  const image = await ensureHelperImage(engine);
  const labels: Record<string, string> = { [HELPER_LABEL]: 'true', [OWNER_LABEL]: ownerHere() };
  if (record.stopped?.length) labels[STOPPED_LABEL] = record.stopped.join(',');
  if (record.partials?.length) labels[PARTIALS_LABEL] = JSON.stringify(record.partials);
  if (record.createdVolume) labels[CREATED_VOLUME_LABEL] = record.createdVolume;
  if (record.restore) {
    labels[RESTORE_INTO_LABEL] = record.restore.volume;
    labels[RESTORE_FILE_LABEL] = record.restore.file;
    if (record.restore.safetyBackup) labels[SAFETY_BACKUP_LABEL] = record.restore.safetyBackup;
  }
  return engine.createContainer(`stowage-helper-${randomBytes(4).toString('hex')}`, {
    Image: image,
    Cmd: ['none'],
    Labels: labels,
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: 'none',
      // Mounts (not Binds): a missing bind source is an error here, never created.
      Mounts: mounts.map((mount) => ({
        Type: mount.type,
        Source: mount.source,
        Target: mount.target,
        ReadOnly: mount.readOnly,
        ...(mount.type === 'volume' ? { VolumeOptions: { NoCopy: true } } : {}),
      })),
    },
  });
}

/** Creates a helper with `mounts`, hands its id to `use`, and always removes it. */
export async function withHelper<T>(engine: HelperEngine, mounts: HelperMount[], use: (id: string) => Promise<T>): Promise<T> {
  const id = await createHelper(engine, mounts);
  try {
    return await use(id);
  } finally {
    await engine.removeContainer(id).catch(() => undefined);
  }
}
