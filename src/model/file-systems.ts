// Which file system holds which of Docker's bytes: the engine root dir's (images, writable
// layers, build cache, and logs and volumes under it), each volume's, bind source's and log's.
// Pure. Without statfs figures (a remote engine) paths under the root dir count on its file system.
import { notEngines } from './engine-name.js';
import type { RawFileSystems } from '../engine/raw.js';
import type { ContainerStorage, DiskUsage, FileSystemUsage, Remedy, Snapshot, VolumeUsage } from './types.js';

export const ENGINE_ROOT = 'engine root dir';
export const logHold = (container: string) => `log of ${container}`;
export const volumeHold = (volume: string) => `volume ${volume}`;

interface Tally {
  usage: FileSystemUsage;
  volumes: number | null;
  logs: number | null;
}

/** Adds a size to a sum that stays null once one part is unknown. */
const plus = (sum: number | null, bytes: number | null) => (sum === null || bytes === null ? null : sum + bytes);

const under = (path: string, root: string) => root !== '' && (path === root || path.startsWith(`${root.replace(/\/$/, '')}/`));

export function describeFileSystems(input: {
  rootDir: string;
  containers: ContainerStorage[];
  volumes: VolumeUsage[];
  diskUsage: DiskUsage;
  raw: RawFileSystems | null | undefined;
}): FileSystemUsage[] {
  const { rootDir, raw } = input;
  const tallies = new Map<number | 'root', Tally>();
  const open = (key: number | 'root', path: string): Tally => {
    let tally = tallies.get(key);
    if (!tally) {
      const read = typeof key === 'number' ? raw?.list[key] : undefined;
      const figures = read?.statfs ?? null;
      const block = (count: number) => (figures ? count * figures.bsize : null);
      // A file system without a fixed inode table (btrfs) reports 0 of them: not a count.
      const inodesKnown = figures !== null && figures.files > 0;
      tally = {
        usage: {
          path, mountPoint: read?.mountPoint ?? null, holds: [],
          sizeBytes: figures && block(figures.blocks), usedBytes: figures && block(figures.blocks - figures.bfree), freeBytes: figures && block(figures.bavail),
          inodes: inodesKnown ? figures.files : null, freeInodes: inodesKnown ? figures.ffree : null,
          docker: { images: 0, writableLayers: 0, volumes: 0, logs: 0, buildCache: 0, notDockers: null },
        },
        volumes: 0,
        logs: 0,
      };
      tallies.set(key, tally);
    }
    return tally;
  };
  const rootKey = raw?.byPath[rootDir] ?? 'root';
  const root = open(rootKey, rootDir);
  root.usage.holds.push(ENGINE_ROOT);
  root.usage.docker.images = input.diskUsage.images.sizeBytes;
  root.usage.docker.writableLayers = input.diskUsage.containers.sizeBytes;
  root.usage.docker.buildCache = input.diskUsage.buildCache.sizeBytes;
  const on = (path: string): Tally | null => {
    const key = raw?.byPath[path];
    if (typeof key === 'number') return open(key, path);
    // Not read (a remote engine; no permission to search the root dir): by where the path is.
    return under(path, rootDir) ? root : null;
  };

  for (const volume of input.volumes) {
    const tally = volume.mountpoint ? on(volume.mountpoint) : null;
    if (!tally) continue;
    tally.usage.holds.push(volumeHold(volume.name));
    tally.volumes = plus(tally.volumes, volume.sizeBytes);
  }
  const sources = new Set(input.containers.flatMap((container) => container.bindMounts.map((bind) => bind.source)));
  for (const source of sources) on(source)?.usage.holds.push(`bind ${source}`);
  for (const container of input.containers) {
    const tally = container.log.path ? on(container.log.path) : null;
    if (!tally) continue;
    tally.usage.holds.push(logHold(container.name));
    tally.logs = plus(tally.logs, container.log.sizeBytes);
  }

  return [...tallies.values()].map(({ usage, volumes, logs }) => {
    const docker = { ...usage.docker, volumes, logs };
    const dockers = [docker.images, docker.writableLayers, docker.volumes, docker.logs, docker.buildCache].reduce(plus, 0);
    // Sizes are apparent bytes, the used figure allocated blocks: the rest is never below 0.
    docker.notDockers = usage.usedBytes === null || dockers === null ? null : Math.max(0, usage.usedBytes - dockers);
    return { ...usage, docker };
  });
}

/** The engine root dir's file system, or null in a snapshot saved before they were read. */
export function rootFileSystem(snapshot: Pick<Snapshot, 'fileSystems'>): FileSystemUsage | null {
  return snapshot.fileSystems?.find((fileSystem) => fileSystem.holds.includes(ENGINE_ROOT)) ?? null;
}

/** Percent used as df reckons it, used / (used + available), rounded up; null when unknown. */
export function usedPercent(fileSystem: Pick<FileSystemUsage, 'usedBytes' | 'freeBytes'>): number | null {
  const { usedBytes: used, freeBytes: free } = fileSystem;
  if (used === null || free === null) return null;
  return used + free === 0 ? 0 : Math.ceil((used * 100) / (used + free));
}

export function inodesUsedPercent(fileSystem: FileSystemUsage): number | null {
  const { inodes, freeInodes } = fileSystem;
  if (inodes === null || freeInodes === null || inodes === 0) return null;
  return Math.ceil(((inodes - freeInodes) * 100) / inodes);
}

/** The name a person knows a file system by: where it is mounted, else a path on it. */
export const fileSystemName = (fileSystem: FileSystemUsage) => fileSystem.mountPoint ?? fileSystem.path;

export interface Consumer {
  /** In words: 'the log of noisy', 'volume pgdata', 'images', "not Docker's". */
  label: string;
  bytes: number;
  remedy: Remedy | null;
  container?: string;
  volume?: string;
  /** The bytes that are none of the engine's. */
  notEngines?: true;
}

/**
 * What fills a file system, biggest first: each log and volume on it, the images, writable
 * layers and build cache (on the engine root's), and what is not Docker's.
 */
export function consumers(fileSystem: FileSystemUsage, snapshot: Pick<Snapshot, 'engine' | 'containers' | 'volumes' | 'diskUsage'>): Consumer[] {
  const holds = new Set(fileSystem.holds);
  const found: Consumer[] = [];
  for (const container of snapshot.containers) {
    if (holds.has(logHold(container.name)) && container.log.sizeBytes) {
      found.push({ label: `the log of ${container.name}`, bytes: container.log.sizeBytes, remedy: { kind: 'truncate-log', container: container.name }, container: container.name });
    }
  }
  for (const volume of snapshot.volumes) {
    if (holds.has(volumeHold(volume.name)) && volume.sizeBytes) {
      found.push({ label: `volume ${volume.name}`, bytes: volume.sizeBytes, remedy: { kind: 'backup', volume: volume.name }, volume: volume.name });
    }
  }
  const prunable = (totals: DiskUsage[keyof DiskUsage]) => ((totals.reclaimableBytes ?? 0) > 0 ? { kind: 'prune' as const } : null);
  const { docker } = fileSystem;
  if (docker.images) found.push({ label: 'images', bytes: docker.images, remedy: prunable(snapshot.diskUsage.images) });
  if (docker.writableLayers) found.push({ label: 'writable layers', bytes: docker.writableLayers, remedy: prunable(snapshot.diskUsage.containers) });
  if (docker.buildCache) found.push({ label: 'build cache', bytes: docker.buildCache, remedy: prunable(snapshot.diskUsage.buildCache) });
  if (docker.notDockers) found.push({ label: notEngines(snapshot.engine), bytes: docker.notDockers, remedy: null, notEngines: true });
  return found.sort((a, b) => b.bytes - a.bytes);
}

/** Each container's log's file system, by container name. */
export function logFileSystems(fileSystems: FileSystemUsage[] | undefined): Map<string, FileSystemUsage> {
  const byContainer = new Map<string, FileSystemUsage>();
  for (const fileSystem of fileSystems ?? []) {
    for (const hold of fileSystem.holds) if (hold.startsWith('log of ')) byContainer.set(hold.slice('log of '.length), fileSystem);
  }
  return byContainer;
}
