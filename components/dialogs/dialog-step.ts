// The vocabulary every dialog's steps share: what goes in (a key's command, text, an effect's
// event), what comes out (the next dialog and an effect), and what the screen shows.
import type { Effect, EffectEvent } from '../../src/app/dialog-runner.js';
import type { Command } from '../../src/keys/bindings.js';
import type { Snapshot } from '../../src/model/types.js';

/** The commands of the key table's dialog scope. */
export const DIALOG_COMMANDS = ['up', 'down', 'toggle', 'open', 'back', 'yes', 'no', 'rename', 'stopWriters', 'copyLive', 'levelUp', 'levelDown'] as const satisfies readonly Command[];
export type DialogCommand = (typeof DIALOG_COMMANDS)[number];

export const isDialogCommand = (command: Command | null): command is DialogCommand =>
  command !== null && (DIALOG_COMMANDS as readonly Command[]).includes(command);

export type DialogInput =
  | { type: 'command'; command: DialogCommand }
  /** The dialog's text field changed (typed confirmation, restore target). */
  | { type: 'text'; text: string }
  /** Enter in the text field. */
  | { type: 'submit' }
  | { type: 'event'; event: EffectEvent };

export interface NoticeDialog {
  kind: 'notice';
  title: string;
  message: string;
}

/** The next dialog (null: closed; a notice instead) and what to perform, if anything. */
export interface Step<D> {
  dialog: D | NoticeDialog | null;
  effect?: Effect;
}

/** What the steps may read: the snapshot the dialog was opened on, and when it is. */
export interface DialogContext {
  snapshot: Snapshot | null;
  now: () => Date;
}

export interface DialogLines {
  title: string;
  lines: string[];
  /** The keys line at the bottom. */
  keys: string;
  /** A text field under the lines, with its label: the dialog's typed input. */
  field?: { label: string; value: string };
}

export const notice = (title: string, message: string): NoticeDialog => ({ kind: 'notice', title, message });

/** The notice every dangerous dialog opens instead in a read-only session (a backstop: the keys are not offered). */
export const readOnlyNotice = (what: string): NoticeDialog =>
  notice('Read-only', `${what} would change the host: actions are off with --read-only, --demo and --snapshot.`);


export function bar(share: number, width: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, share)) * width);
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]`;
}
