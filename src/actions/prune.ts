// Carries out a confirmed prune plan: exactly its items, one by one, by id or name. Never the
// engine's broad prune endpoints for volumes, so anything created or put back in use after the
// preview is untouched; an item the engine refuses (in use: 409) is reported and skipped.
import type { EngineWrites } from '../engine/engine.js';
import { EngineHttpError } from '../engine/engine-errors.js';
import type { PruneItem } from '../model/prune-plan.js';

export interface PruneOutcome {
  removed: PruneItem[];
  /** Items the engine kept: in use (409) or gone already (404) are expected; `failed` is an error. */
  skipped: { item: PruneItem; reason: string; failed: boolean }[];
  /** Bytes of what went, as previewed (build cache: as the engine reports). */
  freedBytes: number;
}

/** What a prune needs of the engine: its four deletes, nothing else. */
export type PruneEngine = Pick<EngineWrites, 'deleteContainer' | 'deleteVolume' | 'deleteImage' | 'deleteBuildCache'>;

/** The engine answered without error but did not delete the item. */
class KeptByEngine extends Error {}

function skipOf(item: PruneItem, error: unknown): PruneOutcome['skipped'][number] {
  const cause = (error as { cause?: unknown }).cause ?? error;
  if (cause instanceof EngineHttpError) {
    if (cause.statusCode === 409) return { item, reason: `in use (${cause.message})`, failed: false };
    if (cause.statusCode === 404) return { item, reason: 'already gone', failed: false };
    return { item, reason: `HTTP ${cause.statusCode}: ${cause.message}`, failed: true };
  }
  return { item, reason: (error as Error).message, failed: !(error instanceof KeptByEngine) };
}

async function remove(engine: PruneEngine, item: PruneItem): Promise<number> {
  if (item.type === 'container') await engine.deleteContainer(item.id);
  else if (item.type === 'volume') await engine.deleteVolume(item.id);
  else if (item.type === 'image') await engine.deleteImage(item.id);
  else {
    const result = await engine.deleteBuildCache(item.id);
    if (!result.deleted.includes(item.id)) throw new KeptByEngine('in use, or already gone');
    return result.reclaimedBytes;
  }
  return item.sizeBytes ?? 0;
}

export async function executePrune(
  engine: PruneEngine,
  items: readonly PruneItem[],
  onItem: (done: number, total: number) => void = () => undefined,
): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { removed: [], skipped: [], freedBytes: 0 };
  // Containers first (the plan's order): their anonymous volumes can only go once they are gone.
  for (const [index, item] of items.entries()) {
    try {
      outcome.freedBytes += await remove(engine, item);
      outcome.removed.push(item);
    } catch (error) {
      outcome.skipped.push(skipOf(item, error));
    }
    onItem(index + 1, items.length);
  }
  return outcome;
}
