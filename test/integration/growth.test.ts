// `stowage watch --json` on a real 26.1 engine against containers that write at known rates: a
// log writer, a writer into its writable layer, an idle one. Each rate is checked against what
// the log file's stat and the engine's SizeRw show over the same stretch of time.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';

import { stat } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { ContainerGrowth, GrowthReport } from '../../src/model/growth.js';
import { byGrowth } from '../../src/model/growth.js';
import { docker } from '../support/docker-cli.js';
import { engineGet } from '../support/engine-api.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { importFixtureImages } from '../support/situations.js';
import { startWriters } from '../support/writers.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

const TOLERANCE = 0.3;

interface Truth {
  time: number;
  logBytes: number;
  layerBytes: number;
}

describe('stowage watch on a real engine', () => {
  let engine: RunningEngine;
  let watch: ChildProcess | null = null;
  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    await startWriters(engine);
  });
  after(async () => {
    watch?.kill('SIGKILL');
    await engine?.stop();
  });

  it('reports each container\'s rates within 30% of what the engine and the log file show, the idle one at 0', async () => {
    const logPath = await docker(engine, 'inspect', '--format', '{{.LogPath}}', 'log-writer');
    const truth = async (): Promise<Truth> => {
      const containers = await engineGet<{ Names: string[]; SizeRw?: number }[]>(engine, '/containers/json?size=1');
      const layer = containers.find((container) => container.Names[0] === '/layer-writer');
      return { time: performance.now(), logBytes: (await stat(logPath)).size, layerBytes: layer?.SizeRw ?? 0 };
    };
    const home = scratchDir('stw-home-');
    watch = spawn(process.execPath, [CLI, 'watch', '--json', '--interval', '1', '--host', engine.host], {
      env: { PATH: process.env.PATH, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reports: { report: GrowthReport; truth: Truth }[] = [];
    let stderr = '';
    let buffered = '';
    watch.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Each line is read as it comes (a pipe, not a terminal: nothing may wait in a buffer).
    watch.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        const report = JSON.parse(line) as GrowthReport;
        // Lines still coming once the engine has stopped have no truth to compare with.
        void truth().then((measured) => reports.push({ report, truth: measured }), () => undefined);
      }
    });
    const named = (report: GrowthReport, name: string) => report.containers.find((container) => container.name === name) as ContainerGrowth;
    // Rates known for every writer, over a window of at least a few seconds past the first samples.
    await waitFor('rates for every writer', () => {
      const last = reports.at(-1)?.report;
      return reports.length >= 8 && !!last && named(last, 'layer-writer')?.layerBytesPerSecond !== null
        && named(last, 'log-writer')?.logBytesPerSecond !== null && named(last, 'idle')?.layerBytesPerSecond !== null;
    }, 60_000).catch((error: Error) => assert.fail(`${error.message}; stderr: ${stderr}`));
    const { report, truth: end } = reports.at(-1)!;
    // The sampler's window is its last 5 samples: the truth is taken over the same 4 intervals.
    const start = reports[reports.length - 5]!.truth;
    const seconds = (end.time - start.time) / 1000;
    const within = (measured: number | null, expected: number, what: string) => {
      assert.ok(measured !== null, `${what}: no rate`);
      assert.ok(Math.abs(measured - expected) <= TOLERANCE * expected, `${what}: ${measured} B/s, expected ${expected} ±30%`);
    };
    const logTruth = (end.logBytes - start.logBytes) / seconds;
    // About 66 kB/s json-wrapped when the machine is idle; a loaded one writes less, and the rate is judged against what was written.
    assert.ok(logTruth > 30_000, `the log grows by some tens of kB/s, measured ${logTruth}`);
    within(named(report, 'log-writer').logBytesPerSecond, logTruth, 'log-writer log');
    within(named(report, 'layer-writer').layerBytesPerSecond, (end.layerBytes - start.layerBytes) / seconds, 'layer-writer layer');
    within(named(report, 'layer-writer').layerBytesPerSecond, 256 * 1024, 'layer-writer layer, as written');
    const idle = named(report, 'idle');
    assert.deepEqual([idle.layerBytesPerSecond, idle.volumeBytesPerSecond, idle.logBytesPerSecond], [0, 0, 0]);
    assert.equal(named(report, 'layer-writer').logBytesPerSecond, null, 'no log to read (--log-driver none): unknown, not 0');
    assert.equal([...report.containers].sort(byGrowth)[0]?.name, 'layer-writer');
    assert.equal(report.containers[0]?.name, 'layer-writer', 'the report lists the fastest first');
    assert.ok(report.fileSystem && report.fileSystem.freeBytes > 0 && report.fileSystem.sizeBytes >= report.fileSystem.freeBytes);
    assert.ok(report.fileSystem.path.startsWith(engine.dir), report.fileSystem.path);

    watch.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => watch!.on('exit', (exitCode) => resolve(exitCode)));
    assert.equal(code, 0, 'Ctrl-C ends it cleanly');
    watch = null;
  });

  it('prints a line per interval without --json, naming the fastest writer', async () => {
    const home = scratchDir('stw-home-');
    const child = spawn(process.execPath, [CLI, 'watch', '--interval', '1', '--host', engine.host], {
      env: { PATH: process.env.PATH, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    watch = child;
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor('a line naming layer-writer', () => /top: layer-writer \+\d/.test(out), 60_000);
    const line = out.trimEnd().split('\n').at(-1) ?? '';
    assert.match(line, /^\d\d:\d\d:\d\d {2}root fs \d+% used, [\d.]+ [kMGT]?B free(, full in ~\d+ (min|h|days))? {2}top: /);
    child.kill('SIGTERM');
    assert.equal(await new Promise((resolve) => child.on('exit', (code) => resolve(code))), 0, 'SIGTERM ends it cleanly');
    watch = null;
  });
});
