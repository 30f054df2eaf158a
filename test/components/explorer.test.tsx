// The explorer's views and keys, rendered in a fake terminal from the bundled demo host
// (captured from a real engine holding the seed situations).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { App } from '../../components/App.js';
import { PLAIN_THEME, ThemeContext } from '../../components/parts/theme.js';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { type FeedState, type HostFeed, staticFeed } from '../../src/app/host-feed.js';
import { BINDINGS } from '../../src/keys/bindings.js';
import { frameWhere, frameWith, KEYS, plainFrame, press, type Rendered, renderAt } from '../support/ink.js';

const demo = loadDemoSnapshot();
let rendered: Rendered | null = null;
afterEach(() => rendered?.unmount());

function open(feed: HostFeed = staticFeed(demo, { kind: 'demo' }, loadDemoSnapshot), columns = 130, rows = 40): Rendered {
  rendered = renderAt(<App feed={feed} />, columns, rows);
  return rendered;
}

/** A feed that stays in one state, for states a static snapshot never has. */
function fixedFeed(state: FeedState, onDemo = () => undefined): HostFeed {
  return { getState: () => state, subscribe: () => () => undefined, refresh: () => undefined, openDemo: onDemo, readOnly: false };
}

/** Table rows: selection, marker, a space, then the first cell; not the header, not pane lines. */
const tableRows = (frame: string) =>
  frame.split('\n').filter((line) => /^[> ][ !*i] \w/.test(line) && !/^ {3}[A-Z]{3,}\S*\s+[A-Z]{3,}/.test(line));
const byName = [...demo.containers].map((c) => c.name).sort((a, b) => a.localeCompare(b));

describe('the containers view', () => {
  it('lists every container, biggest first, with the four destinations of the selected one', async () => {
    const app = open();
    const frame = await frameWhere(app, 'every container listed', (f) => tableRows(f).length === demo.containers.length);
    const names = tableRows(frame).map((line) => line.slice(3).split(/\s+/)[0]);
    assert.deepEqual(names.slice(0, 3), ['mysql-in-layer', 'pg-named', 'chatty']);
    assert.equal(names.length, demo.containers.length);
    for (const pane of ['Writable layer 3.1 MB', 'lost on docker rm', 'Bind mounts (0)', 'Volumes (0)', 'tmpfs (0)', 'Log  json-file']) {
      assert.ok(frame.includes(pane), `pane text "${pane}"`);
    }
    assert.match(frame, /DEMO · read-only/);
  });

  it('moves the selection with j and the arrows, and the panes follow', async () => {
    const app = open();
    await frameWith(app, '── mysql-in-layer');
    await press(app, 'j');
    await frameWith(app, '── pg-named');
    assert.match(plainFrame(app), /named pgdata → \/var\/lib\/postgresql\/data/);
    await press(app, KEYS.down, KEYS.up, 'G');
    await frameWith(app, '── web-binds');
    await press(app, 'g');
    await frameWith(app, '── mysql-in-layer');
  });

  it('sorts by the next column with s, and reverses with S', async () => {
    const app = open();
    await press(app, 's');
    let frame = await frameWith(app, 'NAME↑');
    assert.equal(tableRows(frame)[0]?.slice(3).split(' ')[0], byName[0]);
    await press(app, 'S');
    frame = await frameWith(app, 'NAME↓');
    assert.equal(tableRows(frame)[0]?.slice(3).split(' ')[0], byName.at(-1));
  });

  it('filters by name with /, keeps it with Enter and clears it with Esc', async () => {
    const app = open();
    await press(app, '/');
    await frameWith(app, '0 matches'.replace('0', String(demo.containers.length)));
    await press(app, 'p', 'g');
    let frame = await frameWith(app, '2 matches');
    assert.deepEqual(tableRows(frame).map((line) => line.slice(3).split(' ')[0]).sort(), ['pg-anon', 'pg-named']);
    await press(app, KEYS.enter);
    await frameWith(app, '2 matches  Esc clear');
    await press(app, KEYS.escape);
    frame = await frameWhere(app, 'the full list', (f) => tableRows(f).length === demo.containers.length);
    assert.ok(!frame.includes('matches'));
  });

  it('moves the keys between the list and the four panes with Tab and Shift-Tab', async () => {
    const app = open();
    await press(app, KEYS.tab);
    await frameWith(app, '▸Writable layer');
    await press(app, KEYS.tab, KEYS.tab);
    await frameWith(app, '▸Volumes');
    await press(app, KEYS.shiftTab);
    await frameWith(app, '▸Bind mounts');
    await press(app, KEYS.escape);
    await frameWhere(app, 'no focused pane', (f) => !f.includes('▸'));
  });

  it('opens the selected container full-size with Enter, and goes back with Esc', async () => {
    const app = open();
    await press(app, KEYS.enter);
    await frameWhere(app, 'the panes without the list', (f) => f.includes('── mysql-in-layer') && tableRows(f).length === 0);
    await press(app, KEYS.escape);
    await frameWhere(app, 'the list again', (f) => tableRows(f).length > 0);
  });
});

describe('the volumes view', () => {
  it('shows every volume with kind, size and users; dangling ones marked in words and with !', async () => {
    const app = open();
    await press(app, '2');
    const frame = await frameWith(app, '[2 Volumes]');
    const rows = tableRows(frame);
    assert.equal(rows.length, demo.volumes.length);
    const dangling = rows.filter((row) => row.includes('DANGLING'));
    assert.equal(dangling.length, demo.volumes.filter((v) => v.dangling).length);
    assert.ok(dangling.every((row) => ['*', 'i'].includes(row[1] ?? '')), 'a marker, not color alone');
    assert.match(frame, /shared-data\s+named.*shared-reader, shared-wr/);
    assert.match(frame, /shop_dbdata\s+named.*shop\s+shop-db-1/);
    assert.ok(rows.some((row) => /[0-9a-f]{12}.*anonymous/.test(row)));
  });

  it('opens a volume to show who mounts it, where and how', async () => {
    const app = open();
    await press(app, '2', '/');
    await press(app, ...'shared'.split(''), KEYS.enter, KEYS.enter);
    const frame = await frameWith(app, '── shared-data');
    assert.match(frame, /shared-reader \(running\) → \/data ro/);
    assert.match(frame, /shared-writer \(running\) → \/data rw/);
  });
});

describe('the findings view', () => {
  it('lists the findings most severe first, with why and the fix of the selected one', async () => {
    const app = open();
    await press(app, '4');
    const frame = await frameWith(app, 'Why');
    const rows = tableRows(frame);
    const severities = rows.map((row) => row.slice(3).split(/\s+/)[0]);
    const order = ['danger', 'warning', 'info'];
    assert.deepEqual(severities, [...severities].sort((a, b) => order.indexOf(a ?? '') - order.indexOf(b ?? '')));
    assert.ok(rows.every((row) => row[1] === { danger: '!', warning: '*', info: 'i' }[row.slice(3).split(/\s+/)[0] ?? '']));
    assert.match(frame, /Fix\n\s+copy it out/);
    assert.match(frame, /4 Findings \d+ \(\d+!\)/);
  });

  it('marks the rows a finding is about, and notes it under the mount in the panes', async () => {
    const app = open();
    await press(app, '/', ...'socket'.split(''), KEYS.enter);
    const frame = await frameWith(app, '── socket-user');
    assert.match(tableRows(frame)[0] ?? '', /^>! socket-user/);
    assert.match(frame, /rw \/var\/run\/docker\.sock → \/var\/run\/docker\.sock\n.*! socket-user has the Docker engine socket/);
  });
});

describe('the disk view', () => {
  it('breaks down system df with reclaimable bytes, and lists the largest items', async () => {
    const app = open();
    await press(app, '3');
    const frame = await frameWith(app, 'RECLAIMABLE');
    // A table with rules (ink-table) when the body has room, as here.
    assert.match(frame, new RegExp(`Containers[\\s│]+${demo.diskUsage.containers.count}[\\s│]+${demo.diskUsage.containers.activeCount}\\s`));
    assert.match(frame, new RegExp(`Volumes[\\s│]+${demo.diskUsage.volumes.count}\\s`));
    assert.match(frame, /┌─+┬/);
    assert.match(frame, /Largest writable layers \(lost on docker rm\)\n\s+3\.1 MB\s+mysql-in-layer/);
  });

  it('gives the breakdown as text lines when the body is too short for the table', async () => {
    const app = open(undefined, 100, 20);
    await press(app, '3');
    const frame = await frameWith(app, 'RECLAIMABLE');
    assert.doesNotMatch(frame, /┌/);
    assert.match(frame, new RegExp(`Containers\\s+${demo.diskUsage.containers.count}\\s+${demo.diskUsage.containers.activeCount}`));
  });
});

describe('help, sizes and states', () => {
  it('generates the help screen from the key table', async () => {
    const app = open(fixedFeed({ status: 'ready', origin: { kind: 'live' }, snapshot: demo, refreshing: false, error: null, progress: null }), 130, 60);
    await press(app, '?');
    const frame = await frameWith(app, 'Esc or ? closes this help.');
    // No Hosts view without a fleet: its key is not listed.
    for (const binding of BINDINGS) assert.equal(frame.includes(binding.description), !binding.needsHosts, binding.description);
    await press(app, '?');
    await frameWhere(app, 'help closed', (f) => !f.includes('closes this help'));
  });

  it('lists no key that would change the host in a read-only session, in help or the status line', async () => {
    const app = open(undefined, 200, 40);
    let frame = await frameWith(app, 'q quit');
    const statusLine = frame.split('\n').at(-1) ?? '';
    assert.doesNotMatch(statusLine, /prune|backup/);
    await press(app, '?');
    frame = await frameWith(app, 'Esc or ? closes this help.');
    for (const binding of BINDINGS) {
      assert.equal(frame.includes(binding.description), !binding.dangerous && !binding.needsHosts, binding.description);
    }
    await press(app, '?');
    await frameWhere(app, 'help closed', (f) => !f.includes('closes this help'));
  });

  it('says what size it needs below the minimum', async () => {
    const app = open(undefined, 50, 12);
    const frame = await frameWith(app, 'needs a terminal of at least 60×16');
    assert.match(frame, /this one is\s+50×12/);
  });

  it('shows the structure before sizes, with the progress in words', async () => {
    const early = { ...demo, containers: demo.containers.map((c) => ({ ...c, writableLayer: { ...c.writableLayer, sizeBytes: null } })) };
    const app = open(fixedFeed({
      status: 'ready', origin: { kind: 'live' }, snapshot: early, refreshing: false, error: null,
      progress: { inspected: 3, total: 10, diskUsage: 'pending' },
    }));
    await frameWith(app, 'inspecting 3/10 · sizes…');
    const frame = await frameWhere(app, 'every container listed', (f) => tableRows(f).length === demo.containers.length);
    assert.match(tableRows(frame)[0] ?? '', /…/);
  });

  it('explains an unreachable engine and offers the demo', async () => {
    let demoOpened = false;
    const app = open(fixedFeed(
      { status: 'unreachable', address: 'unix:///var/run/docker.sock', message: 'cannot reach the Docker engine at unix:///var/run/docker.sock: no socket' },
      () => void (demoOpened = true),
    ));
    await frameWith(app, 'No Docker engine answered');
    assert.match(plainFrame(app), /d demo/);
    await press(app, 'd');
    await waitForTrue(() => demoOpened);
  });

  it('writes no color with NO_COLOR, and marks the selection with >', async () => {
    rendered = renderAt(
      <ThemeContext.Provider value={PLAIN_THEME}><App feed={staticFeed(demo, { kind: 'demo' }, loadDemoSnapshot)} /></ThemeContext.Provider>,
    );
    await frameWith(rendered, 'Writable layer');
    const frame = rendered.lastFrame() ?? '';
    assert.doesNotMatch(frame, /\x1b\[3\dm/, 'no foreground color codes');
    assert.ok(tableRows(frame).some((row) => row.startsWith('>')));
  });
});

async function waitForTrue(condition: () => boolean) {
  const { waitFor } = await import('../support/wait.js');
  await waitFor('the condition', condition, 2000);
}
