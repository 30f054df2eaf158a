import { describeAddress, isLocal } from './connection/address.js';
import { mapWithLimit } from './concurrency.js';
import type { Engine } from './engine.js';
import { readLogBytes } from './log-sizes.js';
import type { RawContainerInspect, RawDiskUsage, RawHost } from './raw.js';

/** Inspect requests in flight at once: enough to hide latency, few enough not to load the engine. */
const INSPECT_CONCURRENCY = 8;

export interface CollectResult {
  raw: RawHost;
  /** Things that could not be collected; the snapshot is still usable without them. */
  warnings: string[];
}

/**
 * Reads everything a snapshot needs from one engine. `system df` runs alongside the listing,
 * since it is the slowest call; when it fails, sizes are unknown rather than the run failing.
 */
export async function collectHost(engine: Engine): Promise<CollectResult> {
  const warnings: string[] = [];
  const diskUsage: Promise<RawDiskUsage | null> = engine.diskUsage().catch((error: Error) => {
    warnings.push(`sizes are unknown: ${error.message}`);
    return null;
  });
  const [info, containers, volumes] = await Promise.all([engine.info(), engine.listContainers(), engine.listVolumes()]);
  const inspected = await mapWithLimit(containers, INSPECT_CONCURRENCY, (container) => engine.inspectContainer(container.Id));
  const inspects = inspected.filter((inspect): inspect is RawContainerInspect => inspect !== null);
  const logSizes: Record<string, number | null> = {};
  if (isLocal(engine.address)) {
    await mapWithLimit(inspects, INSPECT_CONCURRENCY, async (inspect) => {
      logSizes[inspect.Id] = await readLogBytes(inspect.LogPath ?? '');
    });
  }
  return {
    raw: {
      host: describeAddress(engine.address),
      apiVersion: engine.apiVersion,
      collectedAt: new Date().toISOString(),
      version: engine.version,
      info,
      containers,
      inspects,
      volumes,
      df: await diskUsage,
      logSizes,
    },
    warnings,
  };
}
