// The explorer's fleet: every host collected at once, each within its deadline. A host that
// accepts connections and never answers is marked "no answer" when its deadline passes, while a
// dead socket is reported at once; the Hosts view's rows say so, and Enter asks to open a host.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { App } from '../../components/App.js';
import { hostRows, hostSummary } from '../../components/views/HostsView.js';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { fleetOf } from '../../src/app/fleet.js';
import { liveFeed, staticFeed } from '../../src/app/host-feed.js';
import type { HostEntry } from '../../src/engine/connection/hosts.js';
import { deadSocket, type Peer, rawPeer } from '../support/peers.js';
import { frameWhere, KEYS, press, renderAt } from '../support/ink.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

const scratch = scratchDir('stw-fleet-unit-');
const peers: Peer[] = [];
after(async () => {
  await Promise.all(peers.map((peer) => peer.close()));
  rmSync(scratch, { recursive: true, force: true });
});

const entry = (name: string, socketPath: string): HostEntry => ({ key: `context:${name}`, name, kind: 'context', address: { kind: 'unix', socketPath, source: `context "${name}"` }, error: null });

describe('the fleet', () => {
  it('marks a hung host "no answer" at its deadline while the others are already reported', async () => {
    const hung = await rawPeer(join(scratch, 'hung.sock'), null);
    peers.push(hung);
    deadSocket(join(scratch, 'dead.sock'));
    const entries = [
      entry('hung', hung.socketPath),
      entry('dead', join(scratch, 'dead.sock')),
      { key: 'context:broken', name: 'broken', kind: 'context' as const, address: null, error: 'context "broken" has no docker endpoint' },
    ];
    // Requests may take 30 s; the host's deadline is 400 ms.
    const fleet = fleetOf(entries, (host) => liveFeed(host.address!, { requestTimeoutMs: 30_000, diskUsageTimeoutMs: 30_000 }, loadDemoSnapshot, true), 400);
    const started = Date.now();
    fleet.start();
    const row = (name: string) => hostRows(fleet, '').find((candidate) => candidate.name === name);
    await waitFor('the dead socket reported', () => row('dead')?.status === 'error', 2000);
    assert.match(row('dead')?.message ?? '', /connection refused/);
    assert.equal(row('hung')?.status, 'connecting', 'not yet past its deadline');
    await waitFor('the hung host past its deadline', () => row('hung')?.status === 'no answer', 3000);
    assert.ok(Date.now() - started >= 400);
    assert.match(row('hung')?.message ?? '', /^unix:\/\/.*hung\.sock gave no answer within 0\.4 s; check that its engine runs, or raise --timeout$/);
    assert.equal(row('broken')?.status, 'error');
    assert.equal(row('broken')?.message, 'context "broken" has no docker endpoint');
    // The filter keeps the rows whose name or address holds the text.
    assert.deepEqual(hostRows(fleet, 'dea').map((candidate) => candidate.name), ['dead']);
  });

  it('a refresh while the engines are still being identified folds each alias into its row once', async () => {
    const dead = join(scratch, 'alias-dead.sock');
    deadSocket(dead);
    const answers: ((identity: string) => void)[] = [];
    const identify = () => new Promise<string | null>((resolve) => answers.push(resolve));
    const fleet = fleetOf([entry('a', dead), entry('b', dead)], (host) => liveFeed(host.address!, { requestTimeoutMs: 1000, diskUsageTimeoutMs: 1000 }, loadDemoSnapshot, true), 5000, new Map(), identify);
    fleet.start();
    fleet.refresh();
    for (const answer of answers.splice(0)) answer('one engine');
    await waitFor('the alias folded', () => hostRows(fleet, '').length === 1, 2000);
    assert.deepEqual(hostRows(fleet, '').map((row) => [row.name, row.alsoAs.map((other) => other.name)]), [['a', ['b']]]);
  });

  it('the Hosts view lists the rows, and Enter opens the selected host', async () => {
    deadSocket(join(scratch, 'dead2.sock'));
    const demo = loadDemoSnapshot();
    const entries = [entry('demo-host', '/nowhere/demo.sock'), entry('gone', join(scratch, 'dead2.sock'))];
    // The first host's feed shows a captured snapshot; the second is a live feed of a dead socket.
    const feeds = new Map([[entries[0]!.key, Object.assign(staticFeed(demo, { kind: 'live' }, loadDemoSnapshot), { start: () => undefined, engineReads: () => null, readOnly: true as const })]]);
    const fleet = fleetOf(entries, (host) => feeds.get(host.key) ?? liveFeed(host.address!, { requestTimeoutMs: 5000, diskUsageTimeoutMs: 5000 }, loadDemoSnapshot, true), 5000);
    fleet.start();
    const opened: string[] = [];
    const rendered = renderAt(
      <App feed={feeds.get(entries[0]!.key)!} hosts={{ fleet, current: entries[0]!.key, open: (key, view) => void opened.push(`${key} ${view}`) }} startOnHosts />,
      80, 24,
    );
    try {
      const frame = await frameWhere(rendered, 'both rows', (f) => /demo-host\s+ok\s+Docker/.test(f) && /gone\s+error\s+connection refused/.test(f));
      assert.match(frame, /\[0 Hosts\]/);
      assert.match(frame, /2 hosts: 1 answered, 1 unreachable/);
      assert.match(frame, /DISK\s+TOTAL\s+RECLAIM\s+WORST FINDING/);
      for (const line of frame.split('\n')) assert.ok(line.length <= 80, line);
      await press(rendered, 'j', KEYS.enter);
      await waitFor('the gone host asked for', () => opened.length > 0, 2000);
      assert.deepEqual(opened, ['context:gone containers']);
      await frameWhere(rendered, 'the containers view', (f) => f.includes('[1 Containers]'));
      // Esc at the top of a host's views: back on the Hosts view.
      await press(rendered, KEYS.escape);
      await frameWhere(rendered, 'the Hosts view again', (f) => f.includes('[0 Hosts]'));
      await press(rendered, 'g', '4');
      await waitFor('the first host asked for', () => opened.length > 1, 2000);
      assert.deepEqual(opened, ['context:gone containers', 'context:demo-host findings']);
    } finally {
      rendered.unmount();
    }
  });

  it('shows a hostile context name and error escaped, on one row', async () => {
    const name = 'evil\u001b]52;c;aGk=\u0007\nrow\u202e';
    const entries: HostEntry[] = [{ key: 'context:evil', name, kind: 'context', address: null, error: `context "${name}" has no docker endpoint` }];
    const fleet = fleetOf(entries, () => { throw new Error('no feed for an entry without an address'); }, 5000);
    const feed = staticFeed(loadDemoSnapshot(), { kind: 'demo' }, loadDemoSnapshot);
    const rendered = renderAt(<App feed={feed} hosts={{ fleet, current: 'none', open: () => undefined }} startOnHosts />, 100, 24);
    try {
      const frame = await frameWhere(rendered, 'the row', (f) => f.includes('evil\\e]52;c;aGk=\\a\\nrow\\u{202e}'));
      const raw = rendered.lastFrame() ?? '';
      assert.doesNotMatch(raw, /\u001b\]|\u0007|\u202e/, 'no control sequence, BEL or bidi override reaches the terminal');
      const rows = frame.split('\n').filter((line) => line.includes('evil'));
      assert.ok(rows.length >= 2, 'the row and the detail title');
      assert.match(rows[0] ?? '', /^>x evil\\e\]52;c;aGk=\\a\\nrow…\s+error\s+context "evil/);
    } finally {
      rendered.unmount();
    }
  });

  it('names the engine as the snapshot does: Podman when Podman serves the API', () => {
    const demo = loadDemoSnapshot();
    const summary = (engine: typeof demo.engine) => {
      const feed = Object.assign(staticFeed({ ...demo, engine }, { kind: 'live' }, loadDemoSnapshot), { start: () => undefined, engineReads: () => null, readOnly: true as const });
      return hostSummary({ entry: entry('one', '/nowhere.sock'), feed, timedOut: false, sameAs: null, alsoAs: [] }, 1000);
    };
    assert.equal(summary({ ...demo.engine, serverVersion: '4.3.1', product: 'podman' }).engine, 'Podman 4.3.1');
    assert.equal(summary({ ...demo.engine, serverVersion: '26.1.5+dfsg1' }).engine, 'Docker 26.1.5');
  });
});
