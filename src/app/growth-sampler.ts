// Samples what grows on a host, for the explorer's GROWTH column and for `stowage watch`.
// Cheap signals (log sizes by stat, the engine root's free bytes by statfs; both only when the
// engine runs on this machine) every interval; expensive ones (layer and volume sizes, which the
// engine computes by walking them) rarely, so a large host is not hammered.
import { stat, statfs } from 'node:fs/promises';
import { isLocal } from '../engine/connection/address.js';
import { compareApiVersions } from '../engine/api-version.js';
import { mapWithLimit } from '../engine/concurrency.js';
import type { EngineReads } from '../engine/engine.js';
import { readLogBytes } from '../engine/log-sizes.js';
import { dfContainers, dfVolumes } from '../engine/raw-disk-usage.js';
import type { RawDiskUsage } from '../engine/raw.js';
import {
  addGrowthSample,
  addSignedSample,
  byGrowth,
  type ContainerGrowth,
  bytesPerSecond,
  fullInSeconds,
  type GrowthReport,
  latestBytes,
  type Series,
} from '../model/growth.js';
import { createStore, eachValue, type Store } from './store.js';

/**
 * A pass (cheap or expensive) starts again no sooner than this many times its own duration
 * after it ended: whatever the host's size, stowage and dockerd spend at most about a tenth of
 * their time on watching.
 */
export const DUTY_FACTOR = 10;
/** Stat calls in flight at once: enough to hide the disk's latency, few enough to keep keys answered. */
const STAT_CONCURRENCY = 16;
/** Inspects (for log paths of containers not known yet), as gently as the explorer's. */
const INSPECT_CONCURRENCY = 2;

export interface GrowthSamplerOptions {
  /** How often the cheap signals are sampled and a report made. */
  intervalMs: number;
  /** Log paths already known (from a snapshot), spared an inspect each. */
  logPaths?: ReadonlyMap<string, string>;
  /** Monotonic milliseconds; tests give their own. */
  now?: () => number;
}

/** A sample that could not be taken: when, and why in one line. */
export interface SampleFailure {
  time: string;
  error: string;
}

export interface GrowthSampler {
  /** Samples until stopped; the first report comes once the first sizes are in. */
  start(): void;
  stop(): void;
  /** A report for each sample taken: the engine answered, and the sizes have been read once. */
  subscribe(listener: (report: GrowthReport) => void): () => void;
  /** Each sample that failed: the engine gave no answer, or no sizes. */
  onFailure(listener: (failure: SampleFailure) => void): () => void;
  latest(): GrowthReport | null;
}

interface Tracked {
  id: string;
  name: string;
  volumes: string[];
  layer: Series;
  volume: Series;
  log: Series;
  logPath: string | null;
  /** Bytes of the rotated files (`<log>.1`...), read again only when the live log shrinks. */
  rotatedBytes: number | null;
  liveBytes: number | null;
}

/**
 * The time from one pass's start to the next: the interval, or ten times what the pass took when
 * that is longer. On a small host layer sizes then follow every interval; where `system df`
 * takes 2 s (thousands of containers) they come every 20 s, and dockerd walks a tenth of the time.
 */
export function passGapMs(intervalMs: number, lastDurationMs: number): number {
  return Math.max(intervalMs, DUTY_FACTOR * lastDurationMs);
}

export function growthSampler(engine: EngineReads, options: GrowthSamplerOptions): GrowthSampler {
  const now = options.now ?? (() => performance.now());
  const local = isLocal(engine.address);
  const tracked = new Map<string, Tracked>();
  const knownLogPaths = new Map(options.logPaths ?? []);
  const reports = createStore<GrowthReport | null>(null);
  const failures = createStore<SampleFailure | null>(null);
  const failed = (error: unknown) => {
    const line = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    failures.set({ time: new Date().toISOString(), error: line });
  };
  let free: Series = [];
  let fileSystem: { path: string; freeBytes: number; sizeBytes: number; usedBytes: number } | null = null;
  let rootDir: string | null = null;
  let running = false;
  let cheapTimer: NodeJS.Timeout | null = null;
  let expensiveTimer: NodeJS.Timeout | null = null;
  let expensiveDone = false;

  const expensivePass = async () => {
    const started = now();
    const splitKinds = compareApiVersions(engine.apiVersion, '1.42') >= 0;
    const containersDf: RawDiskUsage = splitKinds ? await engine.diskUsageOf('container') : await engine.diskUsage();
    const layersAt = (started + now()) / 2;
    const volumesStarted = now();
    const volumesDf = splitKinds ? await engine.diskUsageOf('volume') : containersDf;
    const volumesAt = (volumesStarted + now()) / 2;
    const duration = now() - started;
    const volumeSizes = new Map(dfVolumes(volumesDf).map((volume) => {
      const size = volume.UsageData?.Size;
      return [volume.Name, typeof size === 'number' && size >= 0 ? size : null] as const;
    }));
    const listed = new Set<string>();
    const fresh: Tracked[] = [];
    for (const container of dfContainers(containersDf)) {
      listed.add(container.Id);
      let entry = tracked.get(container.Id);
      if (!entry) {
        entry = {
          id: container.Id, name: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
          volumes: [], layer: [], volume: [], log: [], logPath: knownLogPaths.get(container.Id) ?? null, rotatedBytes: null, liveBytes: null,
        };
        tracked.set(container.Id, entry);
        if (local && entry.logPath === null) fresh.push(entry);
      }
      entry.volumes = (container.Mounts ?? []).filter((mount) => mount.Type === 'volume' && mount.Name).map((mount) => mount.Name as string);
      // An empty layer has SizeRw left out (omitempty).
      entry.layer = addGrowthSample(entry.layer, { time: layersAt, bytes: container.SizeRw ?? 0 });
      const sizes = entry.volumes.map((name) => volumeSizes.get(name) ?? null);
      const volumeBytes = sizes.includes(null) ? null : sizes.reduce<number>((total, size) => total + (size ?? 0), 0);
      entry.volume = addGrowthSample(entry.volume, { time: volumesAt, bytes: volumeBytes });
    }
    for (const id of tracked.keys()) if (!listed.has(id)) tracked.delete(id);
    // Log paths only an inspect gives (the explorer passes those of its snapshot): read in the
    // background, so the sizes are reported meanwhile.
    void mapWithLimit(fresh, INSPECT_CONCURRENCY, async (entry) => {
      if (!running) return;
      const inspect = await engine.inspectContainer(entry.id).catch(() => null);
      entry.logPath = inspect?.LogPath || null;
      if (entry.logPath) knownLogPaths.set(entry.id, entry.logPath);
    });
    return duration;
  };

  const readLog = async (entry: Tracked, time: number) => {
    if (!entry.logPath) return;
    let live: number;
    try {
      live = (await stat(entry.logPath)).size;
    } catch {
      entry.log = addGrowthSample(entry.log, { time, bytes: null });
      return;
    }
    if (entry.liveBytes === null || entry.rotatedBytes === null || live < entry.liveBytes) {
      const total = await readLogBytes(entry.logPath);
      entry.rotatedBytes = total === null ? null : Math.max(0, total - live);
    }
    entry.liveBytes = live;
    entry.log = addGrowthSample(entry.log, { time, bytes: entry.rotatedBytes === null ? null : live + entry.rotatedBytes });
  };

  const cheapPass = async () => {
    const time = now();
    if (local && rootDir) {
      try {
        const answer = await statfs(rootDir);
        fileSystem = { path: rootDir, freeBytes: answer.bavail * answer.bsize, sizeBytes: answer.blocks * answer.bsize, usedBytes: (answer.blocks - answer.bfree) * answer.bsize };
        free = addSignedSample(free, { time, bytes: fileSystem.freeBytes });
      } catch {
        fileSystem = null;
      }
    }
    if (local) await mapWithLimit([...tracked.values()], STAT_CONCURRENCY, (entry) => readLog(entry, time));
    return now() - time;
  };

  const report = (): GrowthReport => {
    const freeBytesPerSecond = bytesPerSecond(free);
    return {
      time: new Date().toISOString(),
      fileSystem: fileSystem && {
        ...fileSystem,
        freeBytesPerSecond,
        fullInSeconds: fullInSeconds(fileSystem.freeBytes, freeBytesPerSecond),
      },
      containers: [...tracked.values()].map((entry) => ({
        id: entry.id,
        name: entry.name,
        layerBytes: latestBytes(entry.layer),
        volumeBytes: entry.volumes.length ? latestBytes(entry.volume) : 0,
        logBytes: latestBytes(entry.log),
        layerBytesPerSecond: bytesPerSecond(entry.layer),
        volumeBytesPerSecond: entry.volumes.length ? bytesPerSecond(entry.volume) : 0,
        logBytesPerSecond: bytesPerSecond(entry.log),
      })).sort(byGrowth),
    };
  };

  const scheduleExpensive = (delay: number) => {
    expensiveTimer = setTimeout(() => void runExpensive(), delay);
    expensiveTimer.unref?.();
  };
  const runExpensive = async () => {
    if (!running) return;
    const started = now();
    let duration: number;
    try {
      duration = await expensivePass();
      expensiveDone = true;
    } catch (error) {
      // The engine was busy or gone: sizes keep their last samples; ask again later.
      duration = now() - started;
      if (running) failed(error);
    }
    if (running) scheduleExpensive(Math.max(0, started + passGapMs(options.intervalMs, duration) - now()));
  };
  const runCheap = async () => {
    if (!running) return;
    const started = now();
    // A line is made only of a sample taken: the engine must still answer, not just its files be there.
    let answered = true;
    try {
      await engine.ping();
    } catch (error) {
      answered = false;
      if (running) failed(error);
    }
    const duration = answered ? await cheapPass() : now() - started;
    if (!running) return;
    if (answered && expensiveDone) reports.set(report());
    cheapTimer = setTimeout(() => void runCheap(), Math.max(0, started + passGapMs(options.intervalMs, duration) - now()));
  };

  return {
    start() {
      if (running) return;
      running = true;
      void (async () => {
        if (local) rootDir = (await engine.info().catch(() => null))?.DockerRootDir ?? null;
        await runExpensive();
        await runCheap();
      })();
    },
    stop() {
      running = false;
      if (cheapTimer) clearTimeout(cheapTimer);
      if (expensiveTimer) clearTimeout(expensiveTimer);
    },
    subscribe: (listener) => eachValue(reports, listener),
    onFailure: (listener) => eachValue(failures, listener),
    latest: reports.getState,
  };
}

/** What the explorer draws of the growth: each container's, and when the root's file system fills. */
export interface GrowthView {
  byId: ReadonlyMap<string, ContainerGrowth>;
  fullInSeconds: number | null;
}

export type GrowthStore = Store<GrowthView | null>;

/** A store for the explorer: `show` each report (once per interval at most) and the screen follows. */
export function growthStore(): GrowthStore & { show(report: GrowthReport): void } {
  const view = createStore<GrowthView | null>(null);
  return {
    show(report) {
      view.set({ byId: new Map(report.containers.map((container) => [container.id, container])), fullInSeconds: report.fileSystem?.fullInSeconds ?? null });
    },
    subscribe: view.subscribe,
    getState: view.getState,
  };
}
