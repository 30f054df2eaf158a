// The drill-down's scans: one at a time, read on this machine when the data is here and readable,
// else through the engine. The view reads the growing tree from here while the scan runs.
import { access, constants } from 'node:fs/promises';
import { isLocal } from '../engine/connection/address.js';
import type { Engine, EngineReads } from '../engine/engine.js';
import type { HelperEngine } from '../engine/helper-container.js';
import { newTree, type TreeNode } from '../model/tree.js';
import { scanLayerThroughEngine, scanVolumeThroughEngine } from '../scan/engine-scan.js';
import { scanLocalDirectory } from '../scan/local-scan.js';
import type { ScanProgress } from '../scan/scan-progress.js';
import { createStore, type Store } from './store.js';

export type TreeTarget =
  | { kind: 'volume'; name: string; mountpoint: string | null }
  | { kind: 'layer'; containerId: string; containerName: string; path: string | null };

export type TreeState =
  | { status: 'closed' }
  | {
      status: 'scanning' | 'done' | 'failed';
      target: TreeTarget;
      tree: TreeNode;
      progress: ScanProgress;
      /** Read on this machine, or streamed from the engine. */
      method: 'local' | 'engine';
      error: string | null;
      /** Grows with every update, so views re-render while the tree fills in. */
      version: number;
    };

export interface TreeStore extends Store<TreeState> {
  open(target: TreeTarget): void;
  close(): void;
}

async function readable(path: string | null): Promise<boolean> {
  if (!path) return false;
  return access(path, constants.R_OK | constants.X_OK).then(() => true, () => false);
}

/** Why a volume cannot be read when no helper may be made (--read-only) and it is not on this machine. */
export const NO_HELPER_IN_READ_ONLY =
  "this volume's directory is not readable on this machine, and reading it through the engine takes a helper container, which --read-only never creates: run stowage on the engine's host (with sudo if the directory is root's), or without --read-only";

/** Scans with a writable engine: it reads, and makes a helper for a volume only the engine can read. */
export function treeStore(engine: () => Engine | null): TreeStore;
/**
 * Scans with the engine's reads; `helperEngine` makes the helper a volume not readable here needs,
 * and gives null in a read-only session, where such a volume is refused instead.
 */
export function treeStore(engine: () => EngineReads | null, helperEngine: () => HelperEngine | null): TreeStore;
// Given one argument, the engine is a writable one (the first signature): it makes helpers too.
export function treeStore(engine: () => EngineReads | null, helperEngine = engine as () => HelperEngine | null): TreeStore {
  const store = createStore<TreeState>({ status: 'closed' });
  let controller: AbortController | null = null;
  /** The scan's next state, while it is the one shown: a closed or newer drill-down hears nothing of it. */
  const update = (current: AbortController, next: (shown: Exclude<TreeState, { status: 'closed' }>) => TreeState) => {
    const shown = store.getState();
    if (controller === current && shown.status !== 'closed') store.set(next(shown));
  };

  const open = (target: TreeTarget) => {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    const connected = engine();
    void (async () => {
      const path = target.kind === 'volume' ? target.mountpoint : target.path;
      const local = connected !== null && isLocal(connected.address) && (await readable(path));
      const tree = newTree(path ?? (target.kind === 'volume' ? target.name : target.containerName));
      let version = 0;
      const base = { target, method: local ? ('local' as const) : ('engine' as const), error: null };
      store.set({ status: 'scanning', ...base, tree, progress: { items: 0, bytes: 0 }, version });
      const onProgress = (progress: ScanProgress) => update(current, (shown) => ({ ...shown, progress, version: ++version }));
      try {
        if (!connected) throw new Error('the drill-down reads the data from the engine: open stowage on a live engine');
        if (local) await scanLocalDirectory(path as string, onProgress, current.signal, tree);
        else if (target.kind === 'layer') await scanLayerThroughEngine(connected, target.containerId, onProgress, current.signal, tree);
        else {
          const helper = helperEngine();
          if (!helper) throw new Error(NO_HELPER_IN_READ_ONLY);
          await scanVolumeThroughEngine(helper, target.name, onProgress, current.signal, tree);
        }
        update(current, (shown) => ({ ...shown, status: 'done', version: ++version }));
      } catch (error) {
        update(current, (shown) => ({ ...shown, status: 'failed', error: (error as Error).message, version: ++version }));
      }
    })();
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    open,
    close: () => {
      controller?.abort();
      controller = null;
      store.set({ status: 'closed' });
    },
  };
}
