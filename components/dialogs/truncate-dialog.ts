// Truncating a container's log: names the container, the file and its size, says the engine goes
// on writing, defaults to No; then says what was freed and how to cap the log for good.
import { type TruncateResult, truncateRefusal } from '../../src/actions/truncate-log.js';
import { hasLogFile, logCapAdvice } from '../../src/model/log-drivers.js';
import type { ContainerStorage } from '../../src/model/types.js';
import { formatSize } from '../format.js';
import { type DialogContext, type DialogInput, type DialogLines, notice, readOnlyNotice, type Step } from './dialog-step.js';

export type TruncateDialog =
  | { kind: 'truncate'; step: 'confirm'; containerId: string; name: string; path: string; sizeBytes: number | null }
  | { kind: 'truncate'; step: 'running'; name: string }
  | { kind: 'truncate'; step: 'result'; result: TruncateResult | null; error: string | null };

/** `refusal`: why this host's logs cannot be truncated from here (a remote engine), or null; the log's own reasons are checked here. */
export function openTruncate(container: ContainerStorage, readOnly: boolean, refusal: string | null): Step<TruncateDialog> {
  if (readOnly) return { dialog: readOnlyNotice('Truncating a log') };
  const why = refusal ?? truncateRefusal(true, container.log.driver, container.log.path);
  if (why || !container.log.path) {
    const elsewhere = hasLogFile(container.log.driver) ? " On the engine's host: sudo truncate -s 0 <its LogPath>." : '';
    return { dialog: notice('Truncate the log', `Not here: ${why}.${elsewhere}`) };
  }
  return { dialog: { kind: 'truncate', step: 'confirm', containerId: container.id, name: container.name, path: container.log.path, sizeBytes: container.log.sizeBytes } };
}

export function stepTruncate(dialog: TruncateDialog, input: DialogInput, _context: DialogContext): Step<TruncateDialog> {
  const command = input.type === 'command' ? input.command : null;
  switch (dialog.step) {
    case 'confirm':
      if (command === 'yes') return { dialog: { kind: 'truncate', step: 'running', name: dialog.name }, effect: { type: 'truncateLog', containerId: dialog.containerId } };
      // Default No.
      return command === 'back' || command === 'no' || command === 'open' ? { dialog: null } : { dialog };
    case 'running':
      if (input.type === 'event' && input.event.type === 'truncated') return { dialog: { kind: 'truncate', step: 'result', result: input.event.result, error: input.event.error } };
      return { dialog };
    case 'result':
      return command === 'back' || command === 'open' ? { dialog: null } : { dialog };
  }
}

export function truncateLines(dialog: TruncateDialog): DialogLines {
  switch (dialog.step) {
    case 'confirm':
      return {
        title: `Empty the log of ${dialog.name} (${formatSize(dialog.sizeBytes)})?`,
        lines: [
          dialog.path,
          `Its ${formatSize(dialog.sizeBytes)} are freed at once; ${dialog.name} keeps running and the engine goes on writing to it.`,
          'What the log held is gone: `docker logs` shows only what comes after.',
          '',
          'y empty it   n or ⏎ no (the default)   Esc cancel',
        ],
        keys: 'y yes  n no  Esc cancel',
      };
    case 'running':
      return { title: `Emptying the log of ${dialog.name}`, lines: ['…'], keys: '' };
    case 'result':
      return dialog.error || !dialog.result
        ? { title: 'The log was not emptied', lines: [`! ${dialog.error ?? 'unknown error'}`], keys: '⏎ or Esc close' }
        : {
            title: `Emptied the log of ${dialog.result.container}: freed ${formatSize(dialog.result.freedBytes)}`,
            lines: [dialog.result.path, '', 'It grows again unless capped:', ...logCapAdvice(dialog.result.driver).map((line) => `  ${line}`)],
            keys: '⏎ or Esc close',
          };
  }
}
