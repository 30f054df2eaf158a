// Prune, backup and restore as a person does them in the explorer, in tmux, on a real engine:
// key, plan, confirm, progress, result.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

describe('actions in the explorer, on a real engine', () => {
  let engine: RunningEngine;
  let terminal: TmuxTerminal;
  const folder = scratchDir('stw-e2e-backups-');

  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    await docker(engine, 'create', '--name', 'stopped-job', '--network', 'none', BUSYBOX);
    await docker(engine, 'volume', 'create', 'keep-me');
    await docker(engine, 'volume', 'create', 'appdata');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'appdata:/d', BUSYBOX, 'sh', '-c', 'for i in $(seq 1 50); do echo $i > /d/f$i; done');
    await docker(engine, 'run', '-d', '--name', 'app', '--network', 'none', '-v', 'appdata:/d', BUSYBOX);
    terminal = new TmuxTerminal(100, 30);
    terminal.run(`cd ${folder} && node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);
    await terminal.waitForText('[1 Containers]');
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
  });

  it('prunes: preview by kind, confirm (default No), then exactly the previewed items', async () => {
    terminal.press('p');
    let screen = await terminal.waitForText('Prune: would delete');
    assert.match(screen, /\[x\] stopped containers.*: 1,/);
    assert.match(screen, /\[ \] dangling named volumes/);
    assert.match(screen, /container\s+stopped-job/);
    assert.doesNotMatch(screen, /keep-me/, 'named volumes are left out unless chosen');
    terminal.press('Enter');
    await terminal.waitForText('n or ⏎ no (the default)');
    terminal.press('Enter');
    await terminal.waitForText('Prune: would delete');
    terminal.press('Enter');
    await terminal.waitForText('n or ⏎ no (the default)');
    terminal.press('y');
    screen = await terminal.waitForText(/Deleted 1 of 1: freed/);
    assert.match(screen, /gone\s+container\s+stopped-job/);
    terminal.press('Enter');
    assert.equal(await docker(engine, 'ps', '-aq', '--filter', 'name=stopped-job'), '');
    assert.equal(await docker(engine, 'volume', 'ls', '-q', '--filter', 'name=keep-me'), 'keep-me');
  });

  it('backs up a volume: plan with its live writer, progress, verified result', async () => {
    terminal.press('2', '/');
    terminal.press(...'appdata'.split(''), 'Enter');
    await terminal.waitForText('1 match  Esc clear');
    terminal.press('b');
    let screen = await terminal.waitForText('── Back up');
    assert.match(screen, /app is running and writes to it \(\/d\)/);
    assert.match(screen, /Choose: s stop them/);
    terminal.press('l');
    await terminal.waitForText('Copying live');
    terminal.press('Enter');
    screen = await terminal.waitForText('Backup written and verified', 30_000);
    const written = readdirSync(folder).filter((name) => name.startsWith('appdata-'));
    assert.equal(written.length, 3, written.join(', '));
    assert.ok(written.some((name) => name.endsWith('.tar.gz.sha256')) && written.some((name) => name.endsWith('.manifest.json')));
    terminal.press('Enter');
  });

  it('restores that backup into a new volume from the volumes view', async () => {
    terminal.press('R');
    await terminal.waitForText('Restore a backup of appdata');
    terminal.press('Enter');
    await terminal.waitForText('into the new volume appdata-restored-');
    terminal.press('y');
    const screen = await terminal.waitForText(/Restored into appdata-restored-\S+/, 30_000);
    const volume = /Restored into (appdata-restored-\S+)/.exec(screen)?.[1] ?? '';
    assert.match(screen, /50 entries/);
    assert.equal(await docker(engine, 'volume', 'ls', '-q', '--filter', `name=${volume}`), volume);
    terminal.press('Enter', 'q');
    await terminal.waitForText('EXIT=0');
  });

  it('starts the containers it stopped again when terminated mid-backup', async () => {
    const backupsBefore = readdirSync(folder).filter((name) => name.endsWith('.tar.gz')).length;
    // Data that does not compress: the backup lasts seconds, long enough to be caught in the middle.
    await docker(engine, 'exec', 'app', 'dd', 'if=/dev/urandom', 'of=/d/random', 'bs=1M', 'count=128');
    terminal.run(`clear; node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);
    await terminal.waitForText('[1 Containers]');
    terminal.press('2', '/');
    terminal.press(...'appdata'.split(''), 'Enter');
    await terminal.waitForText(/^>\s+appdata\s/m);
    terminal.press('b');
    await terminal.waitForText('── Back up');
    terminal.press('s');
    await terminal.waitForText('They will be stopped');
    terminal.press('Enter');
    await waitFor('app to be stopped', async () => (await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'app')) === 'false', 30_000);
    execFileSync('pkill', ['-TERM', '-f', `${CLI} --host ${engine.host}`]);
    await terminal.waitForText('EXIT=143', 60_000);
    assert.equal(await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'app'), 'true');
    assert.equal(readdirSync(folder).filter((name) => name.endsWith('.tar.gz')).length, backupsBefore, 'no new backup under a final name');
  });

  it('refuses every action in the demo, and says why', async () => {
    terminal.run(`clear; node ${CLI} --demo; echo "EXIT=$?"`);
    await terminal.waitForText('DEMO · read-only');
    for (const key of ['p', 'b']) {
      terminal.press(key);
      await terminal.waitForText('actions are off with --read-only, --demo and --snapshot');
      terminal.press('Escape');
      await terminal.waitForScreen('the notice closed', (screen) => !screen.includes('actions are off'));
    }
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
    assert.equal(existsSync(join(folder, 'nothing')), false);
  });
});
