import type {
  RawBuildCacheRecord,
  RawContainerSummary,
  RawDiskUsage,
  RawImageSummary,
  RawUsageSummary,
  RawVolume,
} from './raw.js';

// `/system/df` lists items at the top level up to API 1.52, and from API 1.52 also in per-kind
// summaries (`ImageUsage`..., spelled `ImagesDiskUsage`... in the first v1.52 reference).
// These read any of the shapes.

export interface DfKinds {
  images: RawUsageSummary | null;
  containers: RawUsageSummary | null;
  volumes: RawUsageSummary | null;
  buildCache: RawUsageSummary | null;
}

export function dfSummaries(df: RawDiskUsage): DfKinds {
  return {
    images: df.ImageUsage ?? df.ImagesDiskUsage ?? null,
    containers: df.ContainerUsage ?? df.ContainersDiskUsage ?? null,
    volumes: df.VolumeUsage ?? df.VolumesDiskUsage ?? null,
    buildCache: df.BuildCacheUsage ?? df.BuildCacheDiskUsage ?? null,
  };
}

function items<T>(list: T[] | null | undefined, summary: RawUsageSummary | null): T[] {
  return list ?? (summary?.Items as T[] | null | undefined) ?? [];
}

export function dfImages(df: RawDiskUsage | null): RawImageSummary[] {
  return df ? items(df.Images, dfSummaries(df).images) : [];
}

export function dfContainers(df: RawDiskUsage | null): RawContainerSummary[] {
  return df ? items(df.Containers, dfSummaries(df).containers) : [];
}

export function dfVolumes(df: RawDiskUsage | null): RawVolume[] {
  return df ? items(df.Volumes, dfSummaries(df).volumes) : [];
}

export function dfBuildCache(df: RawDiskUsage | null): RawBuildCacheRecord[] {
  return df ? items(df.BuildCache, dfSummaries(df).buildCache) : [];
}
