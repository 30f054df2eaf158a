// A developer's disk filled up: the engine's data root is a small ext4 file system, and an
// uncapped json log fills it to ENOSPC. stowage must say so, name the log, and write nothing there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, type StatsFs, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Snapshot } from '../../src/model/types.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { runCli } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { waitFor } from '../support/wait.js';
import { connectTo } from '../support/snapshot-of.js';
import { checkLog, truncateLog } from '../../src/actions/truncate-log.js';
import { scratchDir } from '../support/scratch.js';

describe('a data root filled to ENOSPC by an uncapped log', () => {
  const dir = scratchDir('stw-disk-');
  const image = join(dir, 'disk.img');
  const dataRoot = join(dir, 'root');
  let mounted = false;
  let engine: RunningEngine | undefined;
  let snapshot: Snapshot;
  let jsonSeconds = 0;
  let before_: StatsFs;
  let after_: StatsFs;

  before(async () => {
    execFileSync('truncate', ['-s', '600M', image]);
    execFileSync('mkfs.ext4', ['-q', '-F', image]);
    mkdirSync(dataRoot);
    execFileSync('mount', ['-o', 'loop', image, dataRoot]);
    mounted = true;
    engine = await startEngine('26.1', { dataRoot });
    await importFixtureImages(engine);
    await docker(engine, 'run', '-d', '--name', 'noisy', '--network', 'none', BUSYBOX, 'sh', '-c', 'yes 0123456789abcdef');
    // Full: nothing left for unprivileged writers, and the root-reserved blocks stop shrinking
    // (the log's writes fail with ENOSPC).
    let last = -1;
    await waitFor('the data root to fill up', () => {
      const figures = statfsSync(dataRoot);
      const settled = figures.bavail === 0 && figures.bfree === last;
      last = figures.bfree;
      return settled;
    }, 120_000);
    before_ = statfsSync(dataRoot);
    const started = process.hrtime.bigint();
    const result = await runCli(['--json', '--host', engine.host]);
    jsonSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    after_ = statfsSync(dataRoot);
    assert.equal(result.code, 0, result.stderr);
    snapshot = JSON.parse(result.stdout) as Snapshot;
  });

  after(async () => {
    if (engine) {
      await docker(engine, 'rm', '-f', 'noisy').catch(() => undefined);
      await engine.stop();
    }
    if (mounted) execFileSync('umount', [dataRoot]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the data root's file system the figures statfs gives", () => {
    const root = snapshot.fileSystems?.[0];
    assert.ok(root, 'a file system is reported');
    assert.equal(root.mountPoint, dataRoot);
    assert.ok(root.holds.includes('engine root dir') && root.holds.includes('log of noisy'), root.holds.join(', '));
    assert.equal(root.sizeBytes, after_.blocks * after_.bsize);
    assert.equal(root.freeBytes, after_.bavail * after_.bsize);
    assert.equal(root.freeBytes, 0);
    assert.equal(root.inodes, after_.files);
    assert.equal(root.freeInodes, after_.ffree);
    const used = (figures: StatsFs) => (figures.blocks - figures.bfree) * figures.bsize;
    const drift = Math.abs(used(after_) - used(before_)) + after_.bsize;
    assert.ok(Math.abs((root.usedBytes ?? 0) - used(after_)) <= drift, `used ${root.usedBytes} vs statfs ${used(after_)}`);
    const noisy = snapshot.containers.find((container) => container.name === 'noisy');
    assert.equal(root.docker.logs, noisy?.log.sizeBytes);
    assert.ok((root.docker.logs ?? 0) > 0.5 * (root.sizeBytes ?? 0), 'the log holds most of the disk');
    console.log(`# stowage --json on the full disk: ${jsonSeconds.toFixed(2)} s`);
  });

  it('finds the disk full and names the log with its share', () => {
    const full = snapshot.findings.find((finding) => finding.id === 'disk-full');
    assert.ok(full, snapshot.findings.map((finding) => finding.id).join(', '));
    assert.equal(full.severity, 'danger');
    assert.equal(snapshot.findings[0]?.severity, 'danger');
    assert.match(full.title, new RegExp(`^disk ${dataRoot} is 100% full: 0 B free of .*; the log of noisy holds \\d+% of it`));
    assert.deepEqual(full.remedy, { kind: 'truncate-log', container: 'noisy' });
    assert.deepEqual(full.containers.slice(0, 1), ['noisy']);
    assert.match(full.fix, /sudo truncate -s 0 \S+-json\.log/);
    const log = snapshot.findings.find((finding) => finding.id === 'log-large' && finding.containers.includes('noisy'));
    assert.equal(log?.severity, 'danger', 'under 1 GB, but most of its disk');
    assert.match(log?.title ?? '', /\(\d+% of its disk\)/);
  });

  it('stowage check exits 3, and the plain report shows the file system', async () => {
    const host = engine?.host ?? '';
    const check = await runCli(['check', '--host', host]);
    assert.equal(check.code, 3, check.stderr);
    assert.match(check.stdout, /disk-full|is 100% full/);
    const report = await runCli(['--host', host]);
    assert.match(report.stdout, new RegExp(`File systems:\\n  ${dataRoot} \\(engine root dir\\), holding `));
    assert.match(report.stdout, /free 0 B, inodes \d+/);
  });

  it('made no helper container: nothing it did wrote to the full disk', async () => {
    assert.ok(engine);
    assert.equal(await docker(engine, 'ps', '-aq', '--filter', 'label=io.stowage.helper'), '');
    assert.equal(await docker(engine, 'ps', '-aq', '--filter', 'name=noisy'), await docker(engine, 'ps', '-aq'));
  });

  it("empties the log the finding names in place: the space comes back and the container keeps running", async () => {
    assert.ok(engine && snapshot);
    const noisy = snapshot.containers.find((container) => container.name === 'noisy');
    assert.ok(noisy?.log.sizeBytes);
    const before = statfsSync(dataRoot);
    // What the explorer's runner does for `f` on the disk-full finding (its remedy) and for `T`.
    const connected = await connectTo(engine);
    const result = await truncateLog(connected, await checkLog(connected, noisy.id));
    assert.equal(result.container, 'noisy');
    assert.ok(result.freedBytes >= noisy.log.sizeBytes, `freed ${result.freedBytes} of ${noisy.log.sizeBytes}`);
    const afterTruncate = statfsSync(dataRoot);
    // The writer goes on filling it, but what the log held is back at once.
    assert.ok(afterTruncate.bfree * afterTruncate.bsize > before.bfree * before.bsize + result.freedBytes / 4, 'free space came back');
    assert.equal(await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'noisy'), 'true');
  });
});
