import type { RawContainerInspect, RawContainerSummary, RawHostFacts, RawMount, RawPathFacts } from '../engine/raw.js';
import type { BindMount, ContainerLog, ContainerStorage, ContainerUser, HostPath, TmpfsMount, VolumeMount } from './types.js';
import { knownSize, parseSize } from './units.js';

export interface ContainerContext {
  /** Writable-layer bytes from `system df`, by container id. */
  layerSizes: Map<string, number | null>;
  /** Volume bytes from `system df`, by name. */
  volumeSizes: Map<string, number | null>;
  isAnonymous: (volumeName: string) => boolean;
  /** Log bytes read from the host, by container id. */
  logSizes: Record<string, number | null>;
  hostFacts: RawHostFacts | null;
}

/** Splits one container's writes into the four places they go, plus its log. */
export function classifyContainer(inspect: RawContainerInspect, context: ContainerContext): ContainerStorage {
  const mounts = inDestinationOrder(inspect.Mounts ?? []);
  const memory = inspect.HostConfig?.Memory;
  return {
    id: inspect.Id,
    name: (inspect.Name ?? '').replace(/^\//, '') || inspect.Id.slice(0, 12),
    image: inspect.Config?.Image ?? inspect.Image ?? '',
    state: inspect.State?.Status ?? 'unknown',
    createdAt: inspect.Created ?? null,
    startedAt: inspect.State?.StartedAt && !inspect.State.StartedAt.startsWith('0001') ? inspect.State.StartedAt : null,
    user: containerUser(inspect, context.hostFacts),
    composeProject: inspect.Config?.Labels?.['com.docker.compose.project'] ?? null,
    memoryLimitBytes: memory && memory > 0 ? memory : null,
    readOnlyRootfs: inspect.HostConfig?.ReadonlyRootfs === true,
    writableLayer: {
      sizeBytes: context.layerSizes.get(inspect.Id) ?? knownSize(inspect.SizeRw),
      path: inspect.GraphDriver?.Data?.UpperDir ?? null,
      dataPaths: context.hostFacts?.dataWrites[inspect.Id] ?? null,
    },
    bindMounts: mounts.filter((mount) => mount.Type === 'bind').map((mount) => bindMount(mount, context.hostFacts)),
    volumes: mounts.filter((mount) => mount.Type === 'volume').map((mount) => volumeMount(mount, context)),
    tmpfs: tmpfsMounts(inspect),
    log: containerLog(inspect, context.logSizes[inspect.Id] ?? null),
  };
}

/** What the container list alone tells, until the container is inspected. */
export function classifyListedContainer(summary: RawContainerSummary, context: ContainerContext): ContainerStorage {
  const mounts = inDestinationOrder(summary.Mounts ?? []);
  return {
    id: summary.Id,
    name: (summary.Names?.[0] ?? '').replace(/^\//, '') || summary.Id.slice(0, 12),
    image: summary.Image ?? '',
    state: summary.State ?? 'unknown',
    createdAt: null,
    startedAt: null,
    user: null,
    composeProject: summary.Labels?.['com.docker.compose.project'] ?? null,
    memoryLimitBytes: null,
    readOnlyRootfs: false,
    writableLayer: { sizeBytes: context.layerSizes.get(summary.Id) ?? null, path: null, dataPaths: null },
    bindMounts: mounts.filter((mount) => mount.Type === 'bind').map((mount) => bindMount(mount, null)),
    volumes: mounts.filter((mount) => mount.Type === 'volume').map((mount) => volumeMount(mount, context)),
    tmpfs: [],
    log: { driver: '', path: null, sizeBytes: null, maxSizeBytes: null, maxFiles: null },
    detailsPending: true,
  };
}

/** The engine lists mounts in no fixed order (a Go map's): sorted, rows stay put between refreshes. */
const inDestinationOrder = (mounts: RawMount[]): RawMount[] =>
  [...mounts].sort((a, b) => ((a.Destination ?? '') < (b.Destination ?? '') ? -1 : (a.Destination ?? '') > (b.Destination ?? '') ? 1 : 0));

function bindMount(mount: RawMount, facts: RawHostFacts | null): BindMount {
  const source = mount.Source ?? '';
  return {
    source,
    destination: mount.Destination ?? '',
    readOnly: mount.RW === false,
    propagation: mount.Propagation || null,
    host: hostPath(facts?.paths[source] ?? null),
  };
}

function hostPath(facts: RawPathFacts | null): HostPath | null {
  if (!facts) return null;
  const { mtimeMs, ...rest } = facts;
  return { ...rest, modifiedAt: mtimeMs === null ? null : new Date(mtimeMs).toISOString() };
}

function containerUser(inspect: RawContainerInspect, facts: RawHostFacts | null): ContainerUser | null {
  const ids = facts?.users[inspect.Id];
  return ids ? { spec: inspect.Config?.User ?? '', ...ids } : null;
}

function volumeMount(mount: RawMount, context: ContainerContext): VolumeMount {
  const name = mount.Name ?? '';
  return {
    name,
    anonymous: context.isAnonymous(name),
    destination: mount.Destination ?? '',
    readOnly: mount.RW === false,
    sizeBytes: context.volumeSizes.get(name) ?? null,
  };
}

/**
 * tmpfs mounts come from three places: `--tmpfs` (HostConfig.Tmpfs, options as a string),
 * `--mount type=tmpfs` (HostConfig.Mounts, size in TmpfsOptions), and `.Mounts` on some engines.
 */
function tmpfsMounts(inspect: RawContainerInspect): TmpfsMount[] {
  const byDestination = new Map<string, TmpfsMount>();
  for (const mount of inspect.HostConfig?.Mounts ?? []) {
    if (mount.Type !== 'tmpfs' || !mount.Target) continue;
    const tmpfsOptions = mount.TmpfsOptions ?? {};
    const size = tmpfsOptions.SizeBytes && tmpfsOptions.SizeBytes > 0 ? tmpfsOptions.SizeBytes : null;
    const options = [mount.ReadOnly ? 'ro' : 'rw'];
    if (size !== null) options.push(`size=${size}`);
    if (tmpfsOptions.Mode) options.push(`mode=${tmpfsOptions.Mode.toString(8)}`);
    for (const [key, value] of tmpfsOptions.Options ?? []) options.push(value === undefined ? String(key) : `${key}=${value}`);
    byDestination.set(mount.Target, { destination: mount.Target, sizeBytes: size, options });
  }
  for (const [destination, optionText] of Object.entries(inspect.HostConfig?.Tmpfs ?? {})) {
    if (byDestination.has(destination)) continue;
    const options = optionText ? optionText.split(',').filter(Boolean) : [];
    const sizeOption = options.find((option) => option.startsWith('size='));
    const size = sizeOption ? parseSize(sizeOption.slice('size='.length), 1024) : null;
    byDestination.set(destination, { destination, sizeBytes: size && size > 0 ? size : null, options });
  }
  for (const mount of inspect.Mounts ?? []) {
    if (mount.Type !== 'tmpfs' || !mount.Destination || byDestination.has(mount.Destination)) continue;
    byDestination.set(mount.Destination, { destination: mount.Destination, sizeBytes: null, options: [] });
  }
  return [...byDestination.values()];
}

/** Docker's documented defaults for the `local` log driver: 5 files of 20 MB. */
const LOCAL_DRIVER_DEFAULTS = { maxSize: '20m', maxFile: '5' };

function containerLog(inspect: RawContainerInspect, sizeBytes: number | null): ContainerLog {
  const driver = inspect.HostConfig?.LogConfig?.Type ?? 'json-file';
  const config = inspect.HostConfig?.LogConfig?.Config ?? {};
  const defaults = driver === 'local' ? LOCAL_DRIVER_DEFAULTS : { maxSize: undefined, maxFile: undefined };
  const maxSizeText = config['max-size'] ?? defaults.maxSize;
  const maxSizeBytes = maxSizeText ? parseSize(maxSizeText, 1000) : null;
  const maxFileText = config['max-file'] ?? defaults.maxFile;
  // json-file keeps a single file when max-size is set without max-file.
  const maxFiles = maxFileText ? Number.parseInt(maxFileText, 10) || null : maxSizeBytes !== null ? 1 : null;
  // A driver that keeps no file has none, whatever path the engine names (Podman may name one).
  const path = driver === 'none' || driver === 'journald' ? null : inspect.LogPath || null;
  return { driver, path, sizeBytes: path ? sizeBytes : null, maxSizeBytes, maxFiles };
}
