import prettyBytes from 'pretty-bytes';
import type { Snapshot, UsageTotals } from '../model/types.js';
import { displayable } from '../text/displayable.js';

const size = (bytes: number | null) => (bytes === null ? '?' : prettyBytes(bytes));

function totalsLine(label: string, totals: UsageTotals): string {
  return `  ${label.padEnd(12)} ${String(totals.count).padStart(5)}  ${size(totals.sizeBytes).padStart(10)}  reclaimable ${size(totals.reclaimableBytes)}`;
}

/** A plain-text account of a snapshot, for pipes, cron and terminals without a TTY. */
export function textReport(snapshot: Snapshot): string {
  const { engine } = snapshot;
  const lines = [
    `Docker ${engine.serverVersion} (API ${engine.apiVersion}) at ${engine.host}, ${engine.storageDriver}, root ${engine.rootDir}`,
    '',
    'Disk usage (system df):',
    totalsLine('Images', snapshot.diskUsage.images),
    totalsLine('Containers', snapshot.diskUsage.containers),
    totalsLine('Volumes', snapshot.diskUsage.volumes),
    totalsLine('Build cache', snapshot.diskUsage.buildCache),
    '',
    `Containers (${snapshot.containers.length}):`,
  ];
  for (const container of snapshot.containers) {
    lines.push(
      `  ${container.name} [${container.state}] ${container.image}`,
      `    writable layer ${size(container.writableLayer.sizeBytes)}${container.readOnlyRootfs ? ' (read-only root)' : ''}`,
    );
    for (const volume of container.volumes) {
      lines.push(
        `    volume ${volume.anonymous ? '(anonymous) ' : ''}${volume.name} -> ${volume.destination} ${size(volume.sizeBytes)}${volume.readOnly ? ' ro' : ''}`,
      );
    }
    for (const bind of container.bindMounts) {
      lines.push(`    bind ${bind.source} -> ${bind.destination}${bind.readOnly ? ' ro' : ''}`);
    }
    for (const tmpfs of container.tmpfs) {
      lines.push(`    tmpfs ${tmpfs.destination} ${tmpfs.sizeBytes === null ? 'unbounded' : prettyBytes(tmpfs.sizeBytes)}`);
    }
    const cap = container.log.maxSizeBytes === null ? 'no size cap' : `max ${prettyBytes(container.log.maxSizeBytes)} x ${container.log.maxFiles ?? 1}`;
    lines.push(`    log ${container.log.driver} ${size(container.log.sizeBytes)} (${cap})`);
  }
  lines.push('', `Volumes (${snapshot.volumes.length}):`);
  for (const volume of snapshot.volumes) {
    const users = volume.dangling ? 'DANGLING' : `used by ${volume.containers.join(', ')}`;
    lines.push(`  ${volume.name}${volume.anonymous ? ' (anonymous)' : ''} ${size(volume.sizeBytes)} ${users}`);
  }
  if (snapshot.findings.length) {
    lines.push('', `Findings (${snapshot.findings.length}; \`stowage check\` shows the fixes):`);
    for (const finding of snapshot.findings) lines.push(`  ${finding.severity.padEnd(7)} ${finding.title}`);
  }
  for (const warning of snapshot.warnings) lines.push('', `warning: ${warning}`);
  // Each line through the one boundary: names, paths and labels in it came from the engine.
  return `${lines.map(displayable).join('\n')}\n`;
}
