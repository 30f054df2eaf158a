// Prune: choose the kinds and see exactly what would go, confirm (default No), type the name of
// named volumes (and of volumes anonymous only by name), then delete exactly the previewed items.
import type { PruneOutcome } from '../../src/actions/prune.js';
import {
  DEFAULT_PRUNE_KINDS,
  namedVolumeConfirmation,
  PRUNE_KIND_LABELS,
  PRUNE_KINDS,
  type PruneKind,
  type PrunePlan,
  planPrune,
} from '../../src/model/prune-plan.js';
import type { Snapshot } from '../../src/model/types.js';
import { formatSize, padStart } from '../derive/format.js';
import { bar, type DialogContext, type DialogInput, type DialogLines, readOnlyNotice, type Step } from './dialog-step.js';

export type PruneDialog =
  | { kind: 'prune'; step: 'choose'; cursor: number; plan: PrunePlan }
  | { kind: 'prune'; step: 'confirm'; plan: PrunePlan }
  | { kind: 'prune'; step: 'typed'; plan: PrunePlan; expected: string; typed: string; mismatch: boolean }
  | { kind: 'prune'; step: 'running'; plan: PrunePlan; done: number }
  | { kind: 'prune'; step: 'result'; plan: PrunePlan; outcome: PruneOutcome };

export function openPrune(snapshot: Snapshot, readOnly: boolean): Step<PruneDialog> {
  if (readOnly) return { dialog: readOnlyNotice('Pruning') };
  return { dialog: { kind: 'prune', step: 'choose', cursor: 0, plan: planPrune(snapshot, DEFAULT_PRUNE_KINDS) } };
}

const run = (plan: PrunePlan): Step<PruneDialog> => ({ dialog: { kind: 'prune', step: 'running', plan, done: 0 }, effect: { type: 'prune', plan } });

export function stepPrune(dialog: PruneDialog, input: DialogInput, context: DialogContext): Step<PruneDialog> {
  const command = input.type === 'command' ? input.command : null;
  const stay = { dialog };
  switch (dialog.step) {
    case 'choose': {
      if (command === 'back') return { dialog: null };
      if (command === 'up' || command === 'down') {
        const cursor = (dialog.cursor + (command === 'up' ? PRUNE_KINDS.length - 1 : 1)) % PRUNE_KINDS.length;
        return { dialog: { ...dialog, cursor } };
      }
      if (command === 'toggle' && context.snapshot) {
        const kind = PRUNE_KINDS[dialog.cursor] as PruneKind;
        const kinds = dialog.plan.kinds.includes(kind) ? dialog.plan.kinds.filter((chosen) => chosen !== kind) : [...dialog.plan.kinds, kind];
        return { dialog: { ...dialog, plan: planPrune(context.snapshot, kinds) } };
      }
      if (command === 'open' && dialog.plan.items.length) return { dialog: { kind: 'prune', step: 'confirm', plan: dialog.plan } };
      return stay;
    }
    case 'confirm':
      if (command === 'yes') {
        const expected = namedVolumeConfirmation(dialog.plan);
        return expected === null ? run(dialog.plan) : { dialog: { kind: 'prune', step: 'typed', plan: dialog.plan, expected, typed: '', mismatch: false } };
      }
      // Default No: anything else that answers backs out to the choice; Esc closes.
      if (command === 'back') return { dialog: null };
      if (command === 'no' || command === 'open') return { dialog: { kind: 'prune', step: 'choose', cursor: 0, plan: dialog.plan } };
      return stay;
    case 'typed':
      if (command === 'back') return { dialog: null };
      if (input.type === 'text') return { dialog: { ...dialog, typed: input.text, mismatch: false } };
      if (input.type === 'submit') return dialog.typed === dialog.expected ? run(dialog.plan) : { dialog: { ...dialog, typed: '', mismatch: true } };
      return stay;
    case 'running':
      if (input.type !== 'event') return stay;
      if (input.event.type === 'pruneProgress') return { dialog: { ...dialog, done: input.event.done } };
      if (input.event.type === 'pruneDone') return { dialog: { kind: 'prune', step: 'result', plan: dialog.plan, outcome: input.event.outcome } };
      return stay;
    case 'result':
      return command === 'back' || command === 'open' ? { dialog: null } : stay;
  }
}

const BY_NAME_ONLY = '  (anonymous by its name only: you will type to confirm)';

export function pruneLines(dialog: PruneDialog): DialogLines {
  const { plan } = dialog;
  const summary = `${plan.items.length} item${plan.items.length === 1 ? '' : 's'}, ${formatSize(plan.totalBytes)}`;
  switch (dialog.step) {
    case 'choose': {
      const kinds = PRUNE_KINDS.map((kind, index) => {
        const items = plan.items.filter((item) => item.kind === kind);
        const on = plan.kinds.includes(kind);
        const bytes = items.reduce((sum, item) => sum + (item.sizeBytes ?? 0), 0);
        return `${index === dialog.cursor ? '>' : ' '} [${on ? 'x' : ' '}] ${PRUNE_KIND_LABELS[kind]}${on ? `: ${items.length}, ${formatSize(bytes)}` : ''}`;
      });
      const preview = plan.items.map((item) => `    ${padStart(formatSize(item.sizeBytes), 8)}  ${item.type.padEnd(11)} ${item.name}${item.anonymousByNameOnly ? BY_NAME_ONLY : ''}`);
      return {
        title: `Prune: would delete ${summary}`,
        lines: [...kinds, '', ...(preview.length ? ['Exactly these, one by one:', ...preview] : ['Nothing to delete for these kinds.'])],
        keys: '↑↓ choose  Space include  ⏎ delete these…  Esc cancel',
      };
    }
    case 'confirm':
      return {
        title: `Delete ${summary}?`,
        lines: [
          `${plan.items.length} items: ${plan.kinds.map((kind) => `${plan.items.filter((item) => item.kind === kind).length} ${kind}`).join(', ')}.`,
          ...(plan.namedVolumes.length ? [`${plan.namedVolumes.length} named volume(s), or anonymous by their name only, among them: you will type to confirm them.`] : []),
          'Anything created or put back in use since the preview is kept.',
          '',
          'y delete   n or ⏎ no (the default)   Esc cancel',
        ],
        keys: 'y yes  n no  Esc cancel',
      };
    case 'typed': {
      const what = plan.namedVolumes.length === 1 ? `the volume's name (${dialog.expected})` : `the number of named volumes (${dialog.expected})`;
      return {
        title: 'Named volumes may hold data someone meant to keep',
        lines: [
          ...plan.namedVolumes.map((item) => `  ${item.name} ${formatSize(item.sizeBytes)}`),
          '',
          ...(dialog.mismatch ? ['! that does not match: nothing was deleted; type it again'] : []),
          `Type ${what} and press ⏎:`,
        ],
        keys: '⏎ confirm  Esc cancel',
        field: { label: '> ', value: dialog.typed },
      };
    }
    case 'running':
      return { title: `Deleting ${summary}`, lines: [`${bar(dialog.done / Math.max(1, plan.items.length), 30)} ${dialog.done} of ${plan.items.length}`], keys: '' };
    case 'result': {
      const { outcome } = dialog;
      return {
        title: `Deleted ${outcome.removed.length} of ${plan.items.length}: freed ${formatSize(outcome.freedBytes)}`,
        lines: [
          ...outcome.removed.map((item) => `  gone  ${item.type.padEnd(11)} ${item.name} ${formatSize(item.sizeBytes)}`),
          ...outcome.skipped.map(({ item, reason, failed }) => `${failed ? '! ' : '  '}kept  ${item.type.padEnd(11)} ${item.name}: ${reason}`),
        ],
        keys: '⏎ or Esc close',
      };
    }
  }
}
