// The one rule for a path a backup holds: whether writing it back could land outside the volume.
// The backup names such entries as not carried; the restore refuses the whole file for one.
import type { TarEntry } from '../engine/tar-headers.js';
import { relativeName } from '../engine/tar-rebase.js';

/**
 * Absolute, a `..` step anywhere (even one that comes back, `a/../b`: nothing is resolved), or a
 * NUL (no file name holds one, and a reader that stops there may be left with `..`).
 */
export function leavesVolume(path: string): boolean {
  return path.startsWith('/') || path.includes('\0') || relativeName(path).split('/').includes('..');
}

/** By its own path, or for a hard link by the path it names (a symlink's target is only text). */
export function entryLeavesVolume(entry: TarEntry): boolean {
  return leavesVolume(entry.binaryPath) || (entry.type === 'hardlink' && leavesVolume(entry.binaryLinkPath));
}
