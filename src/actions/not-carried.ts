// What a backup through the engine's archive endpoint cannot carry, found on this machine when the
// volume's folder is readable here. The daemon's tar (Go archive/tar) skips sockets, carries only
// the `security.capability` extended attribute, and reads sparse files as full data, which a
// restore writes back dense. stowage runs nothing in the helper, so it cannot do better through
// the engine; it names these entries instead. On a remote engine nothing can be checked: the
// manifest says so.
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { isLocal } from '../engine/connection/address.js';
import type { EngineReads } from '../engine/engine.js';
import { hasGnuFind } from '../scan/find-scan.js';

export interface NotCarried {
  path: string;
  kind: 'socket' | 'sparse' | 'xattr' | 'refused';
  /** refused: why the engine would not restore it. */
  reason?: string;
  /** sparse: the size it takes on disk now, and the (dense) size it takes once restored. */
  allocatedBytes?: number;
  restoredBytes?: number;
  /** xattr: the attributes left out. */
  attributes?: string[];
}

export interface CarryCheck {
  /** What was checked on this machine; empty when the volume is not readable here. */
  checked: ('sockets' | 'sparse files' | 'xattrs')[];
  notCarried: NotCarried[];
}

/** What the archive endpoint never carries, for the manifest. */
export const ENGINE_LIMITS = 'sockets are skipped; of extended attributes (and ACLs) only security.capability is kept; sparse files are read as full data and restored dense';

const CARRIED_XATTRS = new Set(['security.capability']);

function run(file: string, args: string[], cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => resolve(error ? null : stdout));
  });
}

const XATTR_LISTER = `
import os, sys
for root, dirs, files in os.walk('.'):
    for name in dirs + files:
        path = os.path.join(root, name)
        try:
            names = os.listxattr(path, follow_symlinks=False)
        except OSError:
            continue
        if names:
            sys.stdout.write(path[2:] + '\\t' + ','.join(names) + '\\0')
`;

async function xattrs(mountpoint: string): Promise<NotCarried[] | null> {
  const listing = await run('python3', ['-c', XATTR_LISTER], mountpoint);
  if (listing === null) return null;
  const found: NotCarried[] = [];
  for (const record of listing.split('\0').filter(Boolean)) {
    const tab = record.lastIndexOf('\t');
    const attributes = record.slice(tab + 1).split(',').filter((name) => !CARRIED_XATTRS.has(name));
    if (attributes.length) found.push({ path: record.slice(0, tab), kind: 'xattr', attributes });
  }
  return found;
}

/** Sockets and sparse files (allocated less than their size by more than a block), by GNU find. */
async function socketsAndSparse(mountpoint: string): Promise<NotCarried[] | null> {
  const listing = await run('find', ['.', '-mindepth', '1', '(', '-type', 's', '-o', '-type', 'f', ')', '-printf', '%y %s %b %P\\0'], mountpoint);
  if (listing === null) return null;
  const found: NotCarried[] = [];
  for (const record of listing.split('\0')) {
    if (!record) continue;
    const [type, size, blocks] = record.split(' ', 3);
    const path = record.slice(`${type} ${size} ${blocks} `.length);
    if (type === 's') found.push({ path, kind: 'socket' });
    else if (Number(blocks) * 512 + 4096 <= Number(size)) {
      found.push({ path, kind: 'sparse', allocatedBytes: Number(blocks) * 512, restoredBytes: Number(size) });
    }
  }
  return found;
}

export async function checkWhatIsNotCarried(engine: EngineReads, mountpoint: string | null): Promise<CarryCheck> {
  const readable = mountpoint !== null && isLocal(engine.address) && (await access(mountpoint, constants.R_OK | constants.X_OK).then(() => true, () => false));
  if (!readable || !hasGnuFind()) return { checked: [], notCarried: [] };
  const [files, attributes] = await Promise.all([socketsAndSparse(mountpoint), xattrs(mountpoint)]);
  const checked: CarryCheck['checked'] = [];
  if (files) checked.push('sockets', 'sparse files');
  if (attributes) checked.push('xattrs');
  return { checked, notCarried: [...(files ?? []), ...(attributes ?? [])] };
}

/** `2 entries not carried: a socket (run/app.sock), a sparse file (disk.img, 4 KB on disk, restored as 101 MB)`. */
export function notCarriedText(items: NotCarried[], format: (bytes: number) => string, limit = 3): string {
  const described = items.slice(0, limit).map((item) => {
    if (item.kind === 'socket') return `socket ${item.path} (skipped)`;
    if (item.kind === 'sparse') return `sparse file ${item.path} (${format(item.allocatedBytes ?? 0)} on disk, restores dense as ${format(item.restoredBytes ?? 0)})`;
    if (item.kind === 'refused') return `${item.path} (${item.reason})`;
    return `${item.path}'s extended attributes ${item.attributes?.join(', ')} (dropped)`;
  });
  const more = items.length > limit ? `, and ${items.length - limit} more (listed in the manifest)` : '';
  return `${items.length} ${items.length === 1 ? 'entry is' : 'entries are'} not carried as they are: ${described.join(', ')}${more}`;
}
