// Carries out a confirmed prune plan: exactly its items, one by one, by id or name. Never the
// engine's broad prune endpoints for volumes, so anything created or put back in use after the
// preview is untouched; an item the engine refuses (in use: 409) is reported and skipped.
import type { Engine } from '../engine/engine.js';
import { EngineHttpError } from '../engine/engine-errors.js';
import type { PruneItem } from '../model/prune-plan.js';

export interface PruneOutcome {
  removed: PruneItem[];
  skipped: { item: PruneItem; reason: string }[];
  /** Bytes of what went, as previewed (build cache: as the engine reports). */
  freedBytes: number;
}

function reasonFor(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  if (cause instanceof EngineHttpError) {
    if (cause.statusCode === 409) return `in use (${cause.message})`;
    if (cause.statusCode === 404) return 'already gone';
    return `HTTP ${cause.statusCode}: ${cause.message}`;
  }
  return (error as Error).message;
}

export async function executePrune(
  engine: Engine,
  items: readonly PruneItem[],
  onItem: (done: number, total: number) => void = () => undefined,
): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { removed: [], skipped: [], freedBytes: 0 };
  let done = 0;
  const caches = items.filter((item) => item.type === 'build-cache');
  // Containers first: their anonymous volumes can only go once they are gone.
  for (const item of items.filter((candidate) => candidate.type !== 'build-cache')) {
    try {
      if (item.type === 'container') await engine.deleteContainer(item.id);
      else if (item.type === 'volume') await engine.deleteVolume(item.id);
      else await engine.deleteImage(item.id);
      outcome.removed.push(item);
      outcome.freedBytes += item.sizeBytes ?? 0;
    } catch (error) {
      outcome.skipped.push({ item, reason: reasonFor(error) });
    }
    onItem(++done, items.length);
  }
  if (caches.length) {
    try {
      const result = await engine.deleteBuildCache(caches.map((item) => item.id));
      const deleted = new Set(result.deleted);
      for (const item of caches) {
        if (deleted.has(item.id)) outcome.removed.push(item);
        else outcome.skipped.push({ item, reason: 'in use, or already gone' });
      }
      outcome.freedBytes += result.reclaimedBytes;
    } catch (error) {
      for (const item of caches) outcome.skipped.push({ item, reason: reasonFor(error) });
    }
    onItem(items.length, items.length);
  }
  return outcome;
}
