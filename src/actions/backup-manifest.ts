// A backup's `.manifest.json`: what it holds and how it was made, written beside the backup and read
// to find the backups of a volume. The reader takes only what it can trust: a folder may hold
// manifests that were edited, cut short or written by something else.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_KINDS, readOutsideText } from '../outside-file.js';
import type { NotCarried } from './not-carried.js';

export interface BackupManifest {
  volume: string;
  labels: Record<string, string>;
  engine: string;
  createdAt: string;
  /** The backup's file name, in the manifest's folder. */
  file: string;
  sha256: string;
  bytes: number;
  tarBytes: number;
  entries: number;
  compression: string;
  containersStopped: string[];
  engineArchiveLimits: unknown;
  checkedOnThisMachine: string[] | string;
  notCarried: NotCarried[];
}

export const manifestPathOf = (backupFile: string) => `${backupFile}.manifest.json`;

export function manifestText(manifest: BackupManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A manifest's fields, or null when it is not a regular file of JSON within the bound. */
function parseManifest(path: string): Partial<Record<keyof BackupManifest, unknown>> | null {
  try {
    return JSON.parse(readOutsideText(path, FILE_KINDS.manifest)) as Partial<Record<keyof BackupManifest, unknown>> | null;
  } catch {
    return null;
  }
}

/** The backups of `volume` in `directory`, newest first: file names whose manifest names the volume. */
export async function backupsOfVolume(directory: string, volume: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const files: string[] = [];
  for (const name of names.filter((candidate) => candidate.endsWith('.manifest.json')).sort().reverse()) {
    const manifest = parseManifest(join(directory, name));
    const file = manifest?.file;
    // A manifest names a file beside it; anything else (a path, another volume) is not this volume's backup.
    if (manifest?.volume === volume && typeof file === 'string' && file && !file.includes('/') && names.includes(file)) files.push(file);
  }
  return files;
}
