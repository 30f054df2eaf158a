// `stowage watch`: what grows on the host, a line per interval; with --json one JSON object per
// line (NDJSON, docs/watch-format.md). Runs until Ctrl-C, SIGTERM or a hangup, then exits 0.
import { usedPercent } from '../model/file-systems.js';
import { growthSampler } from '../app/growth-sampler.js';
import type { EngineReads } from '../engine/engine.js';
import { formatBytes } from '../model/format-bytes.js';
import { type ContainerGrowth, containerGrowth, describeDuration, type GrowthReport } from '../model/growth.js';
import { displayable } from '../text/displayable.js';

const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

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

/** Samples until a signal ends it; each report is one write, so a pipe gets it at once. */
export function watchCommand(engine: EngineReads, intervalMs: number, json: boolean, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const sampler = growthSampler(engine, { intervalMs });
  sampler.subscribe((report) => {
    out.write(json ? `${JSON.stringify(report)}\n` : `${watchLine(report)}\n`);
  });
  return new Promise((resolve) => {
    const finish = () => {
      for (const signal of ENDING_SIGNALS) process.removeListener(signal, finish);
      sampler.stop();
      resolve(0);
    };
    for (const signal of ENDING_SIGNALS) process.on(signal, finish);
    sampler.start();
  });
}
