// The SSH drop, as it happens: the explorer runs a backup that stopped its writer, and the
// terminal goes away (tmux killed: the pseudo-terminal closes, SIGHUP). The writer runs again,
// and no partial file or helper is left; a later explorer start finds nothing to undo.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

const stowageRuns = (host: string) => {
  try {
    return execFileSync('pgrep', ['-f', `${CLI} --host ${host}`], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};

describe('the explorer loses its terminal mid-backup', () => {
  let engine: RunningEngine;
  let terminal: TmuxTerminal;
  const folder = scratchDir('stw-e2e-hangup-');

  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    await docker(engine, 'volume', 'create', 'appdata');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'appdata:/d', BUSYBOX, 'dd', 'if=/dev/urandom', 'of=/d/random', 'bs=1M', 'count=160');
    await docker(engine, 'run', '-d', '--name', 'app', '--network', 'none', '-v', 'appdata:/d', BUSYBOX);
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
  });

  it('starts the stopped writer again and leaves nothing half-done', async () => {
    terminal = new TmuxTerminal(100, 30);
    terminal.run(`cd ${folder} && node ${CLI} --host ${engine.host}`);
    await terminal.waitForText('[1 Containers]');
    terminal.press('2', '/');
    terminal.press(...'appdata'.split(''), 'Enter');
    await terminal.waitForText(/^>\s+appdata\s/m);
    terminal.press('b');
    await terminal.waitForText('── Back up');
    terminal.press('s');
    await terminal.waitForText('They will be stopped');
    terminal.press('Enter');
    await waitFor('app to be stopped and the backup writing', async () =>
      readdirSync(folder).some((name) => name.includes('.partial-')) && (await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'app')) === 'false', 30_000);
    terminal.kill();
    await waitFor('stowage to end', () => !stowageRuns(engine.host), 60_000);
    assert.equal(await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'app'), 'true', 'app runs again');
    assert.deepEqual(readdirSync(folder), [], 'no partial file, no backup under a final name');
    assert.equal(await docker(engine, 'ps', '-aq', '--filter', 'label=io.stowage.helper'), '', 'no helper container');
  });
});
