import { type BackupResult, runBackup, type TransferProgress } from '../actions/backup.js';
import { say } from '../actions/exit-guard.js';
import { runRestore } from '../actions/restore.js';
import type { Engine } from '../engine/engine.js';
import { UsageError } from '../errors.js';
import type { BackupPlan } from '../model/backup-plan.js';
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

export async function restoreCommand(engine: Engine, snapshot: Snapshot, file: string, volume: string, confirmNonEmpty: string | undefined): Promise<number> {
  const existing = snapshot.volumes.some((candidate) => candidate.name === volume);
  const result = await runRestore(engine, file, volume, existing, {
    confirmNonEmpty,
    engineDescription: `${snapshot.engine.host} (${engineTitle(snapshot.engine)})`,
  });
  process.stdout.write(
    `Restored ${displayable(file)} into ${result.created ? 'the new' : 'the'} volume ${displayable(volume)}: ${result.restored.entries} entries, ${formatBytes(result.restored.fileBytes)} (the backup has ${result.expected.entries}, ${formatBytes(result.expected.fileBytes)})\n`,
  );
  return 0;
}
