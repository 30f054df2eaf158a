// `stowage restore FILE`: the backup checked, then restored into a new volume, or into one with
// data once its current contents are saved beside the backup.
import { dirname, join, resolve } from 'node:path';
import { type BeforeRestore, runRestore } from '../actions/restore.js';
import { keptSafetyBackupText } from '../actions/restore-safety.js';
import { UsageError } from '../errors.js';
import { safetyBackupFileName } from '../model/backup-plan.js';
import { engineTitle } from '../model/engine-name.js';
import { formatBytes } from '../model/format-bytes.js';
import { displayable } from '../text/displayable.js';
import { defineAction } from './action-command.js';
import { ENGINE_FLAGS, type EngineChoice, noOperands, oneEngine } from './command.js';

export interface RestoreOptions extends EngineChoice {
  command: 'restore';
  /** The backup file. */
  file: string;
  volume: string;
  confirmNonEmpty: string | undefined;
  /** Where the volume's current contents are saved before the restore writes into them. */
  output: string;
}

export const restoreCommand = defineAction({
  name: 'restore',
  usage: 'stowage restore FILE --volume NAME',
  summary: 'check it, restore into a new volume',
  flags: [...ENGINE_FLAGS, 'volume', 'output', 'confirm-non-empty'],
  parse(values, [file, ...extra]): RestoreOptions {
    noOperands(extra);
    if (!file) throw new UsageError('restore needs the backup file: stowage restore FILE --volume NAME');
    if (!values.volume) throw new UsageError('restore needs --volume NAME');
    return {
      command: 'restore', ...oneEngine('restore', values),
      file, volume: values.volume, confirmNonEmpty: values['confirm-non-empty'], output: values.output ?? dirname(resolve(file)),
    };
  },
  async run({ file, volume, confirmNonEmpty, output }, { engine, snapshot }) {
    const existing = snapshot.volumes.some((candidate) => candidate.name === volume);
    const result = await runRestore(engine, file, volume, existing, {
      confirmNonEmpty,
      engineDescription: `${snapshot.engine.host} (${engineTitle(snapshot.engine)})`,
      safetyBackup: join(resolve(output), safetyBackupFileName(volume, new Date())),
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
  },
});

/** What becomes of the volume's current contents, said before anything is written; null for a new volume. */
function beforeRestoreLine(before: BeforeRestore, file: string, volume: string): string | null {
  if (before.kind === 'new') return null;
  if (before.kind === 'empty') return `Volume ${volume} is empty: no safety backup needed; restoring ${file} into it.`;
  const { entries, fileBytes } = before.current;
  return `Saving the current contents of volume ${volume} (${entries} entries, ${formatBytes(fileBytes)}) to ${before.safetyBackup} first, then restoring ${file} into it.`;
}
