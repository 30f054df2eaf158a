import prettyBytes from 'pretty-bytes';
import { fileSystemName, inodesUsedPercent, rootFileSystem, usedPercent } from '../model/file-systems.js';
import type { FileSystemUsage, Snapshot, UsageTotals } from '../model/types.js';
import { displayable } from '../text/displayable.js';
import { engineTitle, notEngines } from '../model/engine-name.js';
import { logWithoutFile } from '../model/log-drivers.js';

const size = (bytes: number | null) => (bytes === null ? '?' : prettyBytes(bytes));

function totalsLine(label: string, totals: UsageTotals): string {
  return `  ${label.padEnd(12)} ${String(totals.count).padStart(5)}  ${size(totals.sizeBytes).padStart(10)}  reclaimable ${size(totals.reclaimableBytes)}`;
}

/** A file system's figures and what of Docker's is on it, in a few lines. */
function fileSystemLines(fileSystem: FileSystemUsage, root: boolean, notTheEngines: string): string[] {
  const percent = usedPercent(fileSystem);
  const inodes = inodesUsedPercent(fileSystem);
  const { docker } = fileSystem;
  const others = fileSystem.holds.length - (root ? 1 : 0);
  return [
    `  ${fileSystemName(fileSystem)}${root ? ' (engine root dir)' : ''}${others ? `, holding ${fileSystem.holds.filter((hold) => hold !== 'engine root dir').slice(0, 3).join(', ')}${others > 3 ? `, and ${others - 3} more` : ''}` : ''}`,
    `    size ${size(fileSystem.sizeBytes)}, used ${size(fileSystem.usedBytes)}${percent === null ? '' : ` (${percent}%)`}, free ${size(fileSystem.freeBytes)}, inodes ${fileSystem.inodes ?? '?'}, free inodes ${fileSystem.freeInodes ?? '?'}${inodes === null ? '' : ` (${inodes}% used)`}`,
    `    images ${size(docker.images)}, writable layers ${size(docker.writableLayers)}, volumes ${size(docker.volumes)}, logs ${size(docker.logs)}, build cache ${size(docker.buildCache)}, ${notTheEngines} ${size(docker.notDockers)}`,
  ];
}

/** A plain-text account of a snapshot, for pipes, cron and terminals without a TTY. */
export function textReport(snapshot: Snapshot): string {
  const { engine } = snapshot;
  const lines = [
    `${engineTitle(engine)} (API ${engine.apiVersion}) at ${engine.host}, ${engine.storageDriver}, root ${engine.rootDir}`,
    '',
    'Disk usage (system df):',
    totalsLine('Images', snapshot.diskUsage.images),
    totalsLine('Containers', snapshot.diskUsage.containers),
    totalsLine('Volumes', snapshot.diskUsage.volumes),
    totalsLine('Build cache', snapshot.diskUsage.buildCache),
    '',
    'File systems:',
    ...(snapshot.fileSystems ?? []).flatMap((fileSystem) => fileSystemLines(fileSystem, fileSystem === rootFileSystem(snapshot), notEngines(engine))),
    ...(snapshot.fileSystems ? [] : ['  unknown (a snapshot saved by an older stowage)']),
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
    const { log } = container;
    lines.push(log.path ? `    log ${log.driver} ${size(log.sizeBytes)} (${cap})` : `    log ${log.driver} (${logWithoutFile(log.driver)})`);
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
