// Walks a directory on this machine, adding up apparent sizes the way `du --apparent-size`
// does: every entry's own size (directories included), hard links once. GNU find does the walk
// when it is there (as fast as du, several at once); else Node walks it, many entries at a time.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { addEntry, binaryName, newTree, type TreeNode } from '../model/tree.js';
import { hasGnuFind, scanWithFind } from './find-scan.js';
import type { ScanProgress } from './scan-progress.js';

const CONCURRENCY = 32;

export async function scanLocalDirectory(
  root: string,
  onProgress: (progress: ScanProgress) => void = () => undefined,
  signal?: AbortSignal,
  tree: TreeNode = newTree(root),
): Promise<TreeNode> {
  if (hasGnuFind()) {
    await scanWithFind(root, tree, onProgress, signal);
    return tree;
  }
  return scanWithNode(root, onProgress, signal, tree);
}

/** The walk in Node alone, for machines without GNU find. */
export async function scanWithNode(
  root: string,
  onProgress: (progress: ScanProgress) => void = () => undefined,
  signal?: AbortSignal,
  tree: TreeNode = newTree(root),
): Promise<TreeNode> {
  const seenInodes = new Set<string>();
  const rootStat = await lstat(root);
  addEntry(tree, [], rootStat.size, true);
  const pending: string[][] = [[]];
  let running = 0;
  let items = 0;
  let lastReport = 0;

  await new Promise<void>((resolve, reject) => {
    // Paths as latin1 text and handed to fs as their bytes: names need not be UTF-8.
    const bytesOf = (parts: string[]) => Buffer.from(join(binaryName(root), ...parts), 'latin1');
    const visit = async (parts: string[]) => {
      const entries = await readdir(bytesOf(parts), { withFileTypes: true, encoding: 'buffer' }).catch(() => []);
      await Promise.all(
        entries.map(async (entry) => {
          const path = [...parts, entry.name.toString('latin1')];
          const stat = await lstat(bytesOf(path)).catch(() => null);
          if (!stat) return;
          if (!stat.isDirectory() && stat.nlink > 1) {
            const inode = `${stat.dev}:${stat.ino}`;
            if (seenInodes.has(inode)) return;
            seenInodes.add(inode);
          }
          addEntry(tree, path, stat.size, stat.isDirectory());
          items++;
          if (stat.isDirectory()) pending.push(path);
        }),
      );
    };
    const pump = () => {
      if (signal?.aborted) return reject(new Error('scan cancelled'));
      if (Date.now() - lastReport > 100) {
        lastReport = Date.now();
        onProgress({ items, bytes: tree.sizeBytes });
      }
      while (running < CONCURRENCY && pending.length) {
        const next = pending.pop() as string[];
        running++;
        visit(next).then(
          () => {
            running--;
            pump();
          },
          reject,
        );
      }
      if (running === 0 && pending.length === 0) resolve();
    };
    pump();
  });
  onProgress({ items, bytes: tree.sizeBytes });
  return tree;
}
