// `stowage backup`: the plan, what to do with the volume's writers, then the file, verified.
import { DEFAULT_GZIP_LEVEL } from '../actions/parallel-gzip.js';
import { type BackupResult, runBackup, type TransferProgress } from '../actions/backup.js';
import { say } from '../actions/exit-guard.js';
import type { Engine } from '../engine/engine.js';
import { UsageError } from '../errors.js';
import { type BackupPlan, planBackup } from '../model/backup-plan.js';
import { formatBytes } from '../model/format-bytes.js';
import { notCarriedText } from '../actions/not-carried.js';
import type { Snapshot } from '../model/types.js';
import { displayable } from '../text/displayable.js';
import { engineTitle } from '../model/engine-name.js';
import { defineAction } from './action-command.js';
import { ENGINE_FLAGS, type EngineChoice, noOperands, oneEngine } from './command.js';
import { ask, interactive } from './prompt.js';

export interface BackupOptions extends EngineChoice {
  command: 'backup';
  volume: string;
  /** The folder the backup is written to. */
  output: string;
  /** gzip's level; null for a plain .tar. */
  level: number | null;
  stop: boolean;
  live: boolean;
}

export const backupCommand = defineAction({
  name: 'backup',
  usage: 'stowage backup --volume NAME',
  summary: 'write NAME-<time>.tar.gz, verified',
  flags: [...ENGINE_FLAGS, 'volume', 'output', 'level', 'stop', 'live'],
  parse(values, operands): BackupOptions {
    noOperands(operands);
    if (!values.volume) throw new UsageError('backup needs --volume NAME');
    let level: number | null = DEFAULT_GZIP_LEVEL;
    if (values.level !== undefined) {
      level = values.level === 'none' ? null : Number(values.level);
      if (level !== null && !(Number.isInteger(level) && level >= 1 && level <= 9)) throw new UsageError(`--level takes 1 to 9 or none, not "${values.level}"`);
    }
    if (values.stop && values.live) throw new UsageError('--stop and --live contradict each other; pass one');
    return {
      command: 'backup', ...oneEngine('backup', values),
      volume: values.volume, output: values.output ?? process.cwd(), level, stop: values.stop ?? false, live: values.live ?? false,
    };
  },
  async run(options, { engine, snapshot }) {
    const plan = planBackup(snapshot, options.volume, new Date(), options.level !== null);
    if (!plan) throw new UsageError(`no volume named ${options.volume} on ${snapshot.engine.host}; list them with \`docker volume ls\``);
    return backupAsPlanned(engine, snapshot, plan, options);
  },
});

export function backupPlanText(plan: BackupPlan, directory: string): string {
  const lines = [
    `Back up volume ${plan.volume.name} (${plan.volume.sizeBytes === null ? 'size unknown' : formatBytes(plan.volume.sizeBytes)}) to ${directory}/${plan.fileName}`,
  ];
  for (const writer of plan.writers) {
    lines.push(`  ${writer.container.name} is running and writes to it at ${writer.destination}`);
    if (writer.database) {
      lines.push(`  ! ${writer.container.name} looks like ${writer.database.what}: a file copy of a live database may not restore; ${writer.database.dumpTool} makes a consistent dump`);
    }
  }
  return `${lines.map(displayable).join('\n')}\n`;
}

export function progressLine(progress: TransferProgress): string {
  const share = progress.totalBytes ? Math.min(1, progress.bytes / progress.totalBytes) : 0;
  const bar = `[${'#'.repeat(Math.round(share * 20)).padEnd(20)}]`;
  const eta = progress.etaSeconds === null ? '' : ` ETA ${Math.ceil(progress.etaSeconds)} s`;
  return `${bar} ${formatBytes(progress.bytes)}${progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : ''} at ${formatBytes(progress.bytesPerSecond)}/s${eta}`;
}

async function backupAsPlanned(engine: Engine, snapshot: Snapshot, plan: BackupPlan, options: BackupOptions): Promise<number> {
  process.stdout.write(backupPlanText(plan, options.output));
  let stopWriters = options.stop;
  if (plan.writers.length && !options.stop && !options.live) {
    if (!interactive()) {
      throw new UsageError(`${plan.writers.map((w) => w.container.name).join(', ')} ${plan.writers.length === 1 ? 'writes' : 'write'} to ${plan.volume.name}: pass --stop to stop them for the backup (they are started again after), or --live to copy while they run`);
    }
    const answer = (await ask('Stop them for the backup and start them again after [s], copy live [l], or cancel [c]? ')).toLowerCase();
    if (answer !== 's' && answer !== 'l') {
      process.stdout.write('Cancelled; nothing written.\n');
      return 0;
    }
    stopWriters = answer === 's';
  }
  // Signals and crashes are the exit guard's (exit-guard.ts): it cancels the backup and undoes it.
  const result = await runBackup(engine, plan, {
    directory: options.output,
    level: options.level,
    stopWriters,
    engineDescription: `${snapshot.engine.host} (${engineTitle(snapshot.engine)})`,
    onProgress: (progress) => {
      if (process.stderr.isTTY) say(`\r${progressLine(progress)}\x1b[K`);
    },
  });
  if (process.stderr.isTTY) say('\n');
  process.stdout.write(`Wrote ${displayable(result.file)} (${formatBytes(result.bytes)}, ${result.entries} entries), verified: sha256 ${result.sha256}\n`);
  process.stdout.write(`${backupCarryLine(result)}\n`);
  return 0;
}

/** What the backup holds differently from the volume, or what could not be checked. */
export function backupCarryLine(result: BackupResult): string {
  if (result.notCarried.length) return `! ${displayable(notCarriedText(result.notCarried, formatBytes))}`;
  if (result.checked.length === 3) return 'Every entry is carried: no sockets, sparse files or extended attributes the engine would drop.';
  const missing = (['sockets', 'sparse files', 'xattrs'] as const).filter((what) => !result.checked.includes(what));
  return `Not checked (${missing.join(', ')}): the engine's archive skips sockets, keeps only security.capability of extended attributes and restores sparse files dense${result.checked.length ? '' : '; the volume is not readable on this machine'}.`;
}
