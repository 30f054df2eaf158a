// The text of the four destination panes and the log line of one container.
import type { ContainerStorage, Snapshot } from '../src/model/types.js';
import { formatSize } from './format.js';

export interface PaneText {
  title: string;
  lines: string[];
}

export interface ContainerPanes {
  layer: PaneText;
  binds: PaneText;
  volumes: PaneText;
  tmpfs: PaneText;
  log: string;
}

export function containerPanes(container: ContainerStorage, snapshot: Snapshot, sizesPending: boolean): ContainerPanes {
  const size = (bytes: number | null) => formatSize(bytes, sizesPending);
  const layer = container.writableLayer;
  const layerLines = container.readOnlyRootfs
    ? ['read-only root: writes go to mounts only', `${size(layer.sizeBytes)} in the layer`]
    : [`${size(layer.sizeBytes)} written inside the container`, 'lost on docker rm'];
  layerLines.push(
    layer.path ? `at ${layer.path}` : snapshot.engine.imageStore === 'containerd' ? 'path: none (containerd image store)' : 'path: not given by the driver',
  );

  const bindLines = container.bindMounts.length
    ? container.bindMounts.map((bind) => `${bind.readOnly ? 'ro' : 'rw'} ${bind.source} → ${bind.destination}`)
    : ['none'];

  const volumeLines = container.volumes.length ? [] : ['none'];
  for (const mount of container.volumes) {
    volumeLines.push(
      `${mount.anonymous ? 'anonymous' : 'named'} ${mount.name} → ${mount.destination} ${size(mount.sizeBytes)}${mount.readOnly ? ' ro' : ''}`,
    );
    const others = snapshot.volumes.find((volume) => volume.name === mount.name)?.containers.filter((name) => name !== container.name) ?? [];
    if (others.length) volumeLines.push(`  shared with ${others.join(', ')}`);
  }

  const limit = container.memoryLimitBytes === null ? 'no memory limit' : `memory limit ${formatSize(container.memoryLimitBytes)}`;
  const tmpfsLines = container.detailsPending
    ? ['reading…']
    : container.tmpfs.length
      ? [limit, ...container.tmpfs.map((mount) => `${mount.destination} ${mount.sizeBytes === null ? 'unbounded' : formatSize(mount.sizeBytes)}`)]
      : ['none'];

  const log = container.log;
  const cap = log.maxSizeBytes === null ? 'no size cap' : `capped at ${formatSize(log.maxSizeBytes)} × ${log.maxFiles ?? 1}`;
  const logLine = container.detailsPending
    ? 'Log  reading…'
    : `Log  ${log.driver}  ${log.path ? `${formatSize(log.sizeBytes)}  ` : ''}${log.path || log.driver === 'json-file' || log.driver === 'local' ? cap : 'not stored on this host'}${log.path ? `  ${log.path}` : ''}`;

  return {
    layer: { title: `Writable layer ${size(layer.sizeBytes)}`, lines: layerLines },
    binds: { title: `Bind mounts (${container.bindMounts.length})`, lines: bindLines },
    volumes: { title: `Volumes (${container.volumes.length})`, lines: volumeLines },
    tmpfs: { title: `tmpfs (${container.detailsPending ? '…' : container.tmpfs.length})`, lines: tmpfsLines },
    log: logLine,
  };
}
