// A terminal made too small while a confirmation is open: no key acts on a dialog that is not
// wholly on screen, and the too-small screen reads at every size down to 1×1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';

const stoppedContainers = (engine: RunningEngine) => docker(engine, 'ps', '-aq', '--filter', 'status=created');

describe('the explorer in a terminal too small for it, on a real engine', () => {
  let engine: RunningEngine;
  let terminal: TmuxTerminal;

  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
    for (const name of ['job-1', 'job-2', 'job-3']) await docker(engine, 'create', '--name', name, '--network', 'none', BUSYBOX);
    terminal = new TmuxTerminal(100, 30);
    terminal.run(`node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);
    await terminal.waitForText('[1 Containers]');
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
  });

  it('takes no y while the prune confirmation is off screen, and asks again once it is back', async () => {
    terminal.press('p');
    await terminal.waitForText('Prune: would delete');
    terminal.press('Enter');
    await terminal.waitForText('n or ⏎ no (the default)');
    terminal.resize(40, 8);
    await terminal.waitForText('needs a terminal of at least 60×16');
    terminal.press('y', 'y', 'Enter');
    await terminal.waitForText('3 keys ignored');
    terminal.resize(100, 30);
    const screen = await terminal.waitForText('n or ⏎ no (the default)');
    assert.doesNotMatch(screen, /Deleted|Deleting/);
    assert.equal((await stoppedContainers(engine)).split('\n').length, 3, 'nothing was deleted');
    terminal.press('Escape');
    await terminal.waitForScreen('the dialog closed', (s) => !s.includes('Prune'));
  });

  it('says what it needs at every size down to 1×1, each line within the width', async () => {
    for (const [columns, rows, text] of [[59, 24, 'needs a terminal of at least 60×16'], [30, 4, 'stowage needs 60×16'], [12, 3, 'needs 60×16'], [5, 2, '60×16'], [1, 1, 'q']] as const) {
      terminal.resize(columns, rows);
      const screen = await terminal.waitForText(text);
      const lines = screen.split('\n');
      assert.ok(lines.every((line) => line.length <= columns), `lines within ${columns} columns:\n${screen}`);
    }
    terminal.resize(100, 30);
    await terminal.waitForText('[1 Containers]');
  });

  it('keeps the keys of the hidden views from acting while too small', async () => {
    terminal.resize(40, 8);
    await terminal.waitForText('needs a terminal of at least 60×16');
    terminal.press('p');
    await terminal.waitForText('1 key ignored');
    terminal.resize(100, 30);
    const screen = await terminal.waitForText('[1 Containers]');
    assert.doesNotMatch(screen, /Prune: would delete/);
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });
});
