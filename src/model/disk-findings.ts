// A full or nearly full file system under Docker's data: how full, what fills it, with each
// consumer's share, and the next steps. Pure; unknown figures give no finding.
import { notEngines } from './engine-name.js';
import { type Consumer, consumers, fileSystemName, inodesUsedPercent, usedPercent } from './file-systems.js';
import { formatBytes } from './format-bytes.js';
import type { FileSystemUsage, Finding, Snapshot } from './types.js';
import { shellQuote as q } from '../text/shell-quote.js';

export interface DiskThresholds {
  /** Percent used (df's reckoning) from which a disk is full: danger. */
  diskFullPercent: number;
  /** Percent used from which a disk is nearly full: warning. */
  diskNearlyFullPercent: number;
  /** A nearly full disk with less than this free is full: danger. */
  diskFullFreeBytes: number;
  /** A log holding this share of its file system is a danger, whatever its size. */
  logDangerShare: number;
  /** ...once it is at least this big (a quarter of a tiny tmpfs is no news). */
  logShareFloorBytes: number;
}

export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = {
  diskFullPercent: 95,
  diskNearlyFullPercent: 85,
  diskFullFreeBytes: 1_000_000_000,
  logDangerShare: 0.25,
  logShareFloorBytes: 10_000_000,
};

const percentOf = (bytes: number, fileSystem: FileSystemUsage) =>
  fileSystem.sizeBytes ? `${Math.round((bytes * 100) / fileSystem.sizeBytes)}%` : '?';

/** "the log of noisy holds 57% of it, images 8%": the three biggest, those of 1% or more. */
function shares(top: Consumer[], fileSystem: FileSystemUsage): string {
  const size = fileSystem.sizeBytes ?? 0;
  return top.filter((consumer, index) => index === 0 || consumer.bytes * 100 >= size).map((consumer, index) => `${consumer.label}${index ? '' : ' holds'} ${percentOf(consumer.bytes, fileSystem)}${index ? '' : ' of it'}`).join(', ');
}

const LOG_CAP = `then cap logs: docker run --log-opt max-size=10m --log-opt max-file=3 …; compose: logging: { options: { max-size: "10m" } }; every new container: /etc/docker/daemon.json "log-opts": {"max-size": "10m", "max-file": "3"}`;

/** The next step for each consumer, in the order they fill the disk. */
function steps(top: Consumer[], fileSystem: FileSystemUsage, snapshot: Pick<Snapshot, 'containers' | 'diskUsage'>): string[] {
  const lines: string[] = [];
  const where = fileSystemName(fileSystem);
  for (const consumer of top) {
    if (consumer.container) {
      const path = snapshot.containers.find((container) => container.name === consumer.container)?.log.path;
      lines.push(`${consumer.label}: sudo truncate -s 0 ${path ? q(path) : '<log path>'}`, `  ${LOG_CAP}; a cap applies to new containers: recreate ${consumer.container}`);
    } else if (consumer.volume) {
      lines.push(`${consumer.label}: move it to a bigger disk: stowage backup --volume ${q(consumer.volume)} --output /other/disk, then stowage restore`);
    } else if (consumer.remedy?.kind === 'prune') {
      const { diskUsage } = snapshot;
      const reclaimable = [diskUsage.images, diskUsage.containers, diskUsage.buildCache, diskUsage.volumes].reduce((sum, totals) => sum + (totals.reclaimableBytes ?? 0), 0);
      if (!lines.some((line) => line.startsWith('reclaim'))) lines.push(`reclaim ${formatBytes(reclaimable)}: stowage prune (p here) previews what goes`);
    } else if (consumer.notEngines) {
      lines.push(`${consumer.label}: the biggest folders: sudo du -xh --max-depth=2 ${q(where)} | sort -h | tail`, `  deleted files still held open: sudo lsof +L1 ${q(where)}`);
    }
  }
  return lines;
}

/** "the engine root dir, 2 volumes, 3 container logs": what a file system holds, counted. */
function held(fileSystem: FileSystemUsage): string {
  const count = (prefix: string, one: string, many: string) => {
    const n = fileSystem.holds.filter((hold) => hold.startsWith(prefix)).length;
    return n ? [`${n} ${n === 1 ? one : many}`] : [];
  };
  return [
    ...(fileSystem.holds.includes('engine root dir') ? ['the engine root dir (images, writable layers, build cache)'] : []),
    ...count('volume ', 'volume', 'volumes'), ...count('log of ', 'container log', 'container logs'), ...count('bind ', 'bind source', 'bind sources'),
  ].join(', ');
}

/** Findings of each file system that is full or nearly so, in bytes or in inodes. */
export function diskFindings(snapshot: Omit<Snapshot, 'findings'>, thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS): Finding[] {
  const found: Finding[] = [];
  for (const fileSystem of snapshot.fileSystems ?? []) {
    const name = fileSystemName(fileSystem);
    const ranked = consumers(fileSystem, snapshot);
    const top = ranked.slice(0, 3);
    const marks = {
      containers: top.flatMap((consumer) => (consumer.container ? [consumer.container] : [])),
      volumes: top.flatMap((consumer) => (consumer.volume ? [consumer.volume] : [])),
    };
    const remedy = ranked.find((consumer) => consumer.remedy)?.remedy;
    const subject = { kind: 'file-system' as const, name };
    const percent = usedPercent(fileSystem);
    if (percent !== null && fileSystem.sizeBytes !== null && fileSystem.freeBytes !== null && percent >= thresholds.diskNearlyFullPercent) {
      const full = percent >= thresholds.diskFullPercent || fileSystem.freeBytes < thresholds.diskFullFreeBytes;
      const { docker } = fileSystem;
      const part = (label: string, bytes: number | null) => (bytes ? [`${label} ${formatBytes(bytes)}`] : []);
      const parts = [
        ...part('images', docker.images), ...part('writable layers', docker.writableLayers), ...part('volumes', docker.volumes),
        ...part('container logs', docker.logs), ...part('build cache', docker.buildCache), ...part(notEngines(snapshot.engine), docker.notDockers),
      ];
      found.push({
        id: full ? 'disk-full' : 'disk-nearly-full', severity: full ? 'danger' : 'warning', subject, mount: null, ...marks,
        title: `disk ${name} is ${percent}% ${full ? 'full' : 'used'}: ${formatBytes(fileSystem.freeBytes)} free of ${formatBytes(fileSystem.sizeBytes)}${top.length ? `; ${shares(top, fileSystem)}` : ''}`,
        why: `It holds ${held(fileSystem)}. When it is full, every write on it fails with "No space left on device": logs, writable layers and volumes on it, and the engine's pulls, builds and new containers.${parts.length ? ` Its used bytes: ${parts.join(', ')}.` : ''}`,
        fix: steps(top, fileSystem, snapshot).join('\n') || `find what fills it: sudo du -xh --max-depth=2 ${q(name)} | sort -h | tail`,
        ...(remedy ? { remedy } : {}),
      });
    }
    const inodePercent = inodesUsedPercent(fileSystem);
    if (inodePercent !== null && fileSystem.freeInodes !== null && inodePercent >= thresholds.diskNearlyFullPercent) {
      const full = inodePercent >= thresholds.diskFullPercent;
      found.push({
        id: full ? 'inodes-full' : 'inodes-nearly-full', severity: full ? 'danger' : 'warning', subject, mount: null, containers: [], volumes: [],
        title: `disk ${name} has ${inodePercent}% of its inodes used: ${fileSystem.freeInodes.toLocaleString('en-US')} free`,
        why: 'Every file takes an inode: with none left, writes fail with "No space left on device" while bytes are still free. Many small files (build cache, node_modules in layers, session or cache volumes) use them up.',
        fix: `find the folders with the most files: sudo du --inodes -x --max-depth=3 ${q(name)} | sort -n | tail\n  unused images and build cache: stowage prune (p here) previews what goes`,
        remedy: { kind: 'prune' },
      });
    }
  }
  return found;
}
