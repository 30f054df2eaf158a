// Growth while stowage watches: sizes sampled over time in, bytes per second out. Pure: the
// sampler (src/app/growth-sampler.ts) measures, this does the arithmetic.

/** One measurement of a size; `bytes` null when it could not be read this time. */
export interface Sample {
  /** Milliseconds on a monotonic clock. */
  time: number;
  bytes: number | null;
}

/** The samples a rate is taken over: the last few, oldest first. */
export type Series = readonly Sample[];

/** A rate spans at most this many samples: recent enough to follow a change within seconds. */
export const GROWTH_WINDOW = 5;

/**
 * A size that grows (a log, a writable layer, a volume): a missing sample is skipped, and a size
 * that went down (a log rotated or truncated, files deleted) starts the series again from it, so
 * the rate is never negative and never spans the drop.
 */
export function addGrowthSample(series: Series, sample: Sample, window = GROWTH_WINDOW): Series {
  if (sample.bytes === null) return series;
  const last = series[series.length - 1];
  if (last && last.bytes !== null && sample.bytes < last.bytes) return [sample];
  return keepLast([...series, sample], window);
}

/** A size that may go either way (a file system's free bytes): only missing samples are skipped. */
export function addSignedSample(series: Series, sample: Sample, window = GROWTH_WINDOW): Series {
  return sample.bytes === null ? series : keepLast([...series, sample], window);
}

function keepLast(series: Sample[], window: number): Series {
  return series.length > window ? series.slice(series.length - window) : series;
}

/**
 * Bytes per second from the series' first to its last sample: null until two samples some time
 * apart are known (a first sample has no rate).
 */
export function bytesPerSecond(series: Series): number | null {
  const first = series[0];
  const last = series[series.length - 1];
  if (!first || !last || first === last || first.bytes === null || last.bytes === null) return null;
  const seconds = (last.time - first.time) / 1000;
  return seconds > 0 ? (last.bytes - first.bytes) / seconds : null;
}

/** The newest known size of a series, or null. */
export const latestBytes = (series: Series): number | null => series[series.length - 1]?.bytes ?? null;

/**
 * Seconds until a file system is full at the rate its free bytes shrink; null when they do not
 * shrink (or either is unknown).
 */
export function fullInSeconds(freeBytes: number | null, freeBytesPerSecond: number | null): number | null {
  if (freeBytes === null || freeBytesPerSecond === null || freeBytesPerSecond >= 0) return null;
  return Math.max(0, freeBytes / -freeBytesPerSecond);
}

/** "~4 min", "~3 h", "~2 days": an estimate, so rounded. */
export function describeDuration(seconds: number): string {
  if (seconds < 3600) return `~${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 48 * 3600) return `~${Math.round(seconds / 3600)} h`;
  return `~${Math.round(seconds / 86400)} days`;
}

/** The sum of the rates that are known; null when none is. */
export function knownSum(rates: (number | null)[]): number | null {
  const known = rates.filter((rate): rate is number => rate !== null);
  return known.length ? known.reduce((total, rate) => total + rate, 0) : null;
}

/** A container's sizes as last sampled and how fast each grows; null where unknown. */
export interface ContainerGrowth {
  id: string;
  name: string;
  layerBytes: number | null;
  volumeBytes: number | null;
  logBytes: number | null;
  layerBytesPerSecond: number | null;
  volumeBytesPerSecond: number | null;
  logBytesPerSecond: number | null;
}

/** The engine root's file system; `freeBytesPerSecond` is negative while it fills. */
export interface FileSystemGrowth {
  path: string;
  freeBytes: number;
  sizeBytes: number;
  /** Bytes in use ((blocks − bfree) × bsize): with `freeBytes`, the percent used as df and the header count it. */
  usedBytes?: number;
  freeBytesPerSecond: number | null;
  fullInSeconds: number | null;
}

/** One report of the sampler: what `stowage watch --json` prints as a line. */
export interface GrowthReport {
  /** ISO 8601, UTC. */
  time: string;
  /** null when the engine's root is not on this machine (a remote engine) or cannot be read. */
  fileSystem: FileSystemGrowth | null;
  /** Fastest growing first. */
  containers: ContainerGrowth[];
}

/** A container's bytes per second over its layer, volumes and log: the known parts, null when none is known. */
export const containerGrowth = (container: ContainerGrowth): number | null =>
  knownSum([container.layerBytesPerSecond, container.volumeBytesPerSecond, container.logBytesPerSecond]);

/** Fastest first, unknown last, then by name. */
export function byGrowth(a: ContainerGrowth, b: ContainerGrowth): number {
  const rateA = containerGrowth(a) ?? -1;
  const rateB = containerGrowth(b) ?? -1;
  return rateB - rateA || a.name.localeCompare(b.name);
}
