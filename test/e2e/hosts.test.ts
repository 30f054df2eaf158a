// The Hosts view in a real terminal: three docker contexts (Docker 26.1 with storage mistakes,
// Docker 20.10, and a socket nobody listens on) named on the command line; the rows fill in,
// Enter shows a host's containers, Esc comes back, and another host opens with its own data.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dockerConfigWith } from '../support/contexts.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { deadSocket } from '../support/peers.js';
import { CLI } from '../support/run-cli.js';
import { createSituations } from '../support/situations.js';
import { TmuxTerminal } from '../support/tmux.js';
import { scratchDir } from '../support/scratch.js';

/** The Hosts view's rows: selection, marker, a space, then the host's name and state. */
const hostRow = (screen: string, name: string) => screen.split('\n').find((line) => line.slice(3).startsWith(`${name} `)) ?? '';

describe('the Hosts view in a terminal', () => {
  let modern: RunningEngine;
  let old: RunningEngine;
  let terminal: TmuxTerminal | undefined;
  let scratch: string;
  let config: string;

  before(async () => {
    [modern, old] = await Promise.all([startEngine('26.1'), startEngine('20.10')]);
    await createSituations(modern);
    scratch = scratchDir('stw-hosts-e2e-');
    deadSocket(join(scratch, 'dead.sock'));
    config = dockerConfigWith({ modern: modern.host, old: old.host, gone: `unix://${join(scratch, 'dead.sock')}` });
  });
  after(async () => {
    terminal?.kill();
    await Promise.all([modern?.stop(), old?.stop()]);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const [columns, rows] of [[80, 24], [200, 50]] as const) {
    it(`at ${columns}x${rows}: rows fill in, Enter opens a host, Esc comes back`, async () => {
      terminal?.kill();
      terminal = new TmuxTerminal(columns, rows, { DOCKER_CONFIG: config });
      terminal.run(`node ${CLI} -c modern -c old -c gone --read-only; echo "EXIT=$?"`);
      let screen = await terminal.waitForScreen('every row answered', (s) =>
        /\bok\s+Docker 26\.1\.\d+\s+\d+%/.test(hostRow(s, 'modern')) && /\bok\s+Docker 20\.10\.\d+\s+\d+%/.test(hostRow(s, 'old')) && /\berror\b/.test(hostRow(s, 'gone')), 30_000);
      assert.match(screen, /\[0 Hosts\]/);
      assert.match(screen, /3 hosts: 2 answered, 1 unreachable/);
      assert.match(hostRow(screen, 'gone'), /^ x gone\s+error\s+connection refused on \//, 'the cause, without the address again');
      assert.match(hostRow(screen, 'modern'), /^>! modern/, 'its worst finding is a danger');
      // Every line fits: nothing wraps onto the next row.
      for (const line of screen.split('\n')) assert.ok(line.length <= columns, line);

      // The 26.1 host's own views, with its containers; read-only carries over.
      terminal.press('Enter');
      screen = await terminal.waitForText('── mysql-in-layer', 20_000);
      assert.match(screen, /\[1 Containers\]/);
      assert.match(screen, /read-only/);
      assert.match(screen.split('\n')[0] ?? '', /modern · Docker 26\.1/, 'the header names the host');

      terminal.press('Escape');
      screen = await terminal.waitForText('[0 Hosts]');
      assert.match(screen, /3 hosts: 2 answered, 1 unreachable/);

      // The 20.10 host: none of the 26.1 host's containers.
      terminal.press('j', '2');
      screen = await terminal.waitForScreen('the 20.10 host\'s volumes view', (s) => s.includes('[2 Volumes]') && /Docker 20\.10/.test(s));
      assert.match(screen, /No volumes on this host\./);
      terminal.press('0', 'j', 'Enter');
      screen = await terminal.waitForText('No Docker engine answered');
      assert.match(screen, /connection refused on/);
      terminal.press('Escape');
      await terminal.waitForText('[0 Hosts]');
      terminal.press('q');
      await terminal.waitForText('EXIT=0');
    });
  }

  it('shows one engine reached through links to its socket as one row naming the others, counted once', async () => {
    terminal?.kill();
    const links = ['link-1', 'link-2', 'link-3'];
    for (const link of links) symlinkSync(modern.socketPath, join(scratch, `${link}.sock`));
    const linked = dockerConfigWith({ modern: modern.host, ...Object.fromEntries(links.map((link) => [link, `unix://${join(scratch, `${link}.sock`)}`])) });
    terminal = new TmuxTerminal(200, 50, { DOCKER_CONFIG: linked });
    terminal.run(`node ${CLI} ${links.map((link) => `-c ${link}`).join(' ')} -c modern --read-only; echo "EXIT=$?"`);
    const screen = await terminal.waitForScreen('the one row answered', (s) => /\bok\s+Docker 26\.1\.\d+\s+\d+%/.test(hostRow(s, 'link-1')), 30_000);
    // Its name column (32 wide here) has no room for every name: their count, and the names below.
    assert.match(hostRow(screen, 'link-1'), /^>. link-1 \(\+3\)\s+ok /);
    for (const name of ['link-2', 'link-3', 'modern']) assert.equal(hostRow(screen, name), '', `${name} has no row of its own`);
    assert.match(screen, /1 host: 1 answered/);
    assert.match(screen, /the same engine also as link-2 \(unix:\/\/.*link-2\.sock\), link-3 \(unix:\/\/.*link-3\.sock\), modern \(unix:\/\/.*docker\.sock\)/);
    // The header's total is the one engine's, not four times it.
    const disk = /Disk +(\S+ \S+) on the hosts that answered/.exec(screen)?.[1] ?? '?';
    assert.ok(hostRow(screen, 'link-1').includes(` ${disk} `), `${disk} in: ${hostRow(screen, 'link-1')}`);
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });

  it('with one host, key 0 lists it beside every context, collected when first shown', async () => {
    terminal?.kill();
    terminal = new TmuxTerminal(80, 24, { DOCKER_CONFIG: config });
    terminal.run(`node ${CLI} -c old; echo "EXIT=$?"`);
    let screen = await terminal.waitForText('[1 Containers]', 20_000);
    assert.match(screen, / 0 Hosts /, 'the Hosts tab is there');
    // Esc in a host's view does not leave it before the Hosts view was opened.
    terminal.press('Escape', '2');
    await terminal.waitForText('[2 Volumes]');
    terminal.press('0');
    screen = await terminal.waitForScreen('every context answered or failed', (s) =>
      /\bok\s+Docker 20\.10/.test(hostRow(s, 'old')) && /\bok\s+Docker 26\.1/.test(hostRow(s, 'modern')) && /\berror\b/.test(hostRow(s, 'gone')), 30_000);
    const names = screen.split('\n').filter((line) => /^[> ·][ !*ix] \S/.test(line) && !line.includes('HOST')).map((line) => line.slice(3).split(/\s+/)[0]);
    // (The machine's own Podman socket, if it has one, would come after them.)
    assert.deepEqual(names.slice(0, 4), ['old', 'default', 'gone', 'modern'], 'the open host first, then default and the contexts by name');
    assert.match(hostRow(screen, 'old'), /^>/, 'the open host is selected');
    terminal.press('j', 'j', 'j', 'Enter');
    screen = await terminal.waitForText('── mysql-in-layer', 20_000);
    terminal.press('Escape');
    await terminal.waitForText('[0 Hosts]');
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
  });

  it('a context whose meta.json is a FIFO is a row with its cause, and keys still answer', async () => {
    const trapped = dockerConfigWith({ old: old.host, trap: 'unix:///nonexistent.sock' });
    const meta = join(trapped, 'contexts', 'meta', createHash('sha256').update('trap').digest('hex'), 'meta.json');
    rmSync(meta);
    execFileSync('mkfifo', [meta]);
    terminal?.kill();
    terminal = new TmuxTerminal(80, 24, { DOCKER_CONFIG: trapped });
    terminal.run(`node ${CLI} -c old; echo "EXIT=$?"`);
    await terminal.waitForText('[1 Containers]', 20_000);
    terminal.press('0');
    await terminal.waitForScreen('the FIFO context listed as an error, the other host answered', (s) =>
      /\? \([0-9a-f]{8}.*\berror\b/.test(s) && /\bok\s+Docker 20\.10/.test(hostRow(s, 'old')));
    // Selected, its pane gives the whole cause.
    terminal.press('j', 'j');
    await terminal.waitForText(/is a FIFO, not a regular file/);
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
    rmSync(trapped, { recursive: true, force: true });
  });
});

