// The Snapshot: everything stowage knows about one host's storage, as printed by `stowage --json`.
// Sizes the engine does not give are null, never 0.
import type { EngineProduct } from '../engine/product.js';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  collectedAt: string;
  engine: EngineSummary;
  containers: ContainerStorage[];
  volumes: VolumeUsage[];
  /** Images and build cache records, biggest first, as `system df -v` lists them. */
  images: ImageUsage[];
  buildCache: BuildCacheUsage[];
  diskUsage: DiskUsage;
  /**
   * The file systems Docker's bytes are on, the engine root dir's first. Absent in snapshots saved
   * before stowage read them: unknown, like an entry whose figures are null.
   */
  fileSystems?: FileSystemUsage[];
  /** The storage mistakes found on this host, most severe first. */
  findings: Finding[];
  /** What could not be collected (for example `system df` timing out). */
  warnings: string[];
}

export interface EngineSummary {
  host: string;
  /** The engine's maker: Podman serves the same API. Absent in snapshots saved before: Docker. */
  product?: EngineProduct;
  serverVersion: string;
  apiVersion: string;
  storageDriver: string;
  /** `containerd` when images live in containerd's snapshotters (Docker 29's default); no UpperDir then. */
  imageStore: 'graphdriver' | 'containerd';
  rootDir: string;
}

export interface ContainerStorage {
  id: string;
  name: string;
  image: string;
  state: string;
  createdAt: string | null;
  startedAt: string | null;
  /** The user the container runs as, resolved to ids; null when it could not be read. */
  user: ContainerUser | null;
  composeProject: string | null;
  memoryLimitBytes: number | null;
  readOnlyRootfs: boolean;
  writableLayer: WritableLayer;
  bindMounts: BindMount[];
  volumes: VolumeMount[];
  tmpfs: TmpfsMount[];
  log: ContainerLog;
  /** Present while only the container list is known (tmpfs, log and limits still unread); never in `--json`. */
  detailsPending?: true;
}

export interface WritableLayer {
  /** Bytes written to the container's own filesystem; lost on `docker rm`. */
  sizeBytes: number | null;
  /** The layer's directory on the host (overlay2 UpperDir); null where the driver gives none. */
  path: string | null;
  /** Well-known data paths (database files) written inside the layer; null when not checked. */
  dataPaths: string[] | null;
}

export interface ContainerUser {
  /** As configured: "", "1000", "1000:1000", "node". */
  spec: string;
  uid: number;
  gid: number;
}

/** A bind mount's host path as read on the engine's host; null where it could not be read. */
export interface HostPath {
  exists: boolean;
  type: 'directory' | 'file' | 'socket' | 'other' | null;
  /** For a directory: whether it holds nothing. */
  empty: boolean | null;
  uid: number | null;
  gid: number | null;
  /** Permission bits, e.g. 0o755. */
  mode: number | null;
  modifiedAt: string | null;
}

export interface BindMount {
  source: string;
  destination: string;
  readOnly: boolean;
  propagation: string | null;
  host: HostPath | null;
}

export interface VolumeMount {
  name: string;
  anonymous: boolean;
  destination: string;
  readOnly: boolean;
  sizeBytes: number | null;
}

export interface TmpfsMount {
  destination: string;
  /** null when no size was given: the kernel's default, half of the host's memory. */
  sizeBytes: number | null;
  options: string[];
}

export interface ContainerLog {
  driver: string;
  path: string | null;
  /** Bytes of the log files, rotated ones included; null when they cannot be read. */
  sizeBytes: number | null;
  /** null when the log grows without a cap (the default of json-file and of Podman's k8s-file). */
  maxSizeBytes: number | null;
  maxFiles: number | null;
}

export interface VolumeUsage {
  name: string;
  driver: string;
  anonymous: boolean;
  /** Anonymous only by its 64-hex name (engines before Docker 23 give no label): it may be named. */
  anonymousInferred: boolean;
  sizeBytes: number | null;
  /** How many containers, running or not, mount it. */
  refCount: number;
  /** Names of the containers that mount it. */
  containers: string[];
  /** No container references it: `docker volume prune` candidates. */
  dangling: boolean;
  composeProject: string | null;
  composeVolume: string | null;
  createdAt: string | null;
  mountpoint: string | null;
  labels: Record<string, string>;
}

export interface ImageUsage {
  id: string;
  tags: string[];
  sizeBytes: number | null;
  /** Bytes in layers shared with other images. */
  sharedBytes: number | null;
  /** Containers made from it; an image with none is reclaimable. */
  containers: number | null;
}

export interface BuildCacheUsage {
  id: string;
  type: string;
  description: string;
  sizeBytes: number | null;
  inUse: boolean;
  shared: boolean;
  lastUsedAt: string | null;
}

export interface UsageTotals {
  count: number;
  /** Items in use: images with containers, running containers, mounted volumes, cache in use. */
  activeCount: number | null;
  sizeBytes: number | null;
  reclaimableBytes: number | null;
}

export interface DiskUsage {
  images: UsageTotals;
  containers: UsageTotals;
  volumes: UsageTotals;
  buildCache: UsageTotals;
}

/** One file system on the engine's host, and what of Docker's lives on it. */
export interface FileSystemUsage {
  /** A path on it: the engine root dir, a volume's mountpoint, a bind source, a log. */
  path: string;
  /** Where it is mounted, when the mount table says. */
  mountPoint: string | null;
  /** What is on it: 'engine root dir', 'volume NAME', 'bind SOURCE', 'log of NAME'. */
  holds: string[];
  /** statfs figures; null when unknown (a remote engine), never 0 for that. */
  sizeBytes: number | null;
  usedBytes: number | null;
  /** Free to unprivileged users (bavail × bsize): root-reserved blocks are not counted. */
  freeBytes: number | null;
  inodes: number | null;
  freeInodes: number | null;
  docker: FileSystemDockerBytes;
}

/** The used bytes of a file system by destination; null where a size is unknown. */
export interface FileSystemDockerBytes {
  images: number | null;
  writableLayers: number | null;
  volumes: number | null;
  logs: number | null;
  buildCache: number | null;
  /** Used bytes that are none of the above: other files, deleted files still held open. */
  notDockers: number | null;
}

/** What the explorer can do about a finding, in one step it offers. */
export type Remedy =
  | { kind: 'prune' }
  | { kind: 'truncate-log'; container: string }
  | { kind: 'backup'; volume: string };

export type Severity = 'danger' | 'warning' | 'info';

export interface Finding {
  /** The kind of mistake, stable across runs: `data-in-writable-layer`, `log-uncapped`, ... */
  id: string;
  severity: Severity;
  /** What it is about. */
  subject: { kind: 'container' | 'volume' | 'project' | 'file-system'; name: string };
  /** The container path of the mount it concerns, shown next to that mount. */
  mount: string | null;
  /** Rows it marks in the lists. */
  containers: string[];
  volumes: string[];
  title: string;
  why: string;
  /** A command or a compose snippet. */
  fix: string;
  /** The one step the explorer can take for it (the biggest consumer of a full disk, a big log). */
  remedy?: Remedy;
}
