// The parts of the Docker Engine API responses stowage reads, as the engine sends them.
// Fields differ across API versions, so almost everything is optional. Each large answer has a
// shape beside its type: the fields kept of it (see slim.ts), which must match the type.
import type { Shape } from './slim.js';

export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
  /** Docker: "Docker Engine - Community" (or empty); Podman: the OS, like "linux/amd64/debian-12". */
  Platform?: { Name?: string } | null;
  /** Docker: "Engine", "containerd", ...; Podman: "Podman Engine", "Conmon", ... */
  Components?: { Name?: string; Version?: string }[] | null;
}

export interface RawInfo {
  /** The engine's own id (Docker and Podman give one): the same engine by whatever address. */
  ID?: string;
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

export const CONTAINER_SUMMARY_SHAPE: Shape = { Id: true, Names: true, Image: true, State: true, SizeRw: true, Labels: true, Mounts: true };

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
  State?: { Status?: string; Running?: boolean; StartedAt?: string };
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

export const CONTAINER_INSPECT_SHAPE: Shape = {
  Id: true, Name: true, Created: true,
  State: { Status: true, Running: true, StartedAt: true },
  Config: { Image: true, User: true, Labels: true },
  Image: true, LogPath: true, SizeRw: true, SizeRootFs: true, GraphDriver: true, Storage: true, Mounts: true,
  HostConfig: { Memory: true, ReadonlyRootfs: true, Tmpfs: true, Mounts: true, LogConfig: true },
};

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

export const VOLUME_SHAPE: Shape = {
  Name: true, Driver: true, Mountpoint: true, CreatedAt: true, Labels: true, Scope: true, Options: true, Anonymous: true, UsageData: true,
};

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

export const DISK_USAGE_SHAPE: Shape = {
  LayersSize: true,
  Images: { Id: true, Created: true, RepoTags: true, Size: true, SharedSize: true, VirtualSize: true, Containers: true },
  Containers: CONTAINER_SUMMARY_SHAPE,
  Volumes: VOLUME_SHAPE,
  BuildCache: true,
  ImageUsage: true, ContainerUsage: true, VolumeUsage: true, BuildCacheUsage: true,
  ImagesDiskUsage: true, ContainersDiskUsage: true, VolumesDiskUsage: true, BuildCacheDiskUsage: true,
};

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
  /** Bytes of each container's log files, read from the engine's host; absent when unread. */
  logSizes: Record<string, number | null>;
  /** Facts read from the engine's host and from inside containers; null until read. */
  hostFacts?: RawHostFacts | null;
  /** The file systems the engine's paths are on; absent until read, null when they cannot be (remote). */
  fileSystems?: RawFileSystems | null;
}

/** A file system's figures as statfs(2) gives them: counts of `bsize` blocks and of inodes. */
export interface RawStatfs {
  bsize: number;
  blocks: number;
  bfree: number;
  /** Blocks free to unprivileged users (bfree less the root-reserved ones). */
  bavail: number;
  files: number;
  ffree: number;
}

export interface RawFileSystem {
  /** The paths asked about that are on it, the first one statfs was asked for. */
  paths: string[];
  mountPoint: string | null;
  statfs: RawStatfs | null;
}

export interface RawFileSystems {
  method: 'local';
  list: RawFileSystem[];
  /** Each path asked about: its file system's index in `list`, or null when it could not be read. */
  byPath: Record<string, number | null>;
}

/** A host path as read on the engine's host. */
export interface RawPathFacts {
  exists: boolean;
  type: 'directory' | 'file' | 'socket' | 'other' | null;
  empty: boolean | null;
  uid: number | null;
  gid: number | null;
  mode: number | null;
  mtimeMs: number | null;
}

export interface RawHostFacts {
  /** How host paths were read: on this machine, or through the engine with a helper container. */
  method: 'local' | 'engine';
  /** Bind mount sources, by host path; null where they could not be read. */
  paths: Record<string, RawPathFacts | null>;
  /** The user each container runs as, by container id; null where it could not be resolved. */
  users: Record<string, { uid: number; gid: number } | null>;
  /** Paths written in each container's layer under well-known data paths, by container id. */
  dataWrites: Record<string, string[] | null>;
}
