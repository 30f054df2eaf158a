// The text of the four destination panes and the log line of one container.
import type { ContainerStorage, Finding, Snapshot, VolumeUsage } from '../../src/model/types.js';
import { displayable } from '../../src/text/displayable.js';
import { hasLogFile, logWithoutFile } from '../../src/model/log-drivers.js';
import { formatSize } from './format.js';
import { SEVERITY_MARKER } from './markers.js';

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

/** Findings by container name and volumes by name, made once per snapshot: panes are drawn on every move. */
interface Index {
  findings: Map<string, Finding[]>;
  volumes: Map<string, VolumeUsage>;
}
const indexes = new WeakMap<Snapshot, Index>();

function indexOf(snapshot: Snapshot): Index {
  let index = indexes.get(snapshot);
  if (!index) {
    const findings = new Map<string, Finding[]>();
    for (const finding of snapshot.findings ?? []) {
      for (const container of new Set(finding.containers)) {
        const list = findings.get(container);
        if (list) list.push(finding);
        else findings.set(container, [finding]);
      }
    }
    index = { findings, volumes: new Map(snapshot.volumes.map((volume) => [volume.name, volume])) };
    indexes.set(snapshot, index);
  }
  return index;
}

/** The findings a pane shows under the line they are about, marked by severity. */
function noted(snapshot: Snapshot, container: string, test: (finding: Finding) => boolean): string[] {
  return (indexOf(snapshot).findings.get(container) ?? [])
    .filter(test)
    .map((finding) => `  ${SEVERITY_MARKER[finding.severity]} ${finding.title}`);
}

const LAYER_FINDINGS = new Set(['data-in-writable-layer', 'large-writable-layer']);
const LOG_FINDINGS = new Set(['log-large', 'log-uncapped']);

export function containerPanes(container: ContainerStorage, snapshot: Snapshot, sizesPending: boolean): ContainerPanes {
  const size = (bytes: number | null) => formatSize(bytes, sizesPending);
  const at = (mount: string) => noted(snapshot, container.name, (finding) => finding.mount === mount && !LAYER_FINDINGS.has(finding.id));
  const layer = container.writableLayer;
  const layerLines = container.readOnlyRootfs
    ? ['read-only root: writes go to mounts only', `${size(layer.sizeBytes)} in the layer`]
    : [`${size(layer.sizeBytes)} written inside the container`, 'lost on docker rm'];
  layerLines.push(
    ...noted(snapshot, container.name, (finding) => LAYER_FINDINGS.has(finding.id)),
    layer.path ? `at ${layer.path}` : snapshot.engine.imageStore === 'containerd' ? 'path: none (containerd image store)' : 'path: not given by the driver',
  );

  const bindLines = container.bindMounts.length
    ? container.bindMounts.flatMap((bind) => [`${bind.readOnly ? 'ro' : 'rw'} ${bind.source} → ${bind.destination}`, ...at(bind.destination)])
    : ['none'];

  const volumeLines = container.volumes.length ? [] : ['none'];
  for (const mount of container.volumes) {
    volumeLines.push(
      `${mount.anonymous ? 'anonymous' : 'named'} ${mount.name} → ${mount.destination} ${size(mount.sizeBytes)}${mount.readOnly ? ' ro' : ''}`,
    );
    const others = indexOf(snapshot).volumes.get(mount.name)?.containers.filter((name) => name !== container.name) ?? [];
    if (others.length) volumeLines.push(`  shared with ${others.join(', ')}`);
    volumeLines.push(...at(mount.destination));
  }

  const limit = container.memoryLimitBytes === null ? 'no memory limit' : `memory limit ${formatSize(container.memoryLimitBytes)}`;
  const tmpfsLines = container.detailsPending
    ? ['reading…']
    : container.tmpfs.length
      ? [limit, ...container.tmpfs.flatMap((mount) => [`${mount.destination} ${mount.sizeBytes === null ? 'unbounded' : formatSize(mount.sizeBytes)}`, ...at(mount.destination)])]
      : ['none'];

  const log = container.log;
  const cap = log.maxSizeBytes === null ? 'no size cap' : `capped at ${formatSize(log.maxSizeBytes)} × ${log.maxFiles ?? 1}`;
  const logMarker = (indexOf(snapshot).findings.get(container.name) ?? []).find((finding) => LOG_FINDINGS.has(finding.id));
  const logLine = (logMarker ? `${SEVERITY_MARKER[logMarker.severity]} ` : '') + (container.detailsPending
    ? 'Log  reading…'
    : `Log  ${log.driver}  ${log.path ? `${formatSize(log.sizeBytes)}  ` : ''}${log.path || hasLogFile(log.driver) ? cap : logWithoutFile(log.driver)}${log.path ? `  ${log.path}` : ''}`);

  // Each line through the one boundary (paths, names and finding titles came from the engine),
  // before the view cuts it to the pane's width.
  return {
    layer: { title: `Writable layer ${size(layer.sizeBytes)}`, lines: layerLines.map(displayable) },
    binds: { title: `Bind mounts (${container.bindMounts.length})`, lines: bindLines.map(displayable) },
    volumes: { title: `Volumes (${container.volumes.length})`, lines: volumeLines.map(displayable) },
    tmpfs: { title: `tmpfs (${container.detailsPending ? '…' : container.tmpfs.length})`, lines: tmpfsLines.map(displayable) },
    log: displayable(logLine),
  };
}
