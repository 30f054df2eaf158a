import type { RawDiskUsage } from '../engine/raw.js';
import { dfBuildCache, dfImages } from '../engine/raw-disk-usage.js';
import type { BuildCacheUsage, ImageUsage } from './types.js';
import { knownSize } from './units.js';

/** Largest first; equal sizes by id, since the engine lists them in no fixed order. */
const bySizeDescending = (a: { sizeBytes: number | null; id: string }, b: { sizeBytes: number | null; id: string }) =>
  (b.sizeBytes ?? -1) - (a.sizeBytes ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function describeImages(df: RawDiskUsage | null): ImageUsage[] {
  return dfImages(df)
    .map((image) => ({
      id: image.Id,
      tags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
      sizeBytes: knownSize(image.Size),
      sharedBytes: knownSize(image.SharedSize),
      containers: knownSize(image.Containers),
    }))
    .sort(bySizeDescending);
}

export function describeBuildCache(df: RawDiskUsage | null): BuildCacheUsage[] {
  return dfBuildCache(df)
    .map((record) => ({
      id: record.ID,
      type: record.Type ?? '',
      description: record.Description ?? '',
      sizeBytes: knownSize(record.Size),
      inUse: record.InUse === true,
      shared: record.Shared === true,
      lastUsedAt: record.LastUsedAt ?? null,
    }))
    .sort(bySizeDescending);
}
