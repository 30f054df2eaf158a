import { type BackupResult, runBackup, type TransferProgress } from '../actions/backup.js';
import { say } from '../actions/exit-guard.js';
import { type BeforeRestore, runRestore } from '../actions/restore.js';
import { keptSafetyBackupText } from '../actions/restore-safety.js';
import type { Engine } from '../engine/engine.js';
import { UsageError } from '../errors.js';
import { type BackupPlan, safetyBackupFileName } from '../model/backup-plan.js';
import { join, resolve } from 'node:path';
import { formatBytes } from '../model/format-bytes.js';
import { notCarriedText } from '../actions/not-carried.js';
import type { Snapshot } from '../model/types.js';
import { displayable } from '../text/displayable.js';
import { engineTitle } from '../model/engine-name.js';
import { ask, interactive } from './prompt.js';

export function backupPlanText(plan: BackupPlan, directory: string): string {
  const lines = [
    `Back up volume ${plan.volume.name} (${plan.volume.sizeBytes === null ? 'size unknown' : formatBytes(plan.volume.sizeBytes)}) to ${directory}/${plan.fileName}`,
  ];
  for (const writer of plan.writers) {
    lines.push(`  ${writer.container.name} is running and writes to it at ${writer.destination}`);
    if (writer.database) {
      lines.push(`  ! ${writer.container.name} looks like ${writer.database.what}: a file copy of a live database may not restore; ${writer.database.dumpTool} makes a consistent dump`);
    }
  }
  return `${lines.map(displayable).join('\n')}\n`;
}

export function progressLine(progress: TransferProgress): string {
  const share = progress.totalBytes ? Math.min(1, progress.bytes / progress.totalBytes) : 0;
  const bar = `[${'#'.repeat(Math.round(share * 20)).padEnd(20)}]`;
  const eta = progress.etaSeconds === null ? '' : ` ETA ${Math.ceil(progress.etaSeconds)} s`;
  return `${bar} ${formatBytes(progress.bytes)}${progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : ''} at ${formatBytes(progress.bytesPerSecond)}/s${eta}`;
}

export interface BackupFlags {
  directory: string;
  level: number | null;
  stop: boolean;
  live: boolean;
}

export async function backupCommand(engine: Engine, snapshot: Snapshot, plan: BackupPlan, flags: BackupFlags): Promise<number> {
  process.stdout.write(backupPlanText(plan, flags.directory));
  let stopWriters = flags.stop;
  if (plan.writers.length && !flags.stop && !flags.live) {
    if (!interactive()) {
      throw new UsageError(`${plan.writers.map((w) => w.container.name).join(', ')} ${plan.writers.length === 1 ? 'writes' : 'write'} to ${plan.volume.name}: pass --stop to stop them for the backup (they are started again after), or --live to copy while they run`);
    }
    const answer = (await ask('Stop them for the backup and start them again after [s], copy live [l], or cancel [c]? ')).toLowerCase();
    if (answer !== 's' && answer !== 'l') {
      process.stdout.write('Cancelled; nothing written.\n');
      return 0;
    }
    stopWriters = answer === 's';
  }
  // Signals and crashes are the exit guard's (exit-guard.ts): it cancels the backup and undoes it.
  const result = await runBackup(engine, plan, {
    directory: flags.directory,
    level: flags.level,
    stopWriters,
    engineDescription: `${snapshot.engine.host} (${engineTitle(snapshot.engine)})`,
    onProgress: (progress) => {
      if (process.stderr.isTTY) say(`\r${progressLine(progress)}\x1b[K`);
    },
  });
  if (process.stderr.isTTY) say('\n');
  process.stdout.write(`Wrote ${displayable(result.file)} (${formatBytes(result.bytes)}, ${result.entries} entries), verified: sha256 ${result.sha256}\n`);
  process.stdout.write(`${backupCarryLine(result)}\n`);
  return 0;
}

/** What the backup holds differently from the volume, or what could not be checked. */
export function backupCarryLine(result: BackupResult): string {
  if (result.notCarried.length) return `! ${displayable(notCarriedText(result.notCarried, formatBytes))}`;
  if (result.checked.length === 3) return 'Every entry is carried: no sockets, sparse files or extended attributes the engine would drop.';
  const missing = (['sockets', 'sparse files', 'xattrs'] as const).filter((what) => !result.checked.includes(what));
  return `Not checked (${missing.join(', ')}): the engine's archive skips sockets, keeps only security.capability of extended attributes and restores sparse files dense${result.checked.length ? '' : '; the volume is not readable on this machine'}.`;
}

/** What becomes of the volume's current contents, said before anything is written; null for a new volume. */
function beforeRestoreLine(before: BeforeRestore, file: string, volume: string): string | null {
  if (before.kind === 'new') return null;
  if (before.kind === 'empty') return `Volume ${volume} is empty: no safety backup needed; restoring ${file} into it.`;
  const { entries, fileBytes } = before.current;
  return `Saving the current contents of volume ${volume} (${entries} entries, ${formatBytes(fileBytes)}) to ${before.safetyBackup} first, then restoring ${file} into it.`;
}

/** `directory`: where the volume's current contents are saved before the restore writes into them. */
export async function restoreCommand(engine: Engine, snapshot: Snapshot, file: string, volume: string, confirmNonEmpty: string | undefined, directory: string): Promise<number> {
  const existing = snapshot.volumes.some((candidate) => candidate.name === volume);
  const result = await runRestore(engine, file, volume, existing, {
    confirmNonEmpty,
    engineDescription: `${snapshot.engine.host} (${engineTitle(snapshot.engine)})`,
    safetyBackup: join(resolve(directory), safetyBackupFileName(volume, new Date())),
    onBefore: (before) => {
      const line = beforeRestoreLine(before, file, volume);
      if (line) process.stdout.write(`${displayable(line)}\n`);
    },
  });
  process.stdout.write(
    `Restored ${displayable(file)} into ${result.created ? 'the new' : 'the'} volume ${displayable(volume)}: ${result.restored.entries} entries, ${formatBytes(result.restored.fileBytes)} (the backup has ${result.expected.entries}, ${formatBytes(result.expected.fileBytes)})\n`,
  );
  if (result.safetyBackup) process.stdout.write(`${keptSafetyBackupText({ file, volume, safetyBackup: result.safetyBackup }, engine.address)}\n`);
  return 0;
}
