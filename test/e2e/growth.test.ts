// The GROWTH column in a real terminal on a real engine: sorted by growth, the container filling
// the disk fastest comes first within seconds, above a bigger one that does not grow.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTAINER_SORT_KEYS } from '../../components/derive/rows.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';
import { startWriters } from '../support/writers.js';

const rows = (screen: string) =>
  screen.split('\n').filter((line) => /^[> ][ !*i] [a-z]/.test(line)).map((line) => line.slice(3).trimEnd());

describe('the GROWTH column, on a real engine', () => {
  let engine: RunningEngine;
  let terminal: TmuxTerminal | null = null;
  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    await startWriters(engine);
    // Bigger than any writer, and still: first by size, last but one by growth.
    await docker(engine, 'run', '-d', '--name', 'big-idle', '--network', 'none', BUSYBOX, 'sh', '-c', 'dd if=/dev/zero of=/big bs=1048576 count=64 2>/dev/null; exec sleep 100000');
    await docker(engine, 'exec', 'big-idle', 'ls', '/big');
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
  });

  it('sorted by growth, the fastest writer is on top with its rate, the idle ones at 0', async () => {
    terminal = new TmuxTerminal(120, 30);
    terminal.run(`node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);
    let screen = await terminal.waitForScreen('big-idle first by size', (s) => rows(s)[0]?.startsWith('big-idle') === true, 20_000);
    assert.match(screen, /GROWTH/);
    // `s` cycles the sort keys; growth is the last one after size.
    for (let press = 0; press < CONTAINER_SORT_KEYS.indexOf('growth'); press++) terminal.press('s');
    // The log's rate needs two samples of its size: both rows are waited for, each with its rate.
    screen = await terminal.waitForScreen('layer-writer on top, then log-writer, sorted by growth', (s) =>
      s.includes('GROWTH↓') && /^layer-writer .* \+2\d\d kB\/s$/.test(rows(s)[0] ?? '') && /^log-writer .* \+\d\d kB\/s$/.test(rows(s)[1] ?? ''), 30_000);
    const shown = rows(screen);
    assert.match(shown.find((row) => row.startsWith('big-idle')) ?? '', / 0$/);
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });
});
