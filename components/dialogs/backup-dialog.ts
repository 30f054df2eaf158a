// Backup: the plan (volumes, sizes, destination, the running containers that write to them and a
// choice to stop them or copy live, compression), then progress with Esc to cancel, then the
// verified result with what the archive could not carry.
import type { BackupResult, TransferProgress } from '../../src/actions/backup.js';
import { notCarriedText } from '../../src/actions/not-carried.js';
import { DEFAULT_GZIP_LEVEL } from '../../src/actions/parallel-gzip.js';
import { type BackupPlan, planBackup } from '../../src/model/backup-plan.js';
import type { Snapshot } from '../../src/model/types.js';
import { formatSize } from '../derive/format.js';
import { bar, type DialogContext, type DialogInput, type DialogLines, notice, readOnlyNotice, type Step } from './dialog-step.js';

/** The compression levels +/- step through: none (a plain .tar), then gzip levels. */
export const LEVELS: (number | null)[] = [null, 1, 3, DEFAULT_GZIP_LEVEL, 6, 9];

export type BackupDialog =
  /** `stopWriters` is null until the user chose, when containers write to the volumes. */
  | { kind: 'backup'; step: 'plan'; plans: BackupPlan[]; directory: string; level: number | null; stopWriters: boolean | null }
  /** The destination folder in a text field: another disk, when this one is full. */
  | { kind: 'backup'; step: 'destination'; plans: BackupPlan[]; directory: string; level: number | null; stopWriters: boolean | null; typed: string }
  | { kind: 'backup'; step: 'running'; plans: BackupPlan[]; current: number; progress: TransferProgress | null; directory: string }
  | { kind: 'backup'; step: 'result'; results: BackupResult[]; error: string | null };

export function openBackup(snapshot: Snapshot, volumes: string[], directory: string, readOnly: boolean, now: Date): Step<BackupDialog> {
  if (readOnly) return { dialog: readOnlyNotice('A backup') };
  const plans = volumes.map((volume) => planBackup(snapshot, volume, now, true)).filter((plan): plan is BackupPlan => plan !== null);
  if (!plans.length) return { dialog: notice('Backup', 'This container has no volume to back up.') };
  const writers = plans.some((plan) => plan.writers.length > 0);
  return { dialog: { kind: 'backup', step: 'plan', plans, directory, level: DEFAULT_GZIP_LEVEL, stopWriters: writers ? null : false } };
}

export function stepBackup(dialog: BackupDialog, input: DialogInput, context: DialogContext): Step<BackupDialog> {
  const command = input.type === 'command' ? input.command : null;
  const stay = { dialog };
  switch (dialog.step) {
    case 'plan': {
      if (command === 'back' || command === 'no') return { dialog: null };
      if (command === 'stopWriters') return { dialog: { ...dialog, stopWriters: true } };
      if (command === 'rename') return { dialog: { ...dialog, step: 'destination', typed: dialog.directory } };
      if (command === 'copyLive') return { dialog: { ...dialog, stopWriters: false } };
      if (command === 'levelUp' || command === 'levelDown') {
        const index = LEVELS.indexOf(dialog.level) + (command === 'levelUp' ? 1 : -1);
        const level = LEVELS[Math.max(0, Math.min(LEVELS.length - 1, index))] ?? null;
        // The file name follows the compression (.tar or .tar.gz).
        const snapshot = context.snapshot;
        const plans = snapshot ? dialog.plans.map((plan) => planBackup(snapshot, plan.volume.name, context.now(), level !== null) ?? plan) : dialog.plans;
        return { dialog: { ...dialog, level, plans } };
      }
      if ((command === 'open' || command === 'yes') && dialog.stopWriters !== null) {
        const { plans, directory, level } = dialog;
        return {
          dialog: { kind: 'backup', step: 'running', plans, current: 0, progress: null, directory },
          effect: { type: 'backup', plans, directory, level, stopWriters: dialog.stopWriters },
        };
      }
      return stay;
    }
    case 'destination': {
      const { typed, ...plan } = dialog;
      if (command === 'back') return { dialog: { ...plan, step: 'plan' } };
      if (input.type === 'text') return { dialog: { ...dialog, typed: input.text } };
      // The folder is checked before anything is stopped, when the backup starts.
      if (input.type === 'submit') return { dialog: { ...plan, step: 'plan', directory: typed.trim() || dialog.directory } };
      return stay;
    }
    case 'running':
      if (command === 'back') return { dialog, effect: { type: 'cancelBackup' } };
      if (input.type !== 'event') return stay;
      if (input.event.type === 'backupProgress') return { dialog: { ...dialog, current: input.event.current, progress: input.event.progress } };
      if (input.event.type === 'backupDone') return { dialog: { kind: 'backup', step: 'result', results: input.event.results, error: input.event.error } };
      return stay;
    case 'result':
      return command === 'back' || command === 'open' ? { dialog: null } : stay;
  }
}

export function backupLines(dialog: BackupDialog, width: number): DialogLines {
  switch (dialog.step) {
    case 'plan': {
      const lines: string[] = [];
      for (const plan of dialog.plans) {
        lines.push(`${plan.volume.name}  ${formatSize(plan.volume.sizeBytes)}  → ${dialog.directory}/${plan.fileName}`);
        for (const writer of plan.writers) {
          lines.push(`  ${writer.container.name} is running and writes to it (${writer.destination})`);
          if (writer.database) lines.push(`  ! a file copy of a live ${writer.database.what} may not restore; ${writer.database.dumpTool} makes a consistent dump`);
        }
      }
      const writers = dialog.plans.some((plan) => plan.writers.length);
      lines.push('', `compression: ${dialog.level === null ? 'none (.tar)' : `gzip -${dialog.level}, on every core`}   (+/- to change)`);
      if (writers) {
        lines.push(
          dialog.stopWriters === null
            ? 'Choose: s stop them for the backup and start them again after, or l copy while they run.'
            : dialog.stopWriters
              ? 'They will be stopped for the backup and started again after, also if it fails or is cancelled.'
              : 'Copying live: the files may change while they are read.',
        );
      }
      const ready = dialog.stopWriters !== null;
      return { title: 'Back up', lines, keys: `${writers ? 's stop  l live  ' : ''}+/- compression  e folder  ${ready ? '⏎ start  ' : ''}Esc cancel` };
    }
    case 'destination':
      return {
        title: 'Back up into which folder?',
        lines: [...dialog.plans.map((plan) => `${plan.volume.name}  ${formatSize(plan.volume.sizeBytes)}  → ${plan.fileName}`), '', 'A folder on another disk, then ⏎ (it is checked before anything is stopped):'],
        keys: '⏎ keep this folder  Esc back',
        field: { label: '> ', value: dialog.typed },
      };
    case 'running': {
      const plan = dialog.plans[dialog.current];
      const progress = dialog.progress;
      const total = progress?.totalBytes ?? plan?.volume.sizeBytes ?? null;
      const share = progress && total ? progress.bytes / total : 0;
      return {
        title: `Backing up ${plan?.volume.name ?? ''} (${dialog.current + 1} of ${dialog.plans.length})`,
        lines: [
          `${bar(share, Math.max(10, Math.min(40, width - 50)))} ${formatSize(progress?.bytes ?? 0)} of ${formatSize(total)}`,
          progress
            ? `${formatSize(progress.bytesPerSecond)}/s${progress.etaSeconds === null ? '' : `, ETA ${Math.ceil(progress.etaSeconds)} s`}`
            : plan?.writers.length ? 'stopping the containers that write to it…' : 'starting…',
        ],
        keys: 'Esc cancel',
      };
    }
    case 'result':
      return {
        title: dialog.error ? 'Backup failed' : 'Backup written and verified',
        lines: [
          ...dialog.results.flatMap((result) => [
            `${result.file}  ${formatSize(result.bytes)}, ${result.entries} entries, sha256 ${result.sha256.slice(0, 16)}…`,
            ...(result.notCarried.length ? [`! ${notCarriedText(result.notCarried, formatSize)}`] : []),
          ]),
          ...(dialog.error ? [`! ${dialog.error}`] : []),
        ],
        keys: '⏎ or Esc close',
      };
  }
}
