// The package a stranger installs: `npm pack`, installed into an empty folder with no registry and
// no dev dependencies, runs from there. The bundle holds everything, so nothing else is installed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Snapshot } from '../../src/model/types.js';
import { docker } from '../support/docker-cli.js';
import { PROJECT_ROOT, type RunningEngine, startEngine } from '../support/engines.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { scratchDir } from '../support/scratch.js';
import { packInto, runInstalled } from '../support/installed.js';

describe('the npm package, installed into an empty folder', () => {
  let folder: string;
  let bin: string;
  let engine: RunningEngine;

  /** Runs the installed `stowage` as a user would, from its own folder, with a bare environment. */
  const stowage = (args: string[], env: NodeJS.ProcessEnv = {}) => runInstalled(bin, args, folder, { PATH: process.env.PATH, HOME: folder, ...env });

  before(async () => {
    folder = scratchDir('stw-package-');
    const tarball = packInto(folder);
    writeFileSync(join(folder, 'package.json'), '{ "private": true }\n');
    execFileSync('npm', ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund', tarball], { cwd: folder, stdio: 'ignore' });
    bin = join(folder, 'node_modules', '.bin', 'stowage');
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    await docker(engine, 'create', '--name', 'packaged-web', '--network', 'none', '-v', 'web-data:/srv', BUSYBOX);
  });
  after(async () => {
    await engine?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('installs stowage and nothing else', () => {
    assert.deepEqual(readdirSync(join(folder, 'node_modules')).filter((name) => !name.startsWith('.')), ['stowage']);
  });

  it('answers --version with the package version, and --help with every command', async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(await stowage(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await stowage(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['check', 'prune', 'backup', 'restore', '--json', '--demo', 'DOCKER_HOST']) assert.ok(help.stdout.includes(command), command);
  });

  it('shows the bundled demo host', async () => {
    const demo = await stowage(['--demo', '--json']);
    assert.equal(demo.code, 0, demo.stderr);
    const snapshot = JSON.parse(demo.stdout) as Snapshot;
    assert.ok(snapshot.containers.length > 5, 'the demo has its containers');
    assert.ok(snapshot.findings.length > 0, 'and its findings');
  });

  it('reads a real engine with --json', async () => {
    const result = await stowage(['--json'], { DOCKER_HOST: engine.host });
    assert.equal(result.code, 0, result.stderr);
    const snapshot = JSON.parse(result.stdout) as Snapshot;
    const web = snapshot.containers.find((container) => container.name === 'packaged-web');
    assert.deepEqual(web?.volumes.map((mount) => [mount.name, mount.destination]), [['web-data', '/srv']]);
  });
});
