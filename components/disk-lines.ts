// The lines of the disk view: the `system df` breakdown, then the largest items of each kind.
import type { Snapshot, UsageTotals } from '../src/model/types.js';
import { displayable } from '../src/text/displayable.js';
import { formatSize, padEnd, padStart } from './format.js';
import { containerBytes } from './rows.js';

const LARGEST = 5;

function totalsRow(label: string, totals: UsageTotals, pending: boolean): string {
  return [
    padEnd(label, 13),
    padStart(String(totals.count), 6),
    padStart(totals.activeCount === null ? '?' : String(totals.activeCount), 7),
    padStart(formatSize(totals.sizeBytes, pending), 10),
    padStart(formatSize(totals.reclaimableBytes, pending), 12),
  ].join(' ');
}

export function diskLines(snapshot: Snapshot, pending: boolean): string[] {
  const usage = snapshot.diskUsage;
  const size = (bytes: number | null) => formatSize(bytes, pending);
  const logBytes = snapshot.containers.reduce((sum, c) => sum + (c.log.sizeBytes ?? 0), 0);
  const logsKnown = snapshot.containers.some((c) => c.log.sizeBytes !== null);
  const lines = [
    `${padEnd('KIND', 13)} ${padStart('COUNT', 6)} ${padStart('ACTIVE', 7)} ${padStart('SIZE', 10)} ${padStart('RECLAIMABLE', 12)}`,
    totalsRow('Images', usage.images, pending),
    totalsRow('Containers', usage.containers, pending),
    totalsRow('Volumes', usage.volumes, pending),
    totalsRow('Build cache', usage.buildCache, pending),
    `${padEnd('Logs', 13)} ${padStart(String(snapshot.containers.filter((c) => c.log.path).length), 6)} ${padStart('', 7)} ${padStart(logsKnown ? formatSize(logBytes) : '?', 10)}   not counted by system df`,
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
