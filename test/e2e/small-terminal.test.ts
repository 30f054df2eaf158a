// A terminal made too small while a confirmation is open: no key acts on a dialog that is not
// wholly on screen, and the too-small screen reads at every size down to 1×1. A key read in the
// same turn as a resize (one tmux command) is measured against the size it arrived at.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { RESIZE_SETTLE_MS } from '../../components/input/on-screen.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';

const stoppedContainers = (engine: RunningEngine) => docker(engine, 'ps', '-aq', '--filter', 'status=created');
const count = (listing: string) => listing.split('\n').filter(Boolean).length;
/** A dialog drawn at a new size takes keys once a person could have read it: as long as they take, at least. */
const readingIt = () => delay(RESIZE_SETTLE_MS);

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

describe('a key read together with a resize, on a real engine', () => {
  let engine: RunningEngine;
  let terminal: TmuxTerminal;
  const volumes = (engine: RunningEngine) => docker(engine, 'volume', 'ls', '-q', '--filter', 'name=keep-');

  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
    for (const name of ['job-1', 'job-2', 'job-3']) await docker(engine, 'create', '--name', name, '--network', 'none', BUSYBOX);
    for (let index = 1; index <= 8; index++) await docker(engine, 'volume', 'create', `keep-${index}`);
    terminal = new TmuxTerminal(100, 30);
    terminal.run(`node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);
    await terminal.waitForText('[1 Containers]');
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
  });

  it('drops a y read with a resize to 20×5, every time; the confirmation waits, and a y once it is seen deletes', async () => {
    terminal.press('p');
    await terminal.waitForText('Prune: would delete');
    terminal.press('Enter');
    await terminal.waitForText('n or ⏎ no (the default)');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await terminal.resizeAndType(20, 5, 'y');
      await terminal.waitForText('stowage needs');
      terminal.resize(100, 30);
      const screen = await terminal.waitForText('n or ⏎ no (the default)');
      assert.doesNotMatch(screen, /Deleted|Deleting/, `attempt ${attempt}`);
      assert.equal(count(await stoppedContainers(engine)), 3, `nothing was deleted (attempt ${attempt})`);
    }
    // Shown whole again after a resize larger read with the y: that y is dropped too.
    terminal.resize(20, 5);
    await terminal.waitForText('stowage needs');
    await terminal.resizeAndType(100, 30, 'y');
    await terminal.waitForText('n or ⏎ no (the default)');
    assert.equal(count(await stoppedContainers(engine)), 3, 'nothing was deleted after the resize larger');
    await readingIt();
    terminal.press('y');
    await terminal.waitForText(/Deleted 3 of 3/);
    assert.equal(count(await stoppedContainers(engine)), 0);
    terminal.press('Enter');
    await terminal.waitForScreen('the dialog closed', (screen) => !screen.includes('Deleted'));
  });

  it('drops an Enter read with a resize that cuts the typed confirmation, or shows it whole again; text typed then is not taken', async () => {
    terminal.press('p');
    await terminal.waitForText('Prune: would delete');
    terminal.press('j', 'j', ' ');
    await terminal.waitForText(/\[x\] dangling named volumes/);
    terminal.press('Enter');
    await terminal.waitForText('n or ⏎ no (the default)');
    terminal.press('y');
    await terminal.waitForText('Type the number of named volumes (8)');
    terminal.type('8');
    await terminal.waitForText('> 8');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await terminal.resizeAndType(60, 16, '\r');
      await terminal.waitForText('enlarge the terminal to see all of it');
      await terminal.resizeAndType(100, 30, '\r');
      const screen = await terminal.waitForText('Type the number of named volumes (8)');
      assert.doesNotMatch(screen, /Deleted|Deleting|does not match/, `attempt ${attempt}`);
      assert.equal(count(await volumes(engine)), 8, `no volume was deleted (attempt ${attempt})`);
    }
    await terminal.resizeAndType(20, 5, '9');
    await terminal.waitForText('stowage needs');
    terminal.resize(100, 30);
    const screen = await terminal.waitForText('Type the number of named volumes (8)');
    assert.match(screen, /^> 8\s*$/m, 'the 9 typed with the resize was not taken');
    await readingIt();
    terminal.press('Enter');
    await terminal.waitForText(/Deleted (\d+) of \1:/);
    assert.equal(count(await volumes(engine)), 0);
    terminal.press('Enter', 'q');
    await terminal.waitForText('EXIT=0');
  });
});
