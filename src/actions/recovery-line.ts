// The one line that says what an earlier, interrupted run left and what was undone. Its names and
// paths come from helper labels and the engine (outside input): shown through displayable, with
// every command in it quoted for a shell.
import type { EngineAddress } from '../engine/connection/address.js';
import type { Recovery } from '../engine/helper-container.js';
import { displayable } from '../text/displayable.js';
import { partialRestoreText } from './restore-safety.js';

/** One line for `recovery` on the engine at `address` (its commands name it); null when nothing was left. */
export function recoveryLine(recovery: Recovery, address: EngineAddress): string | null {
  const shown = (names: string[]) => names.map(displayable).join(', ');
  const parts: string[] = [];
  if (recovery.started.length) parts.push(`started ${shown(recovery.started)} again`);
  if (recovery.removedFiles.length) parts.push(`removed ${shown(recovery.removedFiles)}`);
  if (recovery.removedVolumes.length) parts.push(`removed the half-restored volume ${shown(recovery.removedVolumes)}`);
  for (const partial of recovery.partialRestores) parts.push(partialRestoreText(partial, address, partial.safetyBackupThere));
  if (recovery.helpers) parts.push(`removed ${recovery.helpers} helper container${recovery.helpers === 1 ? '' : 's'}`);
  parts.push(...recovery.problems.map(displayable));
  if (!parts.length) return null;
  return `an earlier stowage run was interrupted: ${parts.join('; ')}`;
}
