// `stowage prune`: the preview, the confirmation, then exactly the previewed items.
import { executePrune, type PruneEngine } from '../actions/prune.js';
import { UsageError } from '../errors.js';
import { formatBytes } from '../model/format-bytes.js';
import {
  ANONYMOUS_BY_NAME_ONLY, DEFAULT_PRUNE_KINDS, namedVolumeConfirmation, planPrune, PRUNE_KIND_LABELS, PRUNE_KINDS, type PruneKind, type PrunePlan,
} from '../model/prune-plan.js';
import { displayable } from '../text/displayable.js';
import { defineAction } from './action-command.js';
import { ENGINE_FLAGS, type EngineChoice, noOperands, oneEngine } from './command.js';
import { ask, interactive } from './prompt.js';

export interface PruneOptions extends EngineChoice {
  command: 'prune';
  kinds: PruneKind[];
  yes: boolean;
  confirmNamed: string | undefined;
}

export const pruneCommand = defineAction({
  name: 'prune',
  usage: 'stowage prune [--kinds K,...]',
  summary: 'preview, confirm, delete exactly that',
  flags: [...ENGINE_FLAGS, 'kinds', 'yes', 'confirm-named'],
  parse(values, operands): PruneOptions {
    noOperands(operands);
    const kinds = (values.kinds?.split(',').map((kind) => kind.trim()).filter(Boolean) ?? DEFAULT_PRUNE_KINDS) as PruneKind[];
    const unknownKind = kinds.find((kind) => !PRUNE_KINDS.includes(kind));
    if (unknownKind) throw new UsageError(`--kinds: "${unknownKind}" is not one of ${PRUNE_KINDS.join(', ')}`);
    return { command: 'prune', ...oneEngine('prune', values), kinds, yes: values.yes ?? false, confirmNamed: values['confirm-named'] };
  },
  async run(options, { engine, snapshot }) {
    return previewAndPrune(engine, planPrune(snapshot, options.kinds), options.yes, options.confirmNamed);
  },
});

const size = (bytes: number | null) => (bytes === null ? '?' : formatBytes(bytes));

export function prunePreview(plan: PrunePlan): string {
  if (!plan.items.length) return 'Nothing to prune for the chosen kinds.\n';
  const lines = [`Would delete ${plan.items.length} item${plan.items.length === 1 ? '' : 's'}, ${formatBytes(plan.totalBytes)}:`];
  for (const kind of plan.kinds) {
    const items = plan.items.filter((item) => item.kind === kind);
    if (!items.length) continue;
    lines.push('', `${PRUNE_KIND_LABELS[kind]}:`);
    for (const item of items) lines.push(`  ${size(item.sizeBytes).padStart(9)}  ${item.type.padEnd(11)} ${displayable(item.name)}${item.anonymousByNameOnly ? `  (${ANONYMOUS_BY_NAME_ONLY})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

async function previewAndPrune(engine: PruneEngine, plan: PrunePlan, yes: boolean, confirmNamed: string | undefined): Promise<number> {
  process.stdout.write(prunePreview(plan));
  if (!plan.items.length) return 0;
  const named = namedVolumeConfirmation(plan);
  if (!yes) {
    if (!interactive()) {
      process.stdout.write('\nNothing deleted: add --yes to delete exactly these.\n');
      return 0;
    }
    const answer = await ask(`\nDelete these ${plan.items.length} items (${formatBytes(plan.totalBytes)})? [y/N] `);
    if (!/^y(es)?$/i.test(answer)) {
      process.stdout.write('Cancelled; nothing deleted.\n');
      return 0;
    }
  }
  if (named !== null && confirmNamed !== named) {
    if (yes && !interactive()) {
      throw new UsageError(`named volumes (and volumes anonymous by their name only) may hold data someone meant to keep: add --confirm-named ${named} to delete ${plan.namedVolumes.length === 1 ? 'it' : 'them'}`);
    }
    const typed = await ask(`${plan.namedVolumes.length === 1 ? `Type the volume's name (${displayable(named)})` : `Type the number of named volumes (${named})`} to delete ${plan.namedVolumes.length === 1 ? 'it' : 'them'}: `);
    if (typed !== named) {
      process.stdout.write('Not confirmed; nothing deleted.\n');
      return 0;
    }
  }
  const outcome = await executePrune(engine, plan.items);
  process.stdout.write(`\nDeleted ${outcome.removed.length} of ${plan.items.length}, freed ${formatBytes(outcome.freedBytes)}.\n`);
  for (const { item, reason } of outcome.skipped) process.stdout.write(`  kept ${item.type} ${displayable(item.name)}: ${displayable(reason)}\n`);
  const failed = outcome.skipped.filter((skip) => skip.failed).length;
  if (failed) process.stderr.write(`stowage: the engine refused to delete ${failed} item${failed === 1 ? '' : 's'}; see the reasons above, then run \`stowage prune\` again\n`);
  return failed ? 1 : 0;
}
