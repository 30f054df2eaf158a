// The built CLI in a real terminal (tmux) against a real engine holding the seed situations:
// navigate, filter, sort, switch views, resize, quit, and the terminal given back as it was.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { createSituations } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';

const rowNames = (screen: string) =>
  screen.split('\n').filter((line) => /^[> ][ !*i] [a-z]/.test(line)).map((line) => line.slice(3).split(/\s+/)[0]);

describe('the explorer in a terminal, on a real engine', () => {
  let engine: RunningEngine;
  let terminal: TmuxTerminal;
  const launch = () => terminal.run(`printf 'BEFORE-STOWAGE\\n'; node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);

  before(async () => {
    engine = await startEngine('26.1');
    await createSituations(engine);
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
  });

  for (const [columns, rows] of [[80, 24], [200, 50]] as const) {
  it(`works at ${columns}x${rows}: navigate, filter, sort, switch views, quit`, async () => {
    terminal?.kill();
    terminal = new TmuxTerminal(columns, rows);
    launch();
    let screen = await terminal.waitForText('── mysql-in-layer');
    assert.match(screen, /\[1 Containers\]/);
    assert.match(screen, /lost on docker rm/);

    terminal.press('j');
    await terminal.waitForText('── pg-named');

    terminal.press('/', 'p', 'g');
    await terminal.waitForText('2 matches');
    terminal.press('Enter');
    screen = await terminal.waitForText('2 matches  Esc clear');
    assert.deepEqual(rowNames(screen).sort(), ['pg-anon', 'pg-named']);
    terminal.press('Escape');
    await terminal.waitForScreen('the filter cleared', (s) => !s.includes('matches') && rowNames(s).length >= 8);

    terminal.press('s');
    screen = await terminal.waitForText('NAME↑');
    assert.equal(rowNames(screen)[0], 'chatty');

    terminal.press('2');
    screen = await terminal.waitForText('[2 Volumes]');
    assert.match(screen, /orphan-uploads\s+named.*DANGLING/);
    terminal.press('3');
    await terminal.waitForText('RECLAIMABLE');
    terminal.press('?');
    await terminal.waitForText('Esc or ? closes this help.');
    terminal.press('Escape', '1');
    await terminal.waitForText('[1 Containers]');
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });
  }

  it('drills into a volume and a writable layer, ncdu-style', async () => {
    terminal?.kill();
    terminal = new TmuxTerminal(100, 30);
    launch();
    await terminal.waitForText('[1 Containers]');
    terminal.press('2', '/', 'p', 'g', 'd', 'Enter');
    await terminal.waitForText('1 match  Esc clear');
    terminal.press('Enter');
    let screen = await terminal.waitForText(/volume pgdata · read on this machine/);
    screen = await terminal.waitForText(/2 MB \[#+\s*\]\s+\d+\.\d%\s+base/);
    terminal.press('Left', 'Escape');
    await terminal.waitForText('[2 Volumes]');
    terminal.press('1', 'Tab', 'Enter');
    screen = await terminal.waitForText('writable layer of mysql-in-layer (what docker rm destroys)');
    terminal.press('Enter');
    await terminal.waitForText(/^\/var\s/m);
    terminal.press('Enter', 'Enter');
    screen = await terminal.waitForText(/\/var\/lib\/mysql\s/);
    assert.match(screen, /3\.1 MB \[#+\]\s+\d+\.\d%\s+ibdata1/);
    assert.match(screen, /\/var\/lib\/mysql\s+1 item, 3\.1 MB here/);
    terminal.press('Left', 'Left', 'Left', 'Left');
    await terminal.waitForText('── mysql-in-layer');
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });

  it('adapts on resize, says what size it needs, and comes back', async () => {
    terminal.kill();
    terminal = new TmuxTerminal(80, 24);
    launch();
    await terminal.waitForText('[1 Containers]');
    terminal.resize(200, 50);
    let screen = await terminal.waitForScreen('the wide layout', (s) => /fixture\/postgres:17\s/.test(s) && rowNames(s).length === 10);
    assert.match(screen.split('\n')[0] ?? '', /API 1\.45 · overlay2/);
    terminal.resize(50, 12);
    screen = await terminal.waitForText('needs a terminal of at least 60×16');
    terminal.resize(80, 24);
    screen = await terminal.waitForText('[1 Containers]');
    assert.doesNotMatch(screen, /needs a terminal/);
  });

  it('quits with q and gives the terminal back', async () => {
    terminal.press('q');
    const screen = await terminal.waitForText('EXIT=0');
    assert.match(screen, /BEFORE-STOWAGE/);
    assert.doesNotMatch(screen, /\[1 Containers\]/, 'the alternate screen is gone');
  });

  it('restores the terminal on Ctrl-C and on SIGTERM', async () => {
    terminal.run('clear');
    launch();
    await terminal.waitForText('[1 Containers]');
    terminal.press('C-c');
    let screen = await terminal.waitForText('EXIT=0');
    assert.doesNotMatch(screen, /\[1 Containers\]/);

    terminal.run('clear');
    launch();
    await terminal.waitForText('[1 Containers]');
    execFileSync('pkill', ['-TERM', '-f', `${CLI} --host ${engine.host}`]);
    screen = await terminal.waitForText('EXIT=143');
    assert.match(screen, /BEFORE-STOWAGE/);
    assert.doesNotMatch(screen, /\[1 Containers\]/);
  });
});
