// The parts of the Docker Engine API responses stowage reads, as the engine sends them.
// Fields differ across API versions, so almost everything is optional.

export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
}

export interface RawInfo {
  Name?: string;
  ServerVersion?: string;
  Driver?: string;
  DriverStatus?: [string, string][] | null;
  DockerRootDir?: string;
  OperatingSystem?: string;
  MemTotal?: number;
}

export interface RawContainerSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  State?: string;
  SizeRw?: number;
  Labels?: Record<string, string> | null;
  /** Volumes and bind mounts, as in inspect (tmpfs only on some engines). */
  Mounts?: RawMount[] | null;
}

export interface RawMount {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  Driver?: string;
  Mode?: string;
  RW?: boolean;
  Propagation?: string;
}

export interface RawHostConfigMount {
  Type?: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  TmpfsOptions?: { SizeBytes?: number; Mode?: number; Options?: string[][] | null } | null;
}

export interface RawContainerInspect {
  Id: string;
  Name?: string;
  Created?: string;
  State?: { Status?: string; Running?: boolean };
  Config?: { Image?: string; User?: string; Labels?: Record<string, string> | null };
  Image?: string;
  LogPath?: string;
  SizeRw?: number;
  SizeRootFs?: number;
  GraphDriver?: { Name?: string; Data?: Record<string, string> | null } | null;
  Storage?: { RootFS?: { Snapshot?: { Name?: string } | null } | null } | null;
  Mounts?: RawMount[] | null;
  HostConfig?: {
    Memory?: number;
    ReadonlyRootfs?: boolean;
    Tmpfs?: Record<string, string> | null;
    Mounts?: RawHostConfigMount[] | null;
    LogConfig?: { Type?: string; Config?: Record<string, string> | null };
  };
}

export interface RawVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Scope?: string;
  Options?: Record<string, string> | null;
  /** Podman marks anonymous volumes this way instead of with a label. */
  Anonymous?: boolean;
  UsageData?: { Size?: number; RefCount?: number } | null;
}

export interface RawImageSummary {
  Id: string;
  Created?: number;
  RepoTags?: string[] | null;
  Size?: number;
  SharedSize?: number;
  VirtualSize?: number;
  Containers?: number;
}

export interface RawBuildCacheRecord {
  ID: string;
  Type?: string;
  Description?: string;
  LastUsedAt?: string | null;
  Size?: number;
  InUse?: boolean;
  Shared?: boolean;
}

/** Per-kind summary that API 1.52 (Docker 29) adds to `/system/df`; `Items` only with `verbose`. */
export interface RawUsageSummary {
  ActiveCount?: number;
  TotalCount?: number;
  TotalSize?: number;
  Reclaimable?: number;
  Items?: unknown[] | null;
}

export interface RawDiskUsage {
  LayersSize?: number;
  Images?: RawImageSummary[] | null;
  Containers?: RawContainerSummary[] | null;
  Volumes?: RawVolume[] | null;
  BuildCache?: RawBuildCacheRecord[] | null;
  // The daemon sends these names; the first v1.52 reference spelled them `ImagesDiskUsage` and so on.
  ImageUsage?: RawUsageSummary | null;
  ContainerUsage?: RawUsageSummary | null;
  VolumeUsage?: RawUsageSummary | null;
  BuildCacheUsage?: RawUsageSummary | null;
  ImagesDiskUsage?: RawUsageSummary | null;
  ContainersDiskUsage?: RawUsageSummary | null;
  VolumesDiskUsage?: RawUsageSummary | null;
  BuildCacheDiskUsage?: RawUsageSummary | null;
}

/** Everything collected from one engine: the input of `buildSnapshot`. */
export interface RawHost {
  host: string;
  apiVersion: string;
  collectedAt: string;
  version: RawVersion;
  info: RawInfo;
  containers: RawContainerSummary[];
  inspects: RawContainerInspect[];
  volumes: RawVolume[];
  /** null when the engine could not compute it (timeout or error); sizes are then unknown. */
  df: RawDiskUsage | null;
  /** Bytes of each container's log files, read from the host when stowage runs there. */
  logSizes: Record<string, number | null>;
}
