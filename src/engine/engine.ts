import type { Readable } from 'node:stream';
import type { EngineAddress } from './connection/address.js';
import type {
  RawContainerInspect,
  RawContainerSummary,
  RawDiskUsage,
  RawInfo,
  RawVersion,
  RawVolume,
} from './raw.js';

/**
 * What stowage may read from a Docker engine: nothing here changes the host. A read-only session
 * (--read-only) holds only this, so no code it reaches can delete, stop or create anything.
 */
export interface EngineReads {
  readonly address: EngineAddress;
  /** The API version every request is pinned to. */
  readonly apiVersion: string;
  readonly version: RawVersion;
  info(): Promise<RawInfo>;
  /** `GET /_ping`: the cheapest sign that the engine still answers. */
  ping(): Promise<void>;
  listContainers(): Promise<RawContainerSummary[]>;
  /** Containers (any state) carrying a label. */
  listContainersWithLabel(label: string): Promise<RawContainerSummary[]>;
  /** null when the container is gone (removed since it was listed). */
  inspectContainer(id: string): Promise<RawContainerInspect | null>;
  listVolumes(): Promise<RawVolume[]>;
  diskUsage(): Promise<RawDiskUsage>;
  /**
   * `system df` of one kind (its other lists left empty): from API 1.42 the engine walks only
   * that kind; before, this is the whole `system df`.
   */
  diskUsageOf(kind: 'container' | 'volume'): Promise<RawDiskUsage>;
  /** Paths a container added (1), changed (0) or deleted (2) relative to its image; null when gone. */
  containerChanges(id: string): Promise<RawChange[] | null>;
  /**
   * A tar stream of a path inside a container (mounts included); null when the path does not
   * exist. It may stream as long as it needs, but not go silent for the request timeout; `small`
   * (a few files: /etc/passwd) holds it to an ordinary answer's time and size.
   */
  readArchive(id: string, path: string, options?: { small?: boolean }): Promise<Readable | null>;
  /** The engine's stat of a path inside a container; null when it does not exist. */
  statPath(id: string, path: string): Promise<RawPathStat | null>;
  /**
   * The id of the image a reference names, or null when there is none. Podman stores an imported
   * `name:tag` as `localhost/name:tag`, which its create endpoint does not find by `name:tag`.
   */
  imageId(reference: string): Promise<string | null>;
}

/**
 * What changes the host. Making a helper container is here too (importImage, createContainer,
 * removeContainer), although the helper only ever reads: it leaves an image and, if stowage is
 * killed, a container behind.
 */
export interface EngineWrites {
  /**
   * Imports a tar as the image `name:tag` (`changes` are Dockerfile instructions such as LABEL);
   * resolves with its id when the engine reports one.
   */
  importImage(tar: Buffer, reference: string, changes: string[]): Promise<string | null>;
  /** Creates (never starts) a container; returns its id. */
  createContainer(name: string, body: Record<string, unknown>): Promise<string>;
  removeContainer(id: string): Promise<void>;
  /** Deletes, without force: a container that runs again, or a volume or image in use, answers 409. */
  deleteContainer(id: string): Promise<void>;
  deleteVolume(name: string): Promise<void>;
  deleteImage(id: string): Promise<void>;
  /** Deletes one build cache record (engines take one id filter value per request). */
  deleteBuildCache(id: string): Promise<{ deleted: string[]; reclaimedBytes: number }>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string): Promise<void>;
  createVolume(name: string, labels: Record<string, string>): Promise<void>;
  /** Writes a tar into a path of a container. */
  putArchive(id: string, path: string, tar: Buffer | NodeJS.ReadableStream): Promise<void>;
}

/** An engine stowage may read and change: for prune, backup, restore and the explorer's actions. */
export type Engine = EngineReads & EngineWrites;

/**
 * The reads of `engine` alone, as a new object: it has no write methods, so neither a cast nor a
 * look at its properties reaches one.
 */
export function readsOnly(engine: EngineReads): EngineReads {
  return Object.freeze({
    address: engine.address,
    apiVersion: engine.apiVersion,
    version: engine.version,
    info: () => engine.info(),
    ping: () => engine.ping(),
    listContainers: () => engine.listContainers(),
    listContainersWithLabel: (label: string) => engine.listContainersWithLabel(label),
    inspectContainer: (id: string) => engine.inspectContainer(id),
    listVolumes: () => engine.listVolumes(),
    diskUsage: () => engine.diskUsage(),
    diskUsageOf: (kind: 'container' | 'volume') => engine.diskUsageOf(kind),
    containerChanges: (id: string) => engine.containerChanges(id),
    readArchive: (id: string, path: string, options?: { small?: boolean }) => engine.readArchive(id, path, options),
    statPath: (id: string, path: string) => engine.statPath(id, path),
    imageId: (reference: string) => engine.imageId(reference),
  });
}

export interface RawChange {
  Path: string;
  Kind: 0 | 1 | 2;
}

/** What `HEAD /containers/{id}/archive` says of a path. */
export interface RawPathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

export interface EngineOptions {
  /** --timeout: how long a request may take, and go silent (answer-limits.ts). */
  requestTimeoutMs: number;
  /** How long `/system/df` may take to answer: it walks every volume and writable layer first. */
  diskUsageTimeoutMs: number;
}

/** system df may walk for this many times the request timeout before it answers. */
const DISK_USAGE_FACTOR = 20;

/** The options for a request timeout (--timeout; 15 s when not given): system df gets 20 times it. */
export function engineOptionsFor(requestTimeoutMs = 15_000): EngineOptions {
  return { requestTimeoutMs, diskUsageTimeoutMs: DISK_USAGE_FACTOR * requestTimeoutMs };
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = engineOptionsFor();
