// Before a restore writes into a volume that holds data, what it holds is backed up (runBackup:
// verified, with its .sha256 and manifest), so that every way the restore can end has a way back;
// and the words that name that way back, as a command that works as printed.
import { basename, dirname } from 'node:path';
import { describeAddress, type EngineAddress } from '../engine/connection/address.js';
import type { Engine } from '../engine/engine.js';
import { StowageError } from '../errors.js';
import { describeVolumes } from '../model/volumes.js';
import { displayable } from '../text/displayable.js';
import { shellQuote as q } from '../text/shell-quote.js';
import { runBackup } from './backup.js';
import { DEFAULT_GZIP_LEVEL } from './parallel-gzip.js';

/** A restore into an existing volume: the backup it writes, and the backup of what the volume held (null: it was empty). */
export interface RestoreInto {
  file: string;
  volume: string;
  safetyBackup: string | null;
}

/**
 * The flag naming this engine as it was chosen, so the command reaches the same engine: a
 * context by its name (with its own TLS files), anything else by its address (https:// keeps TLS).
 */
function engineFlag(address: EngineAddress): string {
  const context = /^context "(.*)"$/s.exec(address.source)?.[1];
  if (context !== undefined) return `--context ${q(context)}`;
  return `--host ${q(describeAddress(address))}`;
}

/** The command that restores `file` into the existing `volume`, quoted for a shell. */
export function restoreCommandLine(file: string, volume: string, address: EngineAddress): string {
  return `stowage restore ${q(file)} --volume ${q(volume)} --confirm-non-empty ${q(volume)} ${engineFlag(address)}`;
}

/**
 * What a restore that started writing into an existing volume and did not finish left, and how to
 * get back. `safetyBackupThere` is false when the saved contents have since gone.
 */
export function partialRestoreText(into: RestoreInto, address: EngineAddress, safetyBackupThere = true): string {
  const left = `volume ${displayable(into.volume)} holds a partial restore of ${displayable(into.file)}`;
  if (into.safetyBackup === null) return `${left}; it was empty before: run the restore again with \`${restoreCommandLine(into.file, into.volume, address)}\``;
  if (!safetyBackupThere) return `${left}; its contents before were saved to ${displayable(into.safetyBackup)}, which is gone: restore it from another backup`;
  // Restoring writes over entries and deletes none: going back in place keeps what the partial one added.
  return `${left}; its contents before are in ${displayable(into.safetyBackup)}: \`${restoreCommandLine(into.safetyBackup, into.volume, address)}\`${ADDED_STAY}`;
}

const ADDED_STAY = ' (entries the partial restore added stay: for exactly the contents before, restore it into a new volume)';

/** After a verified restore: where the volume's contents before are kept, the way back, and that they can go. */
export function keptSafetyBackupText(into: RestoreInto & { safetyBackup: string }, address: EngineAddress): string {
  return `Its contents before are kept in ${displayable(into.safetyBackup)} (with its .sha256 and .manifest.json): to go back, \`${restoreCommandLine(into.safetyBackup, into.volume, address)}\`; remove the three files once the restored data is right.`;
}

/**
 * Backs up what `volume` holds to `path` (its folder checked for room first), live and verified.
 * Any failure refuses the restore with the reason: nothing has been written into the volume yet.
 */
export async function saveCurrentContents(engine: Engine, volume: string, path: string, fileBytes: number, engineDescription: string): Promise<string> {
  const raw = (await engine.listVolumes()).find((candidate) => candidate.Name === volume);
  const [usage] = raw ? describeVolumes([raw], [], new Map([[volume, fileBytes]]), () => null) : [];
  if (!usage) throw new StowageError(`volume ${volume} is gone (removed since it was read): nothing was restored`);
  try {
    const saved = await runBackup(engine, { volume: usage, writers: [], fileName: basename(path) }, {
      directory: dirname(path), level: DEFAULT_GZIP_LEVEL, stopWriters: false, engineDescription,
    });
    return saved.file;
  } catch (error) {
    // The backup's own next step stands (free space, another --output); what it did not stop does not matter here.
    const reason = (error as Error).message.replace(/; nothing was (stopped|kept|written)$/, '');
    throw new StowageError(
      `restore refused, volume ${volume} is unchanged: its current contents could not be saved first to ${path}: ${reason}`,
      error instanceof StowageError ? error.exitCode : 1,
      error,
    );
  }
}
