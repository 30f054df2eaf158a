import type { RawBuildCacheRecord, RawContainerSummary, RawDiskUsage, RawImageSummary, RawVolume } from '../engine/raw.js';

// `/system/df` lists items at the top level up to API 1.51 and under `<Kind>DiskUsage.Items`
// from API 1.52 (Docker 29). These read either shape.

export function dfImages(df: RawDiskUsage | null): RawImageSummary[] {
  return df?.Images ?? (df?.ImagesDiskUsage?.Items as RawImageSummary[] | undefined | null) ?? [];
}

export function dfContainers(df: RawDiskUsage | null): RawContainerSummary[] {
  return df?.Containers ?? (df?.ContainersDiskUsage?.Items as RawContainerSummary[] | undefined | null) ?? [];
}

export function dfVolumes(df: RawDiskUsage | null): RawVolume[] {
  return df?.Volumes ?? (df?.VolumesDiskUsage?.Items as RawVolume[] | undefined | null) ?? [];
}

export function dfBuildCache(df: RawDiskUsage | null): RawBuildCacheRecord[] {
  return df?.BuildCache ?? (df?.BuildCacheDiskUsage?.Items as RawBuildCacheRecord[] | undefined | null) ?? [];
}
