import type { RawDiskUsage, RawUsageSummary } from '../engine/raw.js';
import { dfBuildCache, dfContainers, dfImages, dfSummaries, dfVolumes } from '../engine/raw-disk-usage.js';
import type { DiskUsage, UsageTotals } from './types.js';
import { knownSize } from './units.js';

const UNKNOWN: UsageTotals = { count: 0, activeCount: null, sizeBytes: null, reclaimableBytes: null };
const ACTIVE_STATES = new Set(['running', 'paused', 'restarting']);

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The `system df` totals, reckoned as the docker CLI does. */
export function summarizeDiskUsage(df: RawDiskUsage | null): DiskUsage {
  if (!df) return { images: UNKNOWN, containers: UNKNOWN, volumes: UNKNOWN, buildCache: UNKNOWN };
  const summaries = dfSummaries(df);
  return {
    images: fromSummary(summaries.images) ?? imageTotals(df),
    containers: fromSummary(summaries.containers) ?? containerTotals(df),
    volumes: fromSummary(summaries.volumes) ?? volumeTotals(df),
    buildCache: fromSummary(summaries.buildCache) ?? buildCacheTotals(df),
  };
}

/** API 1.52 computes the totals itself. */
function fromSummary(summary: RawUsageSummary | null | undefined): UsageTotals | null {
  if (!summary || typeof summary.TotalCount !== 'number') return null;
  return {
    count: summary.TotalCount,
    activeCount: knownSize(summary.ActiveCount),
    sizeBytes: knownSize(summary.TotalSize),
    reclaimableBytes: knownSize(summary.Reclaimable),
  };
}

function imageTotals(df: RawDiskUsage): UsageTotals {
  const images = dfImages(df);
  // Podman sends LayersSize 0 whatever its images hold: 0 is taken as not computed.
  const total = knownSize(df.LayersSize) || sum(images.map((image) => knownSize(image.Size) ?? 0));
  // Bytes of images that containers use, less what they share with other images.
  const used = sum(
    images
      .filter((image) => (image.Containers ?? 0) > 0 && (image.SharedSize ?? -1) >= 0)
      .map((image) => (image.Size ?? 0) - (image.SharedSize ?? 0)),
  );
  return {
    count: images.length,
    activeCount: images.filter((image) => (image.Containers ?? 0) > 0).length,
    sizeBytes: total,
    reclaimableBytes: Math.max(0, total - used),
  };
}

function containerTotals(df: RawDiskUsage): UsageTotals {
  const containers = dfContainers(df);
  const active = containers.filter((container) => ACTIVE_STATES.has(container.State ?? ''));
  const size = (list: typeof containers) => sum(list.map((container) => knownSize(container.SizeRw) ?? 0));
  return {
    count: containers.length,
    activeCount: active.length,
    sizeBytes: size(containers),
    reclaimableBytes: size(containers.filter((container) => !ACTIVE_STATES.has(container.State ?? ''))),
  };
}

function volumeTotals(df: RawDiskUsage): UsageTotals {
  const volumes = dfVolumes(df);
  const size = (list: typeof volumes) => sum(list.map((volume) => knownSize(volume.UsageData?.Size) ?? 0));
  const allUnknown = volumes.length > 0 && volumes.every((volume) => knownSize(volume.UsageData?.Size) === null);
  return {
    count: volumes.length,
    activeCount: volumes.filter((volume) => (volume.UsageData?.RefCount ?? 0) > 0).length,
    sizeBytes: allUnknown ? null : size(volumes),
    reclaimableBytes: allUnknown ? null : size(volumes.filter((volume) => volume.UsageData?.RefCount === 0)),
  };
}

function buildCacheTotals(df: RawDiskUsage): UsageTotals {
  const records = dfBuildCache(df).filter((record) => !record.Shared);
  const size = (list: typeof records) => sum(list.map((record) => knownSize(record.Size) ?? 0));
  return {
    count: dfBuildCache(df).length,
    activeCount: records.filter((record) => record.InUse).length,
    sizeBytes: size(records),
    reclaimableBytes: size(records.filter((record) => !record.InUse)),
  };
}
