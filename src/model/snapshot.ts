import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RawHost, RawVolume } from '../engine/raw.js';
import { isAnonymousVolume, volumeAnonymity } from './anonymous.js';
import { classifyContainer, classifyListedContainer } from './container-storage.js';
import { describeBuildCache, describeImages } from './images.js';
import { DEFAULT_THRESHOLDS, deriveFindings, type FindingThresholds } from './findings.js';
import { summarizeDiskUsage } from './disk-usage.js';
import { describeFileSystems } from './file-systems.js';
import { dfContainers, dfVolumes } from '../engine/raw-disk-usage.js';
import { engineProduct } from '../engine/product.js';
import { type ContainerStorage, SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './types.js';
import { knownSize } from './units.js';
import { describeVolumes } from './volumes.js';
const CONTAINERD_SNAPSHOTTER = 'io.containerd.snapshotter.v1';

/** Containers classified between two pauses of `buildSnapshotInTurns`. */
const CONTAINERS_PER_TURN = 500;

/** Builds the Snapshot from what was collected. Pure: the same input always gives the same output. */
export function buildSnapshot(raw: RawHost, warnings: string[] = [], thresholds: FindingThresholds = DEFAULT_THRESHOLDS): Snapshot {
  const steps = snapshotSteps(raw, warnings, thresholds);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same snapshot, built over several event-loop turns (a few milliseconds each), so that the
 * explorer answers keys while it builds one of a host with thousands of containers.
 */
export async function buildSnapshotInTurns(raw: RawHost, warnings: string[] = []): Promise<Snapshot> {
  const steps = snapshotSteps(raw, warnings, DEFAULT_THRESHOLDS);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

/** buildSnapshot's work, pausing (yield) between parts. */
function* snapshotSteps(raw: RawHost, warnings: string[], thresholds: FindingThresholds): Generator<void, Snapshot> {
  const serverVersion = raw.version.Version ?? raw.info.ServerVersion ?? 'unknown';
  const product = engineProduct(raw.version);
  const volumesByName = new Map<string, RawVolume>(raw.volumes.map((volume) => [volume.Name, volume]));
  const isAnonymous = (name: string) => isAnonymousVolume(name, volumesByName.get(name), serverVersion, product);
  const volumeSizes = new Map(dfVolumes(raw.df).map((volume) => [volume.Name, knownSize(volume.UsageData?.Size)]));
  // system df measures every container's layer; an empty one has SizeRw left out (omitempty), so 0.
  const layerSizes = new Map(dfContainers(raw.df).map((container) => [container.Id, knownSize(container.SizeRw ?? 0)]));

  const context = { layerSizes, volumeSizes, isAnonymous, logSizes: raw.logSizes, hostFacts: raw.hostFacts ?? null };
  const inspected = new Set(raw.inspects.map((inspect) => inspect.Id));
  const containers: ContainerStorage[] = [];
  for (const inspect of raw.inspects) {
    containers.push(classifyContainer(inspect, context));
    if (containers.length % CONTAINERS_PER_TURN === 0) yield;
  }
  for (const summary of raw.containers) {
    if (inspected.has(summary.Id)) continue;
    containers.push(classifyListedContainer(summary, context));
    if (containers.length % CONTAINERS_PER_TURN === 0) yield;
  }
  containers.sort((a, b) => a.name.localeCompare(b.name));
  yield;
  const volumes = describeVolumes(raw.volumes, containers, volumeSizes, (name, volume) =>
    volumeAnonymity(name, volume, serverVersion, product),
  ).sort((a, b) => a.name.localeCompare(b.name));
  yield;

  const driverStatus = raw.info.DriverStatus ?? [];
  const containerdStore = driverStatus.some(([, value]) => value === CONTAINERD_SNAPSHOTTER);
  const rootDir = raw.info.DockerRootDir ?? '';
  const diskUsage = summarizeDiskUsage(raw.df);
  const snapshot: Omit<Snapshot, 'findings'> = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: raw.collectedAt,
    engine: {
      host: raw.host,
      product,
      serverVersion,
      apiVersion: raw.apiVersion,
      storageDriver: raw.info.Driver ?? 'unknown',
      imageStore: containerdStore ? 'containerd' : 'graphdriver',
      rootDir,
    },
    containers,
    volumes,
    images: describeImages(raw.df),
    buildCache: describeBuildCache(raw.df),
    diskUsage,
    fileSystems: describeFileSystems({ rootDir, containers, volumes, diskUsage, raw: raw.fileSystems }),
    warnings,
  };
  return { ...snapshot, findings: deriveFindings(snapshot, thresholds) };
}
