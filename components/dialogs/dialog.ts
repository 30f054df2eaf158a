// A dialog is data: `open…` makes one, `step(dialog, input)` gives the next one and, when the host
// must change, the effect to perform; `lines(dialog, width)` is what the screen shows. All pure:
// every step is unit-tested without a terminal or an engine (test/components/dialogs.test.ts).
// A new dialog is a module beside these with its open, step and lines, and a case in each switch.
import { type BackupDialog, backupLines, stepBackup } from './backup-dialog.js';
import { type DialogContext, type DialogInput, type DialogLines, notice, type NoticeDialog, type Step } from './dialog-step.js';
import { type PruneDialog, pruneLines, stepPrune } from './prune-dialog.js';
import { type RestoreDialog, restoreLines, stepRestore } from './restore-dialog.js';
import { stepTruncate, type TruncateDialog, truncateLines } from './truncate-dialog.js';
import { wrap } from '../derive/format.js';

export type Dialog = NoticeDialog | PruneDialog | BackupDialog | RestoreDialog | TruncateDialog;

export function step(dialog: Dialog, input: DialogInput, context: DialogContext): Step<Dialog> {
  if (input.type === 'event' && input.event.type === 'noEngine') return { dialog: notice('No engine', 'Actions need a live engine.') };
  switch (dialog.kind) {
    case 'notice':
      return input.type === 'command' && (input.command === 'back' || input.command === 'open') ? { dialog: null } : { dialog };
    case 'prune':
      return stepPrune(dialog, input, context);
    case 'backup':
      return stepBackup(dialog, input, context);
    case 'restore':
      return stepRestore(dialog, input, context);
    case 'truncate':
      return stepTruncate(dialog, input, context);
  }
}

export function lines(dialog: Dialog, width: number): DialogLines {
  switch (dialog.kind) {
    case 'notice':
      return { title: dialog.title, lines: wrap(dialog.message, width), keys: 'Esc close' };
    case 'prune':
      return pruneLines(dialog);
    case 'backup':
      return backupLines(dialog, width);
    case 'restore':
      return restoreLines(dialog, width);
    case 'truncate':
      return truncateLines(dialog, width);
  }
}

/** Whether the dialog is busy with the host (a backup, a prune): keys then only cancel. */
export const isRunning = (dialog: Dialog | null) => dialog !== null && 'step' in dialog && dialog.step === 'running';

/** Which screen of which dialog is open (its kind and step), '' for none: keys typed for one are not another's answers. */
export const screenOf = (dialog: Dialog | null) => (dialog ? `${dialog.kind}:${'step' in dialog ? dialog.step : ''}` : '');

/** Whether the dialog shows a text field that takes the typed keys. */
export const hasField = (dialog: Dialog | null, width = 80) => dialog !== null && lines(dialog, width).field !== undefined;

