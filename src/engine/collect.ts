import { collectGarbage } from './heap.js';
import { describeAddress, isLocal } from './connection/address.js';
import { mapWithLimit } from './concurrency.js';
import type { EngineReads } from './engine.js';
import { passedLimit } from './engine-errors.js';
import { type CollectOptions, readHostFacts } from './host-facts.js';
import { readFileSystems } from './file-systems.js';
import { readLogBytes } from './log-sizes.js';
import { dfContainers } from './raw-disk-usage.js';
import type { RawContainerInspect, RawContainerSummary, RawDiskUsage, RawFileSystems, RawHost, RawHostFacts, RawInfo, RawVolume } from './raw.js';

/** Inspect requests in flight at once: enough to hide latency, few enough not to load the engine. */
const INSPECT_CONCURRENCY = 8;
/** From this many containers, a whole collection's garbage is collected before its snapshot is built. */
const LARGE_HOST_CONTAINERS = 1000;
/**
 * Partial results are passed on at most this often while inspecting: every 100 ms on a small
 * host, less often on a large one, where each update costs the screen more and keys must wait.
 */
const updateInterval = (containers: number) => Math.max(100, containers / 4);

export interface CollectProgress {
  /** Containers inspected (or found gone) so far, of `total` listed. */
  inspected: number;
  total: number;
  /** `system df`, which gives every size. */
  diskUsage: 'pending' | 'done' | 'failed';
}

export interface CollectResult {
  raw: RawHost;
  /** Things that could not be collected; the snapshot is still usable without them. */
  warnings: string[];
  progress: CollectProgress;
}

/**
 * The engine's reads for one collection, which gives up on the engine once: after one request
 * has passed a limit (no answer, a silence, too long, too large), every later one fails at once
 * with the same line instead of each waiting out its own timeout in turn.
 */
function givingUpOnce(engine: EngineReads): { reads: EngineReads; givenUp: () => Error | null } {
  let givenUp: Error | null = null;
  const guard = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
    if (givenUp) return Promise.reject(givenUp);
    return call(...args).catch((error: unknown) => {
      if (passedLimit(error)) givenUp ??= error as Error;
      throw error;
    });
  };
  const reads: EngineReads = {
    address: engine.address,
    apiVersion: engine.apiVersion,
    version: engine.version,
    info: guard(() => engine.info()),
    ping: guard(() => engine.ping()),
    listContainers: guard(() => engine.listContainers()),
    listContainersWithLabel: guard((label: string) => engine.listContainersWithLabel(label)),
    inspectContainer: guard((id: string) => engine.inspectContainer(id)),
    listVolumes: guard(() => engine.listVolumes()),
    diskUsage: guard(() => engine.diskUsage()),
    diskUsageOf: guard((kind: 'container' | 'volume') => engine.diskUsageOf(kind)),
    containerChanges: guard((id: string) => engine.containerChanges(id)),
    readArchive: guard((id: string, path: string, options?: { small?: boolean }) => engine.readArchive(id, path, options)),
    statPath: guard((id: string, path: string) => engine.statPath(id, path)),
    imageId: guard((reference: string) => engine.imageId(reference)),
  };
  return { reads, givenUp: () => givenUp };
}

/** The paths on the engine's host whose file systems a snapshot reports: data root first. */
function engineHostPaths(info: RawInfo, volumes: RawVolume[], inspects: RawContainerInspect[]): string[] {
  return [
    info.DockerRootDir ?? '',
    ...volumes.map((volume) => volume.Mountpoint ?? ''),
    ...inspects.flatMap((inspect) => (inspect.Mounts ?? []).filter((mount) => mount.Type === 'bind').map((mount) => mount.Source ?? '')),
    ...inspects.map((inspect) => inspect.LogPath ?? ''),
  ];
}

/**
 * Reads everything a snapshot needs from one engine, structure first: the container and volume
 * lists, then each container's inspect while `system df` (the slowest call, which gives the
 * sizes) runs alongside, then the host facts. `onUpdate` gets each partial result; when df
 * fails, sizes stay unknown rather than the run failing.
 */
export async function collectHost(
  host: EngineReads,
  onUpdate?: (partial: CollectResult) => void,
  options: CollectOptions = {},
): Promise<CollectResult> {
  const { reads: engine, givenUp } = givingUpOnce(host);
  const warnings: string[] = [];
  const inspects: RawContainerInspect[] = [];
  const gone = new Set<string>();
  const logSizes: Record<string, number | null> = {};
  let listed: { info: RawInfo; containers: RawContainerSummary[]; volumes: RawVolume[] } | null = null;
  let df: RawDiskUsage | null = null;
  let hostFacts: RawHostFacts | null = null;
  let fileSystems: RawFileSystems | null | undefined;
  let diskUsageState: CollectProgress['diskUsage'] = 'pending';
  // It walks every volume and layer: for a first screen it waits until the lists are in.
  const startDiskUsage = () =>
    engine.diskUsage().then(
      (answer) => {
        df = answer;
        diskUsageState = 'done';
        emit();
      },
      (error: Error) => {
        diskUsageState = 'failed';
        warnings.push(`sizes are unknown: ${error.message}`);
        emit();
      },
    );

  let lastUpdate = 0;
  const result = (structure: NonNullable<typeof listed>): CollectResult => ({
    raw: {
      host: describeAddress(engine.address),
      apiVersion: engine.apiVersion,
      collectedAt: new Date().toISOString(),
      version: engine.version,
      info: structure.info,
      containers: structure.containers.filter((container) => !gone.has(container.Id)),
      inspects: [...inspects],
      volumes: structure.volumes,
      df,
      logSizes: { ...logSizes },
      hostFacts,
      ...(fileSystems === undefined ? {} : { fileSystems }),
    },
    warnings: [...warnings],
    progress: { inspected: inspects.length + gone.size, total: structure.containers.length, diskUsage: diskUsageState },
  });
  function emit(throttle = false) {
    if (!onUpdate || !listed || (throttle && Date.now() - lastUpdate < updateInterval(listed.containers.length))) return;
    lastUpdate = Date.now();
    onUpdate(result(listed));
  }

  const early = options.listsFirst ? null : startDiskUsage();
  const [info, containers, volumes] = await Promise.all([engine.info(), engine.listContainers(), engine.listVolumes()]);
  listed = { info, containers, volumes };
  const diskUsage = early ?? startDiskUsage();
  emit();
  await mapWithLimit(containers, options.inspectConcurrency ?? INSPECT_CONCURRENCY, async (container) => {
    const inspect = await engine.inspectContainer(container.Id);
    if (!inspect) {
      // Removed since it was listed.
      gone.add(container.Id);
      return;
    }
    if (isLocal(engine.address)) logSizes[inspect.Id] = await readLogBytes(inspect.LogPath ?? '');
    inspects.push(inspect);
    emit(true);
  });
  if (!options.skip) {
    // Only reads, on this machine: what a full disk needs said first, before system df is in.
    fileSystems = isLocal(engine.address) && !options.throughEngine ? await readFileSystems(engineHostPaths(info, volumes, inspects)) : null;
  }
  emit();
  if (!options.skip) {
    // The layer sizes from system df spare a /changes walk of every empty layer.
    await diskUsage;
    const layerBytes = new Map(dfContainers(df).map((container) => [container.Id, container.SizeRw ?? 0]));
    try {
      const read = await readHostFacts(engine, inspects, options, layerBytes);
      hostFacts = read.facts;
      for (const [id, bytes] of Object.entries(read.logSizes)) logSizes[id] ??= bytes;
    } catch (error) {
      warnings.push(`host paths, users and layer contents are unknown: ${(error as Error).message}`);
    }
  }
  emit();
  await diskUsage;
  const cause = givenUp();
  if (cause && !warnings.some((warning) => warning.includes(cause.message))) {
    warnings.push(`host paths, users and layer contents may be unknown: ${cause.message}`);
  }
  // A whole collection at once (--json, check, actions, each host of a fleet) of a large host: the
  // garbage of its answers goes now, before the caller builds its snapshot on top of it. The
  // explorer's own collection (with onUpdate) answers keys meanwhile and is spared the pause; a
  // small host's garbage is a few MB, not worth it.
  if (!onUpdate && containers.length >= LARGE_HOST_CONTAINERS) collectGarbage();
  return result(listed);
}
