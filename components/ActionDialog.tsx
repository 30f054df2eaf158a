import { Box, Text } from 'ink';
import type { Dialog } from '../src/app/action-store.js';
import { PRUNE_KIND_LABELS, PRUNE_KINDS } from '../src/model/prune-plan.js';
import { displayable } from '../src/text/displayable.js';
import { formatSize, padStart, truncate } from './format.js';
import { useTheme } from './theme.js';
import { notCarriedText } from '../src/actions/not-carried.js';

function bar(share: number, width: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, share)) * width);
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]`;
}

/** The lines of a dialog, top to bottom; the first is its title. Names, paths and messages in them are made displayable. */
export function dialogLines(dialog: Dialog, width: number): { title: string; lines: string[]; keys: string } {
  const { title, lines, keys } = rawDialogLines(dialog, width);
  return { title: displayable(title), lines: lines.map(displayable), keys };
}

function rawDialogLines(dialog: Dialog, width: number): { title: string; lines: string[]; keys: string } {
  switch (dialog.kind) {
    case 'none':
      return { title: '', lines: [], keys: '' };
    case 'notice':
      return { title: dialog.title, lines: [dialog.message], keys: 'Esc close' };
    case 'prune': {
      const { plan } = dialog;
      const summary = `${plan.items.length} item${plan.items.length === 1 ? '' : 's'}, ${formatSize(plan.totalBytes)}`;
      if (dialog.step === 'choose') {
        const kinds = PRUNE_KINDS.map((kind, index) => {
          const items = plan.items.filter((item) => item.kind === kind);
          const on = plan.kinds.includes(kind);
          const bytes = items.reduce((sum, item) => sum + (item.sizeBytes ?? 0), 0);
          return `${index === dialog.cursor ? '>' : ' '} [${on ? 'x' : ' '}] ${PRUNE_KIND_LABELS[kind]}${on ? `: ${items.length}, ${formatSize(bytes)}` : ''}`;
        });
        const preview = plan.items.map((item) => `    ${padStart(formatSize(item.sizeBytes), 8)}  ${item.type.padEnd(11)} ${item.name}${item.anonymousByNameOnly ? '  (anonymous by its name only: you will type to confirm)' : ''}`);
        return {
          title: `Prune: would delete ${summary}`,
          lines: [...kinds, '', ...(preview.length ? ['Exactly these, one by one:', ...preview] : ['Nothing to delete for these kinds.'])],
          keys: '↑↓ choose  Space include  ⏎ delete these…  Esc cancel',
        };
      }
      if (dialog.step === 'confirm') {
        return {
          title: `Delete ${summary}?`,
          lines: [
            `${plan.items.length} items: ${plan.kinds.map((kind) => `${plan.items.filter((item) => item.kind === kind).length} ${kind}`).join(', ')}.`,
            plan.namedVolumes.length ? `${plan.namedVolumes.length} named volume(s), or anonymous by their name only, among them: you will type to confirm them.` : '',
            'Anything created or put back in use since the preview is kept.',
            '',
            'y delete   n or ⏎ no (the default)   Esc cancel',
          ].filter((line, index) => line !== '' || index === 3),
          keys: 'y yes  n no  Esc cancel',
        };
      }
      if (dialog.step === 'typed') {
        const what = plan.namedVolumes.length === 1 ? `the volume's name (${dialog.expected})` : `the number of named volumes (${dialog.expected})`;
        return {
          title: `Named volumes may hold data someone meant to keep`,
          lines: [...plan.namedVolumes.map((item) => `  ${item.name} ${formatSize(item.sizeBytes)}`), '', `Type ${what} and press ⏎:`, `> ${dialog.typed}█`],
          keys: '⏎ confirm  Esc cancel',
        };
      }
      if (dialog.step === 'running') {
        return { title: `Deleting ${summary}`, lines: [`${bar(dialog.done / Math.max(1, plan.items.length), 30)} ${dialog.done} of ${plan.items.length}`], keys: '' };
      }
      const { outcome } = dialog;
      return {
        title: `Deleted ${outcome.removed.length} of ${plan.items.length}: freed ${formatSize(outcome.freedBytes)}`,
        lines: [
          ...outcome.removed.map((item) => `  gone  ${item.type.padEnd(11)} ${item.name} ${formatSize(item.sizeBytes)}`),
          ...outcome.skipped.map(({ item, reason }) => `  kept  ${item.type.padEnd(11)} ${item.name}: ${reason}`),
        ],
        keys: '⏎ or Esc close',
      };
    }
    case 'backup': {
      if (dialog.step === 'plan') {
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
        const ready = !writers || dialog.stopWriters !== null;
        return { title: 'Back up', lines, keys: `${writers ? 's stop  l live  ' : ''}+/- compression  ${ready ? '⏎ start  ' : ''}Esc cancel` };
      }
      if (dialog.step === 'running') {
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
    case 'restore': {
      if (dialog.step === 'choose') {
        return {
          title: `Restore a backup of ${dialog.volume}`,
          lines: dialog.files.length
            ? dialog.files.map((file, index) => `${index === dialog.cursor ? '>' : ' '} ${file}`)
            : [`No backup of ${dialog.volume} in ${dialog.directory} (a .manifest.json names the volume).`],
          keys: '↑↓ choose  ⏎ restore into a new volume  Esc cancel',
        };
      }
      if (dialog.step === 'confirm') {
        return { title: 'Restore?', lines: [`${dialog.file}`, `into the new volume ${dialog.target}, after checking its digest and paths.`], keys: 'y restore  n no  Esc cancel' };
      }
      if (dialog.step === 'running') return { title: `Restoring into ${dialog.target}`, lines: ['checking the digest, then writing through the engine…'], keys: '' };
      return {
        title: dialog.error ? 'Restore refused or failed' : `Restored into ${dialog.result?.volume}`,
        lines: dialog.error
          ? [`! ${dialog.error}`]
          : [`${dialog.result?.restored.entries} entries, ${formatSize(dialog.result?.restored.fileBytes ?? 0)}: as in the backup`],
        keys: '⏎ or Esc close',
      };
    }
  }
}

/** Lines a dialog of `height` rows has for its body: the title and the keys line take the rest. */
const bodyRoom = (height: number) => Math.max(1, height - 3);

/** Whether every line of the dialog is on screen at this size: only then may a key confirm it. */
export function dialogFits(dialog: Dialog, width: number, height: number): boolean {
  return dialogLines(dialog, width).lines.length <= bodyRoom(height);
}

export function ActionDialog({ dialog, height, width }: { dialog: Dialog; height: number; width: number }) {
  const theme = useTheme();
  const { title, lines, keys: shownKeys } = dialogLines(dialog, width);
  const room = bodyRoom(height);
  const keys = lines.length > room && shownKeys ? 'enlarge the terminal to see all of it and confirm   Esc cancel' : shownKeys;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent} wrap="truncate">{`── ${title} ${'─'.repeat(width)}`}</Text>
      {lines.slice(0, room).map((line, index) => (
        <Text key={index} wrap="truncate" color={line.startsWith('!') || line.startsWith('  !') ? theme.danger : undefined}>{truncate(line, width) || ' '}</Text>
      ))}
      {lines.length > room ? <Text color={theme.muted}>{`… ${lines.length - room} more`}</Text> : null}
      <Box flexGrow={1} />
      <Text color={theme.muted} wrap="truncate">{keys}</Text>
    </Box>
  );
}
