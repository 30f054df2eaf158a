// The lines of the disk view: the `system df` breakdown, then the largest items of each kind.
import type { Snapshot, UsageTotals } from '../src/model/types.js';
import { displayable } from '../src/text/displayable.js';
import { formatSize, padEnd, padStart } from './format.js';
import { containerBytes } from './rows.js';

const LARGEST = 5;

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
