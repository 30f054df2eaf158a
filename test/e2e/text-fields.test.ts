// The explorer's text fields (ink-text-input) in a real terminal: what a fast typist or a paste
// sends arrives whole, in one write or in many with no pause, with the cursor keys and backspace.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';

const FORTY = 'abcdefghijklmnopqrstuvwxyz0123456789WXYZ';
const filterLine = (screen: string) => screen.split('\n').find((line) => line.startsWith('/')) ?? '';

describe('text fields in a terminal', () => {
  let terminal: TmuxTerminal;

  before(async () => {
    terminal = new TmuxTerminal(120, 30);
    terminal.run(`node ${CLI} --demo; echo "EXIT=$?"`);
    await terminal.waitForText('DEMO · read-only');
  });
  after(() => terminal?.kill());

  it('takes 40 characters written at once, and 40 written one by one with no pause', async () => {
    terminal.press('/');
    await terminal.waitForText('⏎ keep  Esc clear');
    terminal.type(FORTY);
    await terminal.waitForScreen('the 40 characters in the filter', (screen) => filterLine(screen).startsWith(`/${FORTY} `));
    terminal.press('Escape');
    await terminal.waitForScreen('the filter cleared', (screen) => !screen.includes('Esc clear'));
    terminal.press('/');
    await terminal.waitForText('⏎ keep  Esc clear');
    for (const character of FORTY) terminal.type(character);
    await terminal.waitForScreen('the 40 characters in the filter', (screen) => filterLine(screen).startsWith(`/${FORTY} `));
  });

  it('edits with the cursor keys and backspace, keeps the filter with Enter', async () => {
    terminal.press('BSpace', 'BSpace', 'Left', 'Left');
    terminal.type('-');
    terminal.press('Right', 'Right');
    terminal.type('!');
    const edited = `/${FORTY.slice(0, -4)}-WX!`;
    await terminal.waitForScreen(`the filter reads ${edited}`, (screen) => filterLine(screen).startsWith(`${edited} `));
    terminal.press('C-u', 'C-a', 'M-x');
    terminal.type('?');
    await terminal.waitForScreen('Ctrl and Alt combinations inserting nothing', (screen) => filterLine(screen).startsWith(`${edited}? `));
    terminal.press('Escape');
    terminal.press('/');
    terminal.type('shared\rj');
    const screen = await terminal.waitForScreen('the kept filter, and j moving in the list', (shown) => /2 matches  Esc clear/.test(shown) && /^>. shared-writer/m.test(shown));
    assert.match(screen, /shared-reader/);
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });
});

describe('a typed confirmation in a terminal, on a real engine', () => {
  let engine: RunningEngine;
  let terminal: TmuxTerminal;

  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
    await docker(engine, 'create', '--name', 'left-over', '--network', 'none', BUSYBOX);
    await docker(engine, 'volume', 'create', 'precious-but-unused-volume');
    terminal = new TmuxTerminal(100, 30);
    terminal.run(`node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);
    await terminal.waitForText('[1 Containers]');
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
  });

  it('answers no confirmation with keys typed before it was on screen', async () => {
    // A slow link delivers "p, Enter, y" in one read: the preview opens, and Enter and y are dropped.
    terminal.type('p\ry');
    await terminal.waitForText('Prune: would delete 1 item');
    terminal.press('Escape');
    await terminal.waitForScreen('the dialog closed', (screen) => !screen.includes('Prune'));
    assert.equal(await docker(engine, 'ps', '-aq', '--filter', 'name=left-over').then((ids) => ids.split('\n').filter(Boolean).length), 1, 'nothing was deleted');
  });

  it('takes the volume name typed in one write, and deletes only then', async () => {
    terminal.press('p');
    await terminal.waitForText('Prune: would delete');
    terminal.press('Down', 'Down', 'Space');
    await terminal.waitForText(/volume\s+precious-but-unused-volume/);
    terminal.press('Enter');
    await terminal.waitForText('n or ⏎ no (the default)');
    terminal.press('y');
    await terminal.waitForText("Type the volume's name (precious-but-unused-volume)");
    terminal.type('precious-but-unused-volum');
    terminal.press('Enter');
    await terminal.waitForText('that does not match: nothing was deleted');
    assert.equal(await docker(engine, 'volume', 'ls', '-q'), 'precious-but-unused-volume');
    terminal.type('precious-but-unused-volume\r');
    await terminal.waitForText(/Deleted 2 of 2/);
    assert.equal(await docker(engine, 'volume', 'ls', '-q'), '');
    assert.equal(await docker(engine, 'ps', '-aq'), '');
    terminal.press('Enter', 'q');
    await terminal.waitForText('EXIT=0');
  });
});
