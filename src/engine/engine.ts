import type { EngineAddress } from './connection/address.js';
import type {
  RawContainerInspect,
  RawContainerSummary,
  RawDiskUsage,
  RawInfo,
  RawVersion,
  RawVolume,
} from './raw.js';

/** What stowage asks of a Docker engine. The only way the rest of the app reaches one. */
export interface Engine {
  readonly address: EngineAddress;
  /** The API version every request is pinned to. */
  readonly apiVersion: string;
  readonly version: RawVersion;
  info(): Promise<RawInfo>;
  listContainers(): Promise<RawContainerSummary[]>;
  /** null when the container is gone (removed since it was listed). */
  inspectContainer(id: string): Promise<RawContainerInspect | null>;
  listVolumes(): Promise<RawVolume[]>;
  diskUsage(): Promise<RawDiskUsage>;
}

export interface EngineOptions {
  /** Timeout of each ordinary request. */
  requestTimeoutMs: number;
  /** Timeout of `/system/df`, which walks every volume and writable layer. */
  diskUsageTimeoutMs: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { requestTimeoutMs: 15_000, diskUsageTimeoutMs: 300_000 };
