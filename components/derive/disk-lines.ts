// The lines of the disk view: each file system with a bar of what fills it, the `system df`
// breakdown, then the largest items of each kind.
import { fileSystemName, inodesUsedPercent, rootFileSystem, usedPercent } from '../../src/model/file-systems.js';
import type { EngineSummary, FileSystemUsage, Severity, Snapshot, UsageTotals } from '../../src/model/types.js';
import { engineName, notEngines } from '../../src/model/engine-name.js';
import { displayable } from '../../src/text/displayable.js';
import { formatSize, padEnd, padStart, truncateStart } from './format.js';
import { containerBytes } from './rows.js';

const LARGEST = 5;
/** Cells of a file system's bar: with its brackets and indent it fits a 60-column terminal. */
const BAR_CELLS = 40;
/** A legend longer than this goes on two lines, so 80 columns show all of it. */
const LEGEND_WIDTH = 76;

/** The header's word on the engine root's disk: `disk 100% full: 0 B free of 574 MB`, `disk ?`. */
export function diskHeadline(snapshot: Snapshot): { text: string; severity: Exclude<Severity, 'info'> | null } {
  const fileSystem = rootFileSystem(snapshot);
  const percent = fileSystem && usedPercent(fileSystem);
  if (!fileSystem || percent === null || fileSystem.freeBytes === null || fileSystem.sizeBytes === null) return { text: 'disk ?', severity: null };
  const free = formatSize(fileSystem.freeBytes);
  if (percent >= 95) return { text: `disk ${percent}% full: ${free} free of ${formatSize(fileSystem.sizeBytes)}`, severity: 'danger' };
  return { text: `disk ${percent}% used, ${free} free`, severity: percent >= 85 ? 'warning' : null };
}

/** The parts of a file system's bar, in order: each with its cell letter and bytes. */
function barParts(fileSystem: FileSystemUsage, others: string): { mark: string; label: string; bytes: number }[] {
  const { docker, usedBytes, freeBytes, sizeBytes } = fileSystem;
  const parts = [
    { mark: 'I', label: 'images', bytes: docker.images },
    { mark: 'W', label: 'layers', bytes: docker.writableLayers },
    { mark: 'V', label: 'volumes', bytes: docker.volumes },
    { mark: 'L', label: 'logs', bytes: docker.logs },
    { mark: 'B', label: 'build cache', bytes: docker.buildCache },
    { mark: '.', label: others, bytes: docker.notDockers },
  ];
  const known = parts.flatMap((part) => (part.bytes ? [{ ...part, bytes: part.bytes }] : []));
  const counted = known.reduce((sum, part) => sum + part.bytes, 0);
  // Some of Docker's sizes unknown: what they would explain is shown as such.
  if (docker.notDockers === null && usedBytes !== null && usedBytes > counted) known.push({ mark: '?', label: 'unknown', bytes: usedBytes - counted });
  if (usedBytes !== null && freeBytes !== null && sizeBytes !== null && sizeBytes > usedBytes + freeBytes) {
    known.push({ mark: '-', label: 'reserved for root', bytes: sizeBytes - usedBytes - freeBytes });
  }
  if (freeBytes) known.push({ mark: ' ', label: 'free', bytes: freeBytes });
  return known;
}

const share = (bytes: number, total: number) => {
  const percent = (bytes * 100) / total;
  return percent > 0 && percent < 1 ? '<1%' : `${Math.round(percent)}%`;
};

/** One file system: its figures, a bar of what fills it and the bar's legend (all under 80 columns). */
export function fileSystemLines(fileSystem: FileSystemUsage, pending: boolean, engine: Pick<EngineSummary, 'product'> = {}): string[] {
  const percent = usedPercent(fileSystem);
  const inodes = inodesUsedPercent(fileSystem);
  const name = truncateStart(fileSystemName(fileSystem), 32);
  const holds = fileSystem.holds.includes('engine root dir') ? '  (engine root dir)' : '';
  const { sizeBytes, freeBytes } = fileSystem;
  if (percent === null || sizeBytes === null || freeBytes === null) {
    const { docker } = fileSystem;
    const known = ([['images', docker.images], ['layers', docker.writableLayers], ['volumes', docker.volumes], ['logs', docker.logs], ['build cache', docker.buildCache]] as const)
      .filter(([, bytes]) => bytes).map(([label, bytes]) => `${label} ${formatSize(bytes, pending)}`);
    return [`  ${name}  size unknown${holds}`, `    ${engineName(engine)}'s on it: ${known.join(', ') || 'nothing known'}`];
  }
  const parts = barParts(fileSystem, notEngines(engine));
  let cells = '';
  let covered = 0;
  for (const part of parts) {
    covered += part.bytes;
    cells += part.mark.repeat(Math.max(0, Math.round((covered * BAR_CELLS) / sizeBytes) - cells.length));
  }
  const legend = parts.map((part) => `${part.mark === ' ' ? '' : `${part.mark} `}${part.label} ${share(part.bytes, sizeBytes)}`);
  const legendLines = legend.join('  ').length <= LEGEND_WIDTH
    ? [legend.join('  ')]
    : [legend.slice(0, Math.ceil(legend.length / 2)).join('  '), legend.slice(Math.ceil(legend.length / 2)).join('  ')];
  return [
    `  ${name}  ${percent}% ${percent >= 95 ? 'full' : 'used'}, ${formatSize(freeBytes)} free of ${formatSize(sizeBytes)}${inodes === null ? '' : `, inodes ${inodes}%`}${holds}`,
    `    [${cells.padEnd(BAR_CELLS).slice(0, BAR_CELLS)}]`,
    ...legendLines.map((line) => `    ${line}`),
  ];
}

/** The file systems section: the engine root's first, then the fullest. */
function fileSystemsSection(snapshot: Snapshot, pending: boolean): string[] {
  const fileSystems = snapshot.fileSystems;
  if (!fileSystems) return ['File systems: not in this snapshot (saved by an older stowage)', ''];
  const root = rootFileSystem(snapshot);
  const rest = fileSystems.filter((fileSystem) => fileSystem !== root).sort((a, b) => (usedPercent(b) ?? -1) - (usedPercent(a) ?? -1));
  return ['File systems (I images, W writable layers, V volumes, L logs, B build cache)', ...[root, ...rest].flatMap((fileSystem) => (fileSystem ? fileSystemLines(fileSystem, pending, snapshot.engine) : [])), ''];
}

/** One kind of `system df`, as the breakdown shows it. */
export type BreakdownRow = {
  KIND: string;
  COUNT: string;
  ACTIVE: string;
  SIZE: string;
  RECLAIMABLE: string;
};

/** The `system df` breakdown, and the logs it does not count. */
export function diskBreakdown(snapshot: Snapshot, pending: boolean): BreakdownRow[] {
  const usage = snapshot.diskUsage;
  const row = (kind: string, totals: UsageTotals): BreakdownRow => ({
    KIND: kind,
    COUNT: String(totals.count),
    ACTIVE: totals.activeCount === null ? '?' : String(totals.activeCount),
    SIZE: formatSize(totals.sizeBytes, pending),
    RECLAIMABLE: formatSize(totals.reclaimableBytes, pending),
  });
  const logBytes = snapshot.containers.reduce((sum, c) => sum + (c.log.sizeBytes ?? 0), 0);
  const logsKnown = snapshot.containers.some((c) => c.log.sizeBytes !== null);
  return [
    row('Images', usage.images),
    row('Containers', usage.containers),
    row('Volumes', usage.volumes),
    row('Build cache', usage.buildCache),
    { KIND: 'Logs', COUNT: String(snapshot.containers.filter((c) => c.log.path).length), ACTIVE: '', SIZE: logsKnown ? formatSize(logBytes) : '?', RECLAIMABLE: '' },
  ];
}

/** The breakdown drawn as a table (ink-table) takes this many rows: borders, header, a rule above each kind. */
export const BREAKDOWN_TABLE_ROWS = 13;

/** Whether the body has room for the breakdown as a table and a few lines under it. */
export const breakdownAsTable = (height: number) => height >= BREAKDOWN_TABLE_ROWS + 5;

/**
 * The lines of the disk view under the breakdown: the largest items of each kind. When the body
 * is too short for the breakdown's table, the breakdown comes first as text lines.
 */
export function diskLines(snapshot: Snapshot, pending: boolean, tableShown = false): string[] {
  const size = (bytes: number | null) => formatSize(bytes, pending);
  const breakdown = tableShown
    ? ['Logs are counted by neither system df nor the writable layer.']
    : [
        `${padEnd('KIND', 13)} ${padStart('COUNT', 6)} ${padStart('ACTIVE', 7)} ${padStart('SIZE', 10)} ${padStart('RECLAIMABLE', 12)}`,
        ...diskBreakdown(snapshot, pending).map((row) =>
          `${padEnd(row.KIND, 13)} ${padStart(row.COUNT, 6)} ${padStart(row.ACTIVE, 7)} ${padStart(row.SIZE, 10)} ${row.KIND === 'Logs' ? '  not counted by system df' : padStart(row.RECLAIMABLE, 12)}`),
      ];
  const lines = [
    ...fileSystemsSection(snapshot, pending),
    ...breakdown,
    '',
    'Largest images',
    ...snapshot.images.slice(0, LARGEST).map((image) =>
      `  ${padStart(size(image.sizeBytes), 9)}  ${image.tags[0] ?? image.id.slice(7, 19)}  ${image.containers ? `used by ${image.containers}` : 'unused: reclaimable'}`),
    '',
    'Largest writable layers (lost on docker rm)',
    ...[...snapshot.containers]
      .sort((a, b) => (b.writableLayer.sizeBytes ?? -1) - (a.writableLayer.sizeBytes ?? -1))
      .slice(0, LARGEST)
      .map((c) => `  ${padStart(size(c.writableLayer.sizeBytes), 9)}  ${c.name} (${c.state})`),
    '',
    'Largest volumes',
    ...[...snapshot.volumes]
      .sort((a, b) => (b.sizeBytes ?? -1) - (a.sizeBytes ?? -1))
      .slice(0, LARGEST)
      .map((v) => `  ${padStart(size(v.sizeBytes), 9)}  ${v.name}${v.dangling ? '  DANGLING' : ''}`),
    '',
    'Largest containers in all (layer + volumes + log)',
    ...[...snapshot.containers]
      .sort((a, b) => containerBytes(b) - containerBytes(a))
      .slice(0, LARGEST)
      .map((c) => `  ${padStart(size(containerBytes(c)), 9)}  ${c.name}`),
  ];
  if (snapshot.buildCache.length) {
    lines.push('', 'Build cache', ...snapshot.buildCache.slice(0, LARGEST).map((record) =>
      `  ${padStart(size(record.sizeBytes), 9)}  ${record.type} ${record.description}${record.inUse ? ' (in use)' : ''}`));
  }
  // Image tags, names and build-cache descriptions came from the engine.
  return lines.map(displayable);
}
