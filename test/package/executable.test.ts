// The single executable as a stranger uses it: dist/stowage copied alone into an empty folder and
// run with an empty environment (no node on PATH, no node_modules, no repository), against a real
// engine: read, check, back up and restore, and the explorer in a real terminal.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Snapshot } from '../../src/model/types.js';
import { docker } from '../support/docker-cli.js';
import { PROJECT_ROOT, type RunningEngine, startEngine } from '../support/engines.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';
import { scratchDir } from '../support/scratch.js';
import { runInstalled } from '../support/installed.js';

describe('the single executable, copied alone into an empty folder', () => {
  let folder: string;
  let home: string;
  let exe: string;
  let engine: RunningEngine;
  let terminal: TmuxTerminal | undefined;

  /** Runs the copied executable from its folder as `env -i PATH=/nonexistent HOME=<empty>` would. */
  const stowage = (args: string[], env: NodeJS.ProcessEnv = {}) => runInstalled(exe, args, folder, { PATH: '/nonexistent', HOME: home, ...env });

  before(async () => {
    // What CI needs: the executable is built here, from the build `npm test` just made.
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts/build-exe.mjs')], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    folder = scratchDir('stw-exe-');
    home = scratchDir('stw-exe-home-');
    exe = join(folder, 'stowage');
    copyFileSync(join(PROJECT_ROOT, 'dist/stowage'), exe);
    execFileSync('chmod', ['755', exe]);
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    await docker(engine, 'volume', 'create', 'exe-data');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'exe-data:/d', BUSYBOX, 'sh', '-c', 'mkdir -p /d/a && echo hello > /d/a/file && seq 1 20000 > /d/numbers');
    await docker(engine, 'create', '--name', 'exe-web', '--network', 'none', '-v', 'exe-data:/srv', BUSYBOX);
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
    for (const path of [folder, home]) if (path) rmSync(path, { recursive: true, force: true });
  });

  it('is one file holding its own node: nothing else in its folder, no node on PATH', () => {
    assert.deepEqual(readdirSync(folder), ['stowage']);
    assert.ok(statSync(exe).size > 20e6, 'node is inside it');
  });

  it('answers --version with the package version, and --help with every command, writing nothing to stderr', async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(await stowage(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await stowage(['--help']);
    assert.equal(help.code, 0);
    assert.equal(help.stderr, '');
    for (const command of ['check', 'prune', 'backup', 'restore', '--json', '--demo', 'DOCKER_HOST']) assert.ok(help.stdout.includes(command), command);
  });

  it('starts with the code cache it was built with', async () => {
    const result = await stowage(['--version'], { STOWAGE_CODE_CACHE_REPORT: '1' });
    assert.equal(result.stderr, 'code cache used\n');
  });

  it('shows the demo host it holds, and checks a saved snapshot', async () => {
    const demo = await stowage(['--demo', '--json']);
    assert.equal(demo.code, 0, demo.stderr);
    const snapshot = JSON.parse(demo.stdout) as Snapshot;
    assert.ok(snapshot.containers.some((container) => container.name === 'app-user'));
    assert.ok(snapshot.findings.length > 0);
    const file = join(folder, 'demo.json');
    writeFileSync(file, demo.stdout);
    const check = await stowage(['check', '--snapshot', file]);
    assert.equal(check.code, 3, check.stderr);
    assert.match(check.stdout, /mysql-in-layer/);
    rmSync(file);
  });

  it('reads a real engine with --json', async () => {
    const result = await stowage(['--json', '--host', engine.host]);
    assert.equal(result.code, 0, result.stderr);
    const snapshot = JSON.parse(result.stdout) as Snapshot;
    const web = snapshot.containers.find((container) => container.name === 'exe-web');
    assert.deepEqual(web?.volumes.map((mount) => [mount.name, mount.destination]), [['exe-data', '/srv']]);
  });

  it('backs a volume up and restores it into a new one, the same files', async () => {
    const out = scratchDir('stw-exe-out-');
    try {
      const backup = await stowage(['backup', '--volume', 'exe-data', '--output', out, '--host', engine.host]);
      assert.equal(backup.code, 0, backup.stderr);
      const archive = readdirSync(out).find((name) => name.endsWith('.tar.gz'));
      assert.ok(archive, `a .tar.gz in ${readdirSync(out).join(', ')}`);
      const restore = await stowage(['restore', join(out, archive), '--volume', 'exe-restored', '--host', engine.host]);
      assert.equal(restore.code, 0, restore.stderr);
      const listing = (volume: string) =>
        docker(engine, 'run', '--rm', '--network', 'none', '-v', `${volume}:/d:ro`, BUSYBOX, 'sh', '-c', 'cd /d && find . | sort && md5sum a/file numbers');
      assert.equal(await listing('exe-restored'), await listing('exe-data'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('prunes what it previews', async () => {
    await docker(engine, 'create', '--name', 'exe-stopped', '--network', 'none', BUSYBOX);
    const result = await stowage(['prune', '--kinds', 'stopped-containers', '--yes', '--host', engine.host]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await docker(engine, 'ps', '-aq', '--filter', 'name=exe-stopped')).trim(), '');
  });

  it('opens the explorer in a terminal, lists the containers, drills into a volume, and quits cleanly', async () => {
    await docker(engine, 'create', '--name', 'exe-web-2', '--network', 'none', BUSYBOX);
    terminal = new TmuxTerminal(120, 40);
    terminal.run(`cd ${folder} && env -i PATH=/nonexistent HOME=${home} TERM=xterm-256color ./stowage --host ${engine.host}; echo "EXIT=$?"`);
    const screen = await terminal.waitForText('exe-web-2', 30_000);
    assert.match(screen, /\[1 Containers\]/);
    // A drill-down into a volume, read on this machine (no find on PATH: the walk in Node).
    terminal.press('2', '/', 'e', 'x', 'e', '-', 'd', 'Enter');
    await terminal.waitForText('1 match  Esc clear');
    terminal.press('Enter');
    await terminal.waitForText(/volume exe-data · read on this machine/);
    await terminal.waitForText(/\d+ kB \[#+\s*\]\s+\d+\.\d%\s+numbers/);
    terminal.press('Left', 'Escape', '1');
    await terminal.waitForText('[1 Containers]');
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });
});
