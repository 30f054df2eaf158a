// The open dialog, outside React: each input goes through the dialog's pure step, and an effect
// the step asks for goes to the runner, whose events come back as inputs. Keys read the dialog
// that is current at that press, not the one last drawn.
import type { DialogRunner } from '../../src/app/dialog-runner.js';
import { createStore, type Store } from '../../src/app/store.js';
import type { Snapshot } from '../../src/model/types.js';
import { type Dialog, step } from '../dialogs/dialog.js';
import { type DialogCommand, type DialogInput, notice, type Step } from '../dialogs/dialog-step.js';

export interface DialogStore extends Store<Dialog | null> {
  /** Opens what an `open…` function made, on the snapshot it was made from. */
  open(opened: Step<Dialog>, snapshot: Snapshot | null): void;
  command(command: DialogCommand): void;
  /** The dialog's text field changed, or Enter was pressed in it. */
  text(text: string): void;
  submit(): void;
  /** Undoes what a killed stowage run left on the engine, and says so when nothing else is open. */
  recover(): void;
  /** Cancels what runs (a backup starts its stopped containers again) and waits until it has. */
  settle(): Promise<void>;
}

export function dialogStore(runner: DialogRunner | null, now: () => Date = () => new Date()): DialogStore {
  const shown = createStore<Dialog | null>(null);
  let snapshot: Snapshot | null = null;
  /** Counts the dialogs opened: an effect's events go only to the dialog that asked for it. */
  let opened = 0;
  const apply = (next: Step<Dialog>) => {
    shown.set(next.dialog);
    if (!next.effect) return;
    if (!runner) return shown.set(notice('No engine', 'Actions need a live engine.'));
    const asker = opened;
    runner.perform(next.effect, (event) => {
      const dialog = shown.getState();
      if (asker === opened && dialog) apply(step(dialog, { type: 'event', event }, { snapshot, now }));
    });
  };
  const input = (value: DialogInput) => {
    const dialog = shown.getState();
    if (dialog) apply(step(dialog, value, { snapshot, now }));
  };
  return {
    getState: shown.getState,
    subscribe: shown.subscribe,
    open(made, current) {
      opened++;
      snapshot = current;
      apply(made);
    },
    command: (command) => input({ type: 'command', command }),
    text: (text) => input({ type: 'text', text }),
    submit: () => input({ type: 'submit' }),
    recover: () => runner?.perform({ type: 'recover' }, (event) => {
      if (event.type === 'recovered' && shown.getState() === null) shown.set(notice('Cleaned up', event.message));
    }),
    settle: async () => runner?.settle(),
  };
}
