// `stowage watch`: what grows on the host, a line per interval; with --json one JSON object per
// line (NDJSON, docs/watch-format.md). Runs until Ctrl-C, SIGTERM or a hangup, then exits 0; a
// sample that fails is said on stderr (and as an error record with --json), and a run of them ends it.
import { usedPercent } from '../model/file-systems.js';
import { growthSampler } from '../app/growth-sampler.js';
import { type EngineReads, readsOnly } from '../engine/engine.js';
import { UsageError } from '../errors.js';
import { formatBytes } from '../model/format-bytes.js';
import { type ContainerGrowth, containerGrowth, describeDuration, type GrowthReport } from '../model/growth.js';
import { displayable } from '../text/displayable.js';
import { defineCommand, ENGINE_FLAGS, type EngineChoice, noOperands, oneEngine } from './command.js';
import { connect } from './reach-engine.js';

/** Seconds between lines when --interval is not given. */
export const DEFAULT_WATCH_INTERVAL_SECONDS = 2;

export interface WatchOptions extends EngineChoice {
  command: 'watch';
  /** Milliseconds between samples of the cheap signals, and between lines. */
  intervalMs: number;
  json: boolean;
}

const SAVED_DATA = 'stowage watch samples a live engine; --demo and --snapshot hold saved data';

export const watchCommand = defineCommand({
  name: 'watch',
  usage: 'stowage watch [--interval SECONDS]',
  summary: 'what grows, each interval (--json: NDJSON)',
  // --read-only is taken and changes nothing: watch only reads.
  flags: [...ENGINE_FLAGS, 'interval', 'json', 'read-only'],
  refuses: { demo: SAVED_DATA, snapshot: SAVED_DATA },
  parse(values, operands): WatchOptions {
    noOperands(operands);
    let intervalMs = DEFAULT_WATCH_INTERVAL_SECONDS * 1000;
    if (values.interval !== undefined) {
      const seconds = Number(values.interval);
      if (!Number.isFinite(seconds) || seconds < 0.1) throw new UsageError(`--interval takes a number of seconds from 0.1, not "${values.interval}"`);
      intervalMs = Math.round(seconds * 1000);
    }
    return { command: 'watch', ...oneEngine('watch', values), intervalMs, json: values.json ?? false };
  },
  async run(options) {
    return watchHost(readsOnly(await connect(options)), options.intervalMs, options.json);
  },
});

const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** watch gives up, with exit status 1, after this many failed samples in a row... */
export const FAILURES_IN_A_ROW = 3;
/** ...or once a sample has failed and none has been taken for this long. */
export const WITHOUT_A_SAMPLE_MS = 30_000;

const rate = (bytesPerSecond: number) => `+${formatBytes(Math.round(bytesPerSecond))}/s`;

/** Where a container's growth mostly goes: its layer, volumes or log. */
function mainPart(container: ContainerGrowth): string {
  const parts: [string, number | null][] = [
    ['layer', container.layerBytesPerSecond], ['volumes', container.volumeBytesPerSecond], ['log', container.logBytesPerSecond],
  ];
  return parts.reduce((best, part) => ((part[1] ?? 0) > (best[1] ?? 0) ? part : best))[0];
}

/** `12:00:05  root fs 97% used, 1.2 GB free, full in ~4 min  top: noisy +2.1 MB/s (log)` */
export function watchLine(report: GrowthReport, at: Date = new Date(report.time)): string {
  const clock = at.toTimeString().slice(0, 8);
  const fs = report.fileSystem;
  let disk = 'root fs not on this machine';
  if (fs) {
    // Counted as the explorer's header counts it: blocks reserved for root are neither used nor free.
    const used = usedPercent({ usedBytes: fs.usedBytes ?? fs.sizeBytes - fs.freeBytes, freeBytes: fs.freeBytes }) ?? 0;
    disk = `root fs ${used}% used, ${formatBytes(fs.freeBytes)} free`;
    if (fs.fullInSeconds !== null) disk += `, full in ${describeDuration(fs.fullInSeconds)}`;
  }
  const top = report.containers[0];
  const topRate = top ? containerGrowth(top) : null;
  let growing: string;
  if (!top) growing = 'no containers';
  else if (topRate === null) growing = 'not measured yet';
  else if (topRate < 1) growing = 'nothing grows';
  else growing = `${displayable(top.name)} ${rate(topRate)} (${mainPart(top)})`;
  return `${clock}  ${disk}  top: ${growing}`;
}

/**
 * Samples until a signal ends it (0), or until the engine stops answering: FAILURES_IN_A_ROW
 * failed samples, or WITHOUT_A_SAMPLE_MS of failing since the first of them (1): a first sample
 * that is slow to come (a large host's system df) is not a failure. Each report and each
 * error record is one write, so a pipe gets it at once.
 */
function watchHost(
  engine: EngineReads,
  intervalMs: number,
  json: boolean,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const sampler = growthSampler(engine, { intervalMs });
  let inARow = 0;
  let failingSince: number | null = null;
  return new Promise((resolve) => {
    const finish = (code: number) => {
      for (const signal of ENDING_SIGNALS) process.removeListener(signal, onSignal);
      sampler.stop();
      resolve(code);
    };
    const onSignal = () => finish(0);
    sampler.subscribe((report) => {
      inARow = 0;
      failingSince = null;
      out.write(json ? `${JSON.stringify(report)}\n` : `${watchLine(report)}\n`);
    });
    sampler.onFailure((failure) => {
      inARow++;
      failingSince ??= Date.now();
      if (json) out.write(`${JSON.stringify({ time: failure.time, error: failure.error, failuresInARow: inARow })}\n`);
      err.write(`stowage: no sample at ${failure.time.slice(11, 19)}: ${displayable(failure.error)}\n`);
      const waited = Date.now() - failingSince;
      if (inARow < FAILURES_IN_A_ROW && waited < WITHOUT_A_SAMPLE_MS) return;
      const why = inARow >= FAILURES_IN_A_ROW ? `${inARow} samples in a row failed` : `no sample for ${Math.round(waited / 1000)} s`;
      err.write(`stowage: watch stopped: ${why}; check the engine (\`docker info\`), then run it again\n`);
      finish(1);
    });
    for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
    sampler.start();
  });
}
