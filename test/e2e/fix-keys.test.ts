// The fix one key away, on a real engine in a terminal: a container's uncapped log over the size
// of a finding; `f` on that finding empties the log in place while the container keeps writing.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';
import { waitFor } from '../support/wait.js';

const LOG_BYTES = 110 * 1000 * 1000;

describe('the fix of a finding, one key away, on a real engine', () => {
  let engine: RunningEngine;
  let terminal: TmuxTerminal;
  let logPath = '';

  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
    // 110 MB of log at once, then a line a second: the engine goes on writing after the truncation.
    await docker(engine, 'run', '-d', '--name', 'noisy', '--network', 'none', BUSYBOX, 'sh', '-c',
      `head -c ${LOG_BYTES} /dev/zero | tr '\\0' x; while :; do echo alive; sleep 1; done`);
    logPath = await docker(engine, 'inspect', '-f', '{{.LogPath}}', 'noisy');
    await waitFor('the log to pass 110 MB', () => statSync(logPath, { throwIfNoEntry: false })?.size !== undefined && statSync(logPath).size > LOG_BYTES, 60_000);
    terminal = new TmuxTerminal(120, 40);
    terminal.run(`node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);
    await terminal.waitForText('[1 Containers]');
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
  });

  it('empties the log the finding names after a confirmation, and the container keeps running and writing', async () => {
    terminal.press('4');
    await terminal.waitForText(/the log of noisy is 1\d\d(\.\d)? MB/);
    terminal.press('/');
    terminal.type('log of noisy\r');
    await terminal.waitForText('1 match  Esc clear');
    terminal.press('f');
    let screen = await terminal.waitForText('Empty the log of noisy');
    assert.ok(screen.includes(logPath.slice(0, 60)), 'the file is named');
    terminal.press('n');
    await terminal.waitForScreen('the dialog closed on No', (shown) => !shown.includes('Empty the log'));
    assert.ok(statSync(logPath).size > LOG_BYTES, 'No changed nothing');
    terminal.press('f');
    await terminal.waitForText('Empty the log of noisy');
    terminal.press('y');
    screen = await terminal.waitForText(/Emptied the log of noisy: freed 1\d\d(\.\d)? MB/);
    assert.match(screen, /--log-opt max-size=10m/);
    assert.ok(statSync(logPath).size < 1_000_000, 'the space is free');
    assert.equal(await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'noisy'), 'true');
    const after = statSync(logPath).size;
    await waitFor('the engine to write on', () => statSync(logPath).size > after, 10_000);
    assert.match(await docker(engine, 'logs', '--tail', '1', 'noisy'), /alive/);
    terminal.press('Enter', 'q');
    await terminal.waitForText('EXIT=0');
  });

  it('offers T on the containers view too, and refuses it in read-only', async () => {
    terminal.run(`clear; node ${CLI} --host ${engine.host} --read-only; echo "EXIT=$?"`);
    await terminal.waitForText('[1 Containers]');
    terminal.press('T');
    await terminal.waitForText('actions are off with --read-only');
    // Esc and q read together are Alt-q: q waits until the notice has closed.
    terminal.press('Escape');
    await terminal.waitForScreen('the notice closed', (screen) => !screen.includes('actions are off'));
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });
});
