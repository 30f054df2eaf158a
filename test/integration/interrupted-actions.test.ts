// Every way a backup can end leaves the writers running and nothing half-done: SIGHUP (with the
// terminal gone), SIGINT twice, SIGTERM, SIGQUIT during `backup --stop`; after SIGKILL the next
// start undoes what was left and says so; a missing, full or too-small destination gets one line.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI, runCli } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

describe('interrupted and refused backups, on a real engine', () => {
  let engine: RunningEngine;
  const out = scratchDir('stw-interrupt-');
  const home = scratchDir('stw-home-');
  const running = async () => (await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'app')) === 'true';
  const startedAt = () => docker(engine, 'inspect', '-f', '{{.State.StartedAt}}', 'app');
  const partials = (folder = out) => readdirSync(folder).filter((name) => name.includes('.partial-'));
  const helpers = () => docker(engine, 'ps', '-aq', '--filter', 'label=io.stowage.helper');
  const tmpfs: string[] = [];

  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    await docker(engine, 'volume', 'create', 'big');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'big:/b', BUSYBOX, 'dd', 'if=/dev/urandom', 'of=/b/random', 'bs=1M', 'count=192');
    await docker(engine, 'run', '-d', '--name', 'app', '--network', 'none', '-v', 'big:/b', BUSYBOX);
    // Many one-byte files: a few kB of data, megabytes of tar headers.
    await docker(engine, 'volume', 'create', 'tiny-files');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'tiny-files:/t', BUSYBOX, 'sh', '-c', 'for i in $(seq 1 6000); do echo > /t/f$i; done');
    await docker(engine, 'run', '-d', '--name', 'tiny-app', '--network', 'none', '-v', 'tiny-files:/t', BUSYBOX);
  });
  after(async () => {
    for (const folder of tmpfs) execFileSync('umount', [folder]);
    await engine?.stop();
  });

  /** Starts `backup --stop` of big and waits until it writes with app stopped. */
  async function backupUnderWay() {
    const child = spawn(process.execPath, [CLI, 'backup', '--volume', 'big', '--stop', '--level', '9', '--output', out, '--host', engine.host], {
      stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH, HOME: home },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor('the backup to write with app stopped', async () => partials().length > 0 && !(await running()), 60_000);
    return { child, exited, stderr: () => stderr };
  }

  async function assertUndone(code: number | null, expected: number, stderr: string) {
    assert.equal(code, expected, stderr);
    assert.equal(await running(), true, 'app runs again');
    assert.deepEqual(partials(), [], 'no partial file');
    assert.equal(await helpers(), '', 'no helper container');
    assert.deepEqual(readdirSync(out).filter((name) => name.startsWith('big-')), [], 'nothing under a final name');
  }

  for (const [signal, code] of [['SIGHUP', 129], ['SIGTERM', 143], ['SIGQUIT', 131]] as const) {
    it(`${signal} during backup --stop starts the writer again and removes the partial file and the helper`, async () => {
      const backup = await backupUnderWay();
      // An SSH drop: the terminal is gone before the signal, so every write fails.
      if (signal === 'SIGHUP') backup.child.stderr.destroy();
      backup.child.kill(signal);
      await assertUndone(await backup.exited, code, backup.stderr());
    });
  }

  it('a second Ctrl-C does not skip the cleanup', async () => {
    const backup = await backupUnderWay();
    backup.child.kill('SIGINT');
    backup.child.kill('SIGINT');
    await assertUndone(await backup.exited, 130, backup.stderr());
  });

  it('after SIGKILL, the next start undoes what was left, and says so', async () => {
    const backup = await backupUnderWay();
    backup.child.kill('SIGKILL');
    await backup.exited;
    assert.equal(await running(), false, 'a killed run cannot start app itself');
    assert.equal(partials().length, 1);
    assert.notEqual(await helpers(), '');
    const next = await runCli(['prune', '--host', engine.host]);
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, /^stowage: an earlier stowage run was interrupted: started app again; removed \/\S+\.partial-[0-9a-f]{8}; removed 1 helper container\n/);
    await assertUndone(0, 0, '');
  });

  it('refuses a missing --output folder before stopping anything', async () => {
    const before = await startedAt();
    const result = await runCli(['backup', '--volume', 'big', '--stop', '--output', join(out, 'nope'), '--host', engine.host]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^stowage: the --output folder \S+nope does not exist: create it .*; nothing was stopped\n$/);
    assert.equal(await startedAt(), before, 'app was never stopped');
  });

  it('a destination too small for the volume is refused before stopping; one that fills up mid-write leaves nothing', async () => {
    const small = scratchDir('stw-tmpfs-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]);
    tmpfs.push(small);
    const before = await startedAt();
    let result = await runCli(['backup', '--volume', 'big', '--stop', '--output', small, '--host', engine.host]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^stowage: \S+ has 2(\.\d)? MB free; the volume holds 201(\.\d)? MB: free space or choose another --output folder; nothing was stopped\n$/);
    assert.equal(await startedAt(), before);

    // The size estimate (a few kB) passes the check; the tar of 6,000 entries does not fit.
    mkdirSync(join(small, 'sub'));
    result = await runCli(['backup', '--volume', 'tiny-files', '--stop', '--level', 'none', '--output', join(small, 'sub'), '--host', engine.host]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^stowage: could not write the backup to \S+: the disk is full \(ENOSPC\) after [\d.]+ \S+; nothing was kept: free space or choose another --output folder\n$/);
    assert.deepEqual(readdirSync(join(small, 'sub')), [], 'no partial file');
    assert.equal(await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'tiny-app'), 'true');
    assert.equal(await helpers(), '');
  });
});
