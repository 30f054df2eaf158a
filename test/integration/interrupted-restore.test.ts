// A restore over a volume that holds data keeps its old contents restorable until the new ones are
// verified: they are saved first beside the backup; SIGTERM mid-write says what was left and the
// command that puts the old contents back (run here as printed, with bash); after SIGKILL the next
// start says the same from the helper's labels; a safety backup that cannot be made refuses.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI, type CliResult, runCli } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { listing } from '../support/volume-listing.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

const MB = 1024 * 1024;

const ADDED_STAY = '(entries the partial restore added stay: for exactly the contents before, restore it into a new volume)';

describe('restoring over a volume that holds data, interrupted or refused, on a real engine', () => {
  let engine: RunningEngine;
  const out = scratchDir('stw-restore-');
  const home = scratchDir('stw-home-');
  // `stowage` on PATH, as an installed one would be: the printed commands run as they are.
  const bin = scratchDir('stw-bin-');
  const mounts: string[] = [];
  let mountpoint = '';
  let oldContents = '';
  let newer = '';
  const helpers = () => docker(engine, 'ps', '-aq', '--filter', 'label=io.stowage.helper');
  const safetyBackups = () => readdirSync(out).filter((name) => /^data-before-restore-\d{8}T\d{6}Z\.tar\.gz$/.test(name));

  /** Fills `volume` with the same paths each time: 100 MB of random bytes, a note, a config file, a link. */
  const fill = (volume: string, note: string) =>
    docker(engine, 'run', '--rm', '--network', 'none', '-v', `${volume}:/d`, BUSYBOX, 'sh', '-c', [
      'dd if=/dev/urandom of=/d/random bs=1M count=100 2>/dev/null', 'mkdir -p /d/conf', `echo ${note} > /d/notes.txt`,
      `echo ${note} > /d/conf/app.conf`, 'chmod 0640 /d/conf/app.conf', 'ln -sf ../notes.txt /d/conf/notes',
    ].join(' && '));

  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    writeFileSync(join(bin, 'stowage'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
    chmodSync(join(bin, 'stowage'), 0o755);
    await docker(engine, 'volume', 'create', 'data');
    await fill('data', 'old');
    await docker(engine, 'volume', 'create', 'newer');
    await fill('newer', 'new');
    const made = await runCli(['backup', '--volume', 'newer', '--level', '1', '--output', out, '--host', engine.host]);
    assert.equal(made.code, 0, made.stderr);
    newer = join(out, readdirSync(out).find((name) => name.startsWith('newer-') && name.endsWith('.tar.gz')) ?? '');
    mountpoint = await docker(engine, 'volume', 'inspect', '-f', '{{.Mountpoint}}', 'data');
    oldContents = listing(mountpoint);
  });
  after(async () => {
    for (const folder of mounts.reverse()) execFileSync('umount', [folder]);
    await engine?.stop();
  });

  /** Runs a printed command with bash, as someone pasting it would. */
  const runPrinted = (command: string) =>
    new Promise<CliResult>((resolve) => {
      execFile('bash', ['-c', command], { env: { PATH: `${bin}:${process.env.PATH}`, HOME: home }, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
    });

  /** Starts the restore of `newer` over data and waits until the engine is writing its 100 MB file. */
  async function restoreUnderWay() {
    const child = spawn(process.execPath, [CLI, 'restore', newer, '--volume', 'data', '--confirm-non-empty', 'data', '--host', engine.host], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: home },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // The engine replaces a file by a new one (which may reuse the inode number): while it is
    // written, it is short of its 100 MB.
    await waitFor('the restore to be writing the new random file', () => (statSync(join(mountpoint, 'random'), { throwIfNoEntry: false })?.size ?? 0) < 100 * MB, 90_000);
    return { child, exited, stdout: () => stdout, stderr: () => stderr };
  }

  /** The command in the last backticks of `text`. */
  const printedCommand = (text: string) => /`([^`]+)`[^`]*$/.exec(text)?.[1] ?? '';

  async function assertWayBack(command: string) {
    assert.notEqual(listing(mountpoint), oldContents, 'the volume held a partial restore');
    const back = await runPrinted(command);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /^Saving the current contents of volume data \(\d+ entries, [\d.]+ [kM]B\) to \/\S+ first, then restoring \S+ into it\.\n/);
    assert.match(back.stdout, /\nIts contents before are kept in \/\S+\.tar\.gz \(with its \.sha256 and \.manifest\.json\): to go back, `stowage restore .+`; remove the three files once the restored data is right\.\n$/);
    assert.equal(listing(mountpoint), oldContents, 'the old contents are back, byte for byte');
    assert.equal(await helpers(), '');
  }

  it('SIGTERM mid-restore says the volume holds a partial restore and the command that puts its old contents back', async () => {
    const restore = await restoreUnderWay();
    restore.child.kill('SIGTERM');
    assert.equal(await restore.exited, 143, restore.stderr());
    const [safety] = safetyBackups();
    assert.ok(safety, 'the safety backup is there');
    for (const sidecar of ['.sha256', '.manifest.json']) assert.ok(existsSync(join(out, `${safety}${sidecar}`)), sidecar);
    const safetyPath = join(out, safety);
    assert.match(restore.stdout(), new RegExp(`^Saving the current contents of volume data \\(5 entries, 104\\.8 MB\\) to ${safetyPath} first, then restoring ${newer} into it\\.\n$`));
    assert.equal(
      restore.stderr(),
      'stowage: SIGTERM: undoing the restore into data…\n' +
        `stowage: volume data holds a partial restore of ${newer}; its contents before are in ${safetyPath}: ` +
        `\`stowage restore ${safetyPath} --volume data --confirm-non-empty data --host unix://${engine.socketPath}\` ${ADDED_STAY}\n`,
    );
    await assertWayBack(printedCommand(restore.stderr()));
  });

  it('after SIGKILL mid-restore, the next start names the volume, its safety backup and the way back', async () => {
    const restore = await restoreUnderWay();
    restore.child.kill('SIGKILL');
    await restore.exited;
    const safety = restore.stdout().match(/ to (\/\S+) first/)?.[1] ?? '';
    assert.ok(existsSync(safety), restore.stdout());
    const next = await runCli(['prune', '--host', engine.host]);
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, new RegExp(`^stowage: an earlier stowage run was interrupted: volume data holds a partial restore of ${newer}; its contents before are in ${safety}: \`stowage restore ${safety} --volume data --confirm-non-empty data --host unix://${engine.socketPath}\` \\(entries the partial restore added stay: for exactly the contents before, restore it into a new volume\\); removed 1 helper container\n`));
    await assertWayBack(printedCommand(next.stderr.split('\n')[0] ?? ''));
  });

  it('the next start shows a helper\'s labels as text and quotes them in its command, whoever set them', async () => {
    await docker(engine, 'create', '--label', 'io.stowage.helper=true', '--label', 'io.stowage.restore-into=x;rm -rf ~',
      '--label', 'io.stowage.restore-file=/b/f\x1b]0;owned\x07.tar.gz', '--label', `io.stowage.safety-backup=${newer}`, 'stowage/helper:empty', 'none');
    const next = await runCli(['prune', '--host', engine.host]);
    const line = next.stderr.split('\n')[0] ?? '';
    assert.equal(line,
      `stowage: an earlier stowage run was interrupted: volume x;rm -rf ~ holds a partial restore of /b/f\\e]0;owned\\a.tar.gz; its contents before are in ${newer}: ` +
      `\`stowage restore ${newer} --volume 'x;rm -rf ~' --confirm-non-empty 'x;rm -rf ~' --host unix://${engine.socketPath}\` ${ADDED_STAY}; removed 1 helper container`);
    assert.equal(await helpers(), '');
  });

  it('a safety backup that cannot be made, for want of room or a writable folder, refuses and changes nothing', async () => {
    const small = scratchDir('stw-small-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]);
    mounts.push(small);
    let result = await runCli(['restore', newer, '--volume', 'data', '--confirm-non-empty', 'data', '--output', small, '--host', engine.host]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`^stowage: restore refused, volume data is unchanged: its current contents could not be saved first to ${small}/data-before-restore-\\d{8}T\\d{6}Z\\.tar\\.gz: ${small} has 2(\\.\\d)? MB free; the volume holds 104\\.8 MB: free space or choose another --output folder\n$`));
    assert.deepEqual(readdirSync(small), []);

    // By default the safety backup goes beside the backup: here a folder mounted read-only.
    const shelf = scratchDir('stw-shelf-');
    for (const suffix of ['', '.sha256']) copyFileSync(`${newer}${suffix}`, join(shelf, `newer.tar.gz${suffix}`));
    const readOnly = scratchDir('stw-ro-');
    execFileSync('mount', ['--bind', shelf, readOnly]);
    mounts.push(readOnly);
    execFileSync('mount', ['-o', 'remount,bind,ro', readOnly]);
    result = await runCli(['restore', join(readOnly, 'newer.tar.gz'), '--volume', 'data', '--confirm-non-empty', 'data', '--host', engine.host]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`^stowage: restore refused, volume data is unchanged: its current contents could not be saved first to ${readOnly}/data-before-restore-\\S+: cannot write to the --output folder ${readOnly} \\(permission denied\\): choose another or fix its permissions\n$`));
    assert.deepEqual(readdirSync(shelf).sort(), ['newer.tar.gz', 'newer.tar.gz.sha256']);
    assert.equal(listing(mountpoint), oldContents, 'the volume is unchanged');
    assert.equal(await helpers(), '');
  });

  it('over an empty existing volume, no safety backup is needed, and it says so', async () => {
    await docker(engine, 'volume', 'create', 'empty-one');
    const before = readdirSync(out).length;
    const result = await runCli(['restore', newer, '--volume', 'empty-one', '--host', engine.host]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^Volume empty-one is empty: no safety backup needed; restoring ${newer} into it\\.\nRestored \\S+ into the volume empty-one: 5 entries`));
    assert.equal(readdirSync(out).length, before, 'no file was added');
  });

  it('without --confirm-non-empty, says where the current contents would be saved, and changes nothing', async () => {
    const result = await runCli(['restore', newer, '--volume', 'data', '--host', engine.host]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`^stowage: volume data holds 5 entries; restoring over them mixes two states \\(they are saved first, as data-before-restore-<time>\\.tar\\.gz in ${out}\\): type its name to confirm \\(--confirm-non-empty data\\), or restore into a new volume\n$`));
    assert.equal(listing(mountpoint), oldContents);
  });
});
