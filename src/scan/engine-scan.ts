// Sizes a volume or a writable layer through the engine, for a remote engine or a layer with no
// directory on this machine: a volume's archive is streamed and only its headers are counted; a
// layer's changed files are stat'ed one by one. Nothing is run and nothing is unpacked.
import { mapWithLimit } from '../engine/concurrency.js';
import type { EngineReads } from '../engine/engine.js';
import { type HelperEngine, withHelper } from '../engine/helper-container.js';
import { tarEntries } from '../engine/tar-headers.js';
import { addEntry, binaryName, newTree, type TreeNode } from '../model/tree.js';
import type { ScanProgress } from './scan-progress.js';

const MOUNT_POINT = '/volume';

/** A volume's bytes through a helper that mounts it: a write, so never in a read-only session. */
export async function scanVolumeThroughEngine(
  engine: HelperEngine,
  volume: string,
  onProgress: (progress: ScanProgress) => void = () => undefined,
  signal?: AbortSignal,
  tree: TreeNode = newTree(volume),
): Promise<TreeNode> {
  await withHelper(engine, [{ type: 'volume', source: volume, target: MOUNT_POINT, readOnly: true }], async (helper) => {
    const stream = await engine.readArchive(helper, `${MOUNT_POINT}/.`);
    if (!stream) throw new Error(`the engine found nothing at volume ${volume}`);
    let items = 0;
    let lastReport = 0;
    try {
      for await (const entry of tarEntries(stream)) {
        if (signal?.aborted) throw new Error('scan cancelled');
        const parts = entry.binaryPath.split('/').filter((part) => part && part !== '.');
        if (parts.length === 0) continue;
        addEntry(tree, parts, entry.type === 'hardlink' ? 0 : entry.size, entry.type === 'directory');
        items++;
        if (Date.now() - lastReport > 100) {
          lastReport = Date.now();
          onProgress({ items, bytes: tree.sizeBytes });
        }
      }
      onProgress({ items, bytes: tree.sizeBytes });
    } finally {
      stream.destroy();
    }
  });
  return tree;
}

/** A writable layer from the container's changes: what `docker rm` would destroy. */
export async function scanLayerThroughEngine(
  engine: EngineReads,
  containerId: string,
  onProgress: (progress: ScanProgress) => void = () => undefined,
  signal?: AbortSignal,
  tree: TreeNode = newTree('/'),
): Promise<TreeNode> {
  const changes = (await engine.containerChanges(containerId)) ?? [];
  let items = 0;
  await mapWithLimit(changes.filter((change) => change.Kind !== 2), 8, async (change) => {
    if (signal?.aborted) throw new Error('scan cancelled');
    const stat = await engine.statPath(containerId, change.Path).catch(() => null);
    if (!stat) return;
    const directory = (stat.mode & 0x80000000) !== 0;
    // The engine gives changed paths as JSON text: names are kept as latin1 bytes like every scan's.
    addEntry(tree, binaryName(change.Path).split('/').filter(Boolean), directory ? 0 : stat.size, directory);
    items++;
    onProgress({ items, bytes: tree.sizeBytes });
  });
  return tree;
}
