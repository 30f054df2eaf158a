// What a backup of a volume involves, shown before it starts: size, destination, and the running
// containers that write to it, with the warning a live database copy deserves.
import { statefulMount } from '../stateful-paths.js';
import type { ContainerStorage, Snapshot, VolumeUsage } from './types.js';

export interface LiveWriter {
  container: ContainerStorage;
  destination: string;
  /** A known database: a file copy of it live may not restore. */
  database: { what: string; dumpTool: string | null } | null;
}

export interface BackupPlan {
  volume: VolumeUsage;
  /** Running containers that mount the volume read-write. */
  writers: LiveWriter[];
  /** `<volume>-<UTC time>.tar.gz` (or `.tar` without compression). */
  fileName: string;
}

/** 2026-11-23T14:05:09Z → 20261123T140509Z: sortable, no characters a shell or a filesystem minds. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

export function planBackup(snapshot: Snapshot, volumeName: string, now: Date, compressed: boolean): BackupPlan | null {
  const volume = snapshot.volumes.find((candidate) => candidate.name === volumeName);
  if (!volume) return null;
  const writers: LiveWriter[] = [];
  for (const container of snapshot.containers) {
    if (container.state !== 'running') continue;
    for (const mount of container.volumes) {
      if (mount.name !== volumeName || mount.readOnly) continue;
      const stateful = statefulMount(mount.destination, container.image);
      writers.push({ container, destination: mount.destination, database: stateful?.dumpTool ? { what: stateful.what, dumpTool: stateful.dumpTool } : null });
    }
  }
  return { volume, writers, fileName: `${volumeName}-${backupStamp(now)}.tar${compressed ? '.gz' : ''}` };
}

/** `<volume>-before-restore-<UTC time>.tar.gz`: what a volume held before a restore wrote over it. */
export function safetyBackupFileName(volumeName: string, now: Date): string {
  return `${volumeName}-before-restore-${backupStamp(now)}.tar.gz`;
}
