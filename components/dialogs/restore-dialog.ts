// Restore: choose a backup of the volume (from the manifests in the backup folder), see the target
// (a new volume, its name editable), confirm; restoring over an existing volume needs its name
// typed again, and its current contents are saved first beside the backup (kept afterwards).
// The restore itself checks the file before it creates anything.
import type { RestoreResult } from '../../src/actions/restore.js';
import { backupStamp, safetyBackupFileName } from '../../src/model/backup-plan.js';
import { dirname, join } from 'node:path';
import { formatSize, wrap } from '../derive/format.js';
import { type DialogContext, type DialogInput, type DialogLines, readOnlyNotice, type Step } from './dialog-step.js';

export type RestoreDialog =
  | { kind: 'restore'; step: 'listing'; volume: string; directory: string }
  | { kind: 'restore'; step: 'choose'; volume: string; files: string[]; cursor: number; directory: string }
  /** `existing`: the target is a volume the host has already. */
  | { kind: 'restore'; step: 'confirm'; file: string; target: string; existing: boolean }
  /** The target's name in a text field; `problem` says why the last one was not taken. */
  | { kind: 'restore'; step: 'name'; file: string; target: string; typed: string; problem: string | null }
  /** `safetyBackup`: where the target's current contents are saved before anything is written. */
  | { kind: 'restore'; step: 'typed'; file: string; target: string; typed: string; mismatch: boolean; safetyBackup: string }
  | { kind: 'restore'; step: 'running'; file: string; target: string }
  | { kind: 'restore'; step: 'result'; result: RestoreResult | null; error: string | null };

/** Docker's rule for volume names. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function openRestore(volume: string, directory: string, readOnly: boolean): Step<RestoreDialog> {
  if (readOnly) return { dialog: readOnlyNotice('A restore') };
  return { dialog: { kind: 'restore', step: 'listing', volume, directory }, effect: { type: 'listBackups', volume, directory } };
}

const exists = (context: DialogContext, name: string) => context.snapshot?.volumes.some((volume) => volume.name === name) ?? false;

export function stepRestore(dialog: RestoreDialog, input: DialogInput, context: DialogContext): Step<RestoreDialog> {
  const command = input.type === 'command' ? input.command : null;
  const stay = { dialog };
  switch (dialog.step) {
    case 'listing':
      if (command === 'back') return { dialog: null };
      if (input.type === 'event' && input.event.type === 'backupsListed' && input.event.volume === dialog.volume) {
        return { dialog: { kind: 'restore', step: 'choose', volume: dialog.volume, files: input.event.files, cursor: 0, directory: dialog.directory } };
      }
      return stay;
    case 'choose': {
      if (command === 'back') return { dialog: null };
      if (command === 'up' || command === 'down') {
        const count = Math.max(1, dialog.files.length);
        return { dialog: { ...dialog, cursor: (dialog.cursor + (command === 'up' ? count - 1 : 1)) % count } };
      }
      const file = dialog.files[dialog.cursor];
      if (command === 'open' && file) {
        const target = `${dialog.volume}-restored-${backupStamp(context.now()).toLowerCase()}`;
        return { dialog: { kind: 'restore', step: 'confirm', file: join(dialog.directory, file), target, existing: exists(context, target) } };
      }
      return stay;
    }
    case 'confirm':
      if (command === 'yes') {
        if (dialog.existing) {
          const safetyBackup = join(dirname(dialog.file), safetyBackupFileName(dialog.target, context.now()));
          return { dialog: { kind: 'restore', step: 'typed', file: dialog.file, target: dialog.target, typed: '', mismatch: false, safetyBackup } };
        }
        return { dialog: { kind: 'restore', step: 'running', file: dialog.file, target: dialog.target }, effect: { type: 'restore', file: dialog.file, target: dialog.target, existing: false } };
      }
      if (command === 'rename') return { dialog: { kind: 'restore', step: 'name', file: dialog.file, target: dialog.target, typed: dialog.target, problem: null } };
      // Default No.
      return command === 'back' || command === 'no' || command === 'open' ? { dialog: null } : stay;
    case 'name':
      if (command === 'back') return { dialog: { kind: 'restore', step: 'confirm', file: dialog.file, target: dialog.target, existing: exists(context, dialog.target) } };
      if (input.type === 'text') return { dialog: { ...dialog, typed: input.text, problem: null } };
      if (input.type === 'submit') {
        const name = dialog.typed.trim();
        if (!VOLUME_NAME.test(name)) return { dialog: { ...dialog, problem: 'a volume name is letters, digits, _ . and -, not starting with _ . or -' } };
        return { dialog: { kind: 'restore', step: 'confirm', file: dialog.file, target: name, existing: exists(context, name) } };
      }
      return stay;
    case 'typed':
      if (command === 'back') return { dialog: null };
      if (input.type === 'text') return { dialog: { ...dialog, typed: input.text, mismatch: false } };
      if (input.type === 'submit') {
        if (dialog.typed !== dialog.target) return { dialog: { ...dialog, typed: '', mismatch: true } };
        return {
          dialog: { kind: 'restore', step: 'running', file: dialog.file, target: dialog.target },
          effect: { type: 'restore', file: dialog.file, target: dialog.target, existing: true, confirmNonEmpty: dialog.typed, safetyBackup: dialog.safetyBackup },
        };
      }
      return stay;
    case 'running':
      if (input.type === 'event' && input.event.type === 'restoreDone') return { dialog: { kind: 'restore', step: 'result', result: input.event.result, error: input.event.error } };
      return stay;
    case 'result':
      return command === 'back' || command === 'open' ? { dialog: null } : stay;
  }
}

export function restoreLines(dialog: RestoreDialog, width: number): DialogLines {
  switch (dialog.step) {
    case 'listing':
      return { title: `Restore a backup of ${dialog.volume}`, lines: [`looking for backups in ${dialog.directory}…`], keys: 'Esc cancel' };
    case 'choose':
      return {
        title: `Restore a backup of ${dialog.volume}`,
        lines: dialog.files.length
          ? dialog.files.map((file, index) => `${index === dialog.cursor ? '>' : ' '} ${file}`)
          : [`No backup of ${dialog.volume} in ${dialog.directory} (a .manifest.json names the volume).`],
        keys: '↑↓ choose  ⏎ restore into a new volume  Esc cancel',
      };
    case 'confirm':
      return {
        title: 'Restore?',
        lines: [
          dialog.file,
          dialog.existing
            ? `into the existing volume ${dialog.target}, after checking its digest and paths: you will type its name.`
            : `into the new volume ${dialog.target}, after checking its digest and paths.`,
        ],
        keys: 'y restore  e edit the name  n no  Esc cancel',
      };
    case 'name':
      return {
        title: 'Restore into which volume?',
        lines: [dialog.file, '', ...(dialog.problem ? [`! ${dialog.problem}`] : []), 'Name of the volume to restore into, then ⏎:'],
        keys: '⏎ keep this name  Esc back',
        field: { label: '> ', value: dialog.typed },
      };
    case 'typed':
      return {
        title: `${dialog.target} exists: restoring mixes its data with the backup's`,
        lines: [
          dialog.file,
          `into the existing volume ${dialog.target}; stowage refuses if it holds data unless its name is typed.`,
          ...wrap(`If it holds data, its current contents are saved first to ${dialog.safetyBackup}, and kept.`, width),
          '',
          ...(dialog.mismatch ? ['! that does not match: nothing was restored; type it again'] : []),
          `Type the volume's name (${dialog.target}) and press ⏎:`,
        ],
        keys: '⏎ confirm  Esc cancel',
        field: { label: '> ', value: dialog.typed },
      };
    case 'running':
      return { title: `Restoring into ${dialog.target}`, lines: ['checking the digest, then writing through the engine…'], keys: '' };
    case 'result':
      return {
        title: dialog.error ? 'Restore refused or failed' : `Restored into ${dialog.result?.volume}`,
        // Wrapped: a failure's last words are the way back.
        lines: dialog.error
          ? wrap(`! ${dialog.error}`, width)
          : [`${dialog.result?.restored.entries} entries, ${formatSize(dialog.result?.restored.fileBytes ?? 0)}: as in the backup`, ...beforeText(dialog.result).flatMap((text) => wrap(text, width))],
        keys: '⏎ or Esc close',
      };
  }
}

/** What became of the volume's contents before: kept in the safety backup, or there were none. */
function beforeText(result: RestoreResult | null): string[] {
  if (!result || result.created) return [];
  if (!result.safetyBackup) return ['It was empty before: no safety backup was needed.'];
  return [`Its contents before are kept in ${result.safetyBackup}: restore that file to go back; remove it once the restored data is right.`];
}
