// The fast local walk: GNU find does the stat calls (as du does), several at once over parts of
// the tree, and streams one record per entry; parsing them is cheap. Used when find is there.
import { spawn, spawnSync } from 'node:child_process';
import { lstat, readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { addEntry, binaryName, type TreeNode } from '../model/tree.js';
import type { ScanProgress } from './scan-progress.js';

let findWorks: boolean | null = null;
const D = 'd'.charCodeAt(0);

/** Whether GNU find (with -printf) is on this machine. */
export function hasGnuFind(): boolean {
  findWorks ??= spawnSync('find', ['/', '-maxdepth', '0', '-printf', ''], { stdio: 'ignore' }).status === 0;
  return findWorks;
}

/** Splits the root's entries into groups of about equal count, one find each. */
function groups<T>(items: T[], count: number): T[][] {
  const result: T[][] = Array.from({ length: count }, () => []);
  items.forEach((item, index) => result[index % count]?.push(item));
  return result.filter((group) => group.length);
}

export async function scanWithFind(
  root: string,
  tree: TreeNode,
  onProgress: (progress: ScanProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  addEntry(tree, [], (await lstat(root)).size, true);
  const top = await readdir(root, { encoding: 'buffer' });
  const seenInodes = new Set<string>();
  let items = 0;
  let lastReport = 0;
  // find's output is read as latin1, one character per byte: names need not be UTF-8.
  const prefix = binaryName(root.endsWith('/') ? root : `${root}/`);
  // Each directory seen, by its path below the root, with the nodes from the root down to it:
  // find lists a directory before what it holds, so an entry's parent is one lookup away.
  const directories = new Map<string, TreeNode[]>([['', [tree]]]);
  const place = (path: string, sizeBytes: number, directory: boolean) => {
    const slash = path.lastIndexOf('/');
    const chain = directories.get(slash < 0 ? '' : path.slice(0, slash));
    const name = path.slice(slash + 1);
    const parent = chain?.at(-1);
    if (!chain || !parent?.children || parent.children.has(name)) {
      // Out of the usual order: the general way, which makes what is missing.
      addEntry(tree, path.split('/'), sizeBytes, directory);
      return;
    }
    const node: TreeNode = { name, directory, sizeBytes, items: 0, children: directory ? new Map() : null };
    parent.children.set(name, node);
    for (const ancestor of chain) {
      ancestor.sizeBytes += sizeBytes;
      ancestor.items += 1;
    }
    if (directory) directories.set(path, [...chain, node]);
  };
  const walk = (starts: string[]) =>
    new Promise<void>((resolve, reject) => {
      // type, size, links, device:inode, then the path: records end in NUL, so any name is safe.
      const find = spawn('find', [...starts, '-printf', '%y\\t%s\\t%n\\t%D:%i\\t%p\\0'], {
        stdio: ['ignore', 'pipe', 'ignore'],
        signal,
      });
      let rest = '';
      find.stdout.setEncoding('latin1');
      find.stdout.on('data', (chunk: string) => {
        const records = (rest + chunk).split('\0');
        rest = records.pop() ?? '';
        for (const record of records) {
          // Fields by position, without splitting: this loop runs once per file.
          const sizeAt = record.indexOf('\t') + 1;
          const linksAt = record.indexOf('\t', sizeAt) + 1;
          const inodeAt = record.indexOf('\t', linksAt) + 1;
          const pathAt = record.indexOf('\t', inodeAt) + 1;
          const directory = record.charCodeAt(0) === D;
          if (!directory && record.slice(linksAt, inodeAt - 1) !== '1') {
            const inode = record.slice(inodeAt, pathAt - 1);
            if (seenInodes.has(inode)) continue;
            seenInodes.add(inode);
          }
          place(record.slice(pathAt + prefix.length), Number(record.slice(sizeAt, linksAt - 1)), directory);
          items++;
        }
        if (Date.now() - lastReport > 100) {
          lastReport = Date.now();
          onProgress({ items, bytes: tree.sizeBytes });
        }
      });
      find.on('error', reject);
      // find exits 1 when some entries were unreadable; what it could read still counts.
      find.on('close', () => resolve());
    });
  // An argument is text: when a name at the top is not UTF-8, one find walks the whole root.
  const names = top.map((name) => name.toString('utf8'));
  const exact = names.every((name, index) => Buffer.from(name, 'utf8').equals(top[index] as Buffer));
  const starts = exact ? groups(names.map((name) => join(root, name)), Math.max(1, availableParallelism())) : [[root, '-mindepth', '1']];
  await Promise.all(starts.map(walk));
  onProgress({ items, bytes: tree.sizeBytes });
}
