// Truncating a container's log: the file is checked first, then the confirmation names the
// container, that file and its size, defaults to No; then says what was freed and how to cap the log.
import { type LogTarget, type TruncateResult, truncateRefusal } from '../../src/actions/truncate-log.js';
import { hasLogFile, logCapAdvice } from '../../src/model/log-drivers.js';
import type { ContainerStorage } from '../../src/model/types.js';
import { cutInto, formatSize, wrap } from '../derive/format.js';
import { type DialogContext, type DialogInput, type DialogLines, notice, readOnlyNotice, type Step } from './dialog-step.js';

export type TruncateDialog =
  | { kind: 'truncate'; step: 'checking'; name: string }
  /** `target`: the very file (device and inode) that was sized here, which `y` empties and no other. */
  | { kind: 'truncate'; step: 'confirm'; target: LogTarget }
  | { kind: 'truncate'; step: 'running'; name: string }
  | { kind: 'truncate'; step: 'result'; result: TruncateResult | null; error: string | null };

/** `refusal`: why this host's logs cannot be truncated from here (a remote engine), or null; the log's own reasons are checked here. */
export function openTruncate(container: ContainerStorage, readOnly: boolean, refusal: string | null): Step<TruncateDialog> {
  if (readOnly) return { dialog: readOnlyNotice('Truncating a log') };
  if (container.detailsPending) return { dialog: notice('Truncate the log', `The log of ${container.name} is still being read: try again in a moment.`) };
  const why = refusal ?? truncateRefusal(true, container.log.driver, container.log.path);
  if (why || !container.log.path) {
    const elsewhere = hasLogFile(container.log.driver) ? " On the engine's host: sudo truncate -s 0 <its LogPath>." : '';
    return { dialog: notice('Truncate the log', `Not here: ${why}.${elsewhere}`) };
  }
  return { dialog: { kind: 'truncate', step: 'checking', name: container.name }, effect: { type: 'checkLog', containerId: container.id } };
}

export function stepTruncate(dialog: TruncateDialog, input: DialogInput, _context: DialogContext): Step<TruncateDialog> {
  const command = input.type === 'command' ? input.command : null;
  switch (dialog.step) {
    case 'checking':
      if (input.type === 'event' && input.event.type === 'logChecked') {
        const { target, error } = input.event;
        return { dialog: target ? { kind: 'truncate', step: 'confirm', target } : { kind: 'truncate', step: 'result', result: null, error } };
      }
      return command === 'back' || command === 'no' ? { dialog: null } : { dialog };
    case 'confirm':
      if (command === 'yes') return { dialog: { kind: 'truncate', step: 'running', name: dialog.target.container }, effect: { type: 'truncateLog', target: dialog.target } };
      // Default No.
      return command === 'back' || command === 'no' || command === 'open' ? { dialog: null } : { dialog };
    case 'running':
      if (input.type === 'event' && input.event.type === 'truncated') return { dialog: { kind: 'truncate', step: 'result', result: input.event.result, error: input.event.error } };
      return { dialog };
    case 'result':
      return command === 'back' || command === 'open' ? { dialog: null } : { dialog };
  }
}

export function truncateLines(dialog: TruncateDialog, width: number): DialogLines {
  switch (dialog.step) {
    case 'checking':
      return { title: `Checking the log of ${dialog.name}`, lines: ['…'], keys: 'Esc cancel' };
    case 'confirm': {
      const { container, path, sizeBytes, running } = dialog.target;
      return {
        title: `Empty the log of ${container} (${formatSize(sizeBytes)})?`,
        lines: [
          ...cutInto(path, width),
          running
            ? `Its ${formatSize(sizeBytes)} are freed at once; ${container} keeps running and the engine goes on writing to it.`
            : `Its ${formatSize(sizeBytes)} are freed at once; ${container} is not running, and its log grows again when it starts.`,
          'What the log held is gone: `docker logs` shows only what comes after.',
          '',
          'y empty it   n or ⏎ no (the default)   Esc cancel',
        ],
        keys: 'y yes  n no  Esc cancel',
      };
    }
    case 'running':
      return { title: `Emptying the log of ${dialog.name}`, lines: ['…'], keys: '' };
    case 'result':
      return dialog.error || !dialog.result
        ? { title: 'The log was not emptied', lines: wrap(`! ${dialog.error ?? 'unknown error'}`, width - 2).map((line, index) => (index ? `  ${line}` : line)), keys: '⏎ or Esc close' }
        : {
            title: `Emptied the log of ${dialog.result.container}: freed ${formatSize(dialog.result.freedBytes)}`,
            lines: [
              ...cutInto(dialog.result.path, width),
              ...(dialog.result.running ? [`${dialog.result.container} keeps running; the engine goes on writing at the new end.`] : []),
              '',
              'It grows again unless capped:', ...logCapAdvice(dialog.result.driver).map((line) => `  ${line}`),
            ],
            keys: '⏎ or Esc close',
          };
  }
}
