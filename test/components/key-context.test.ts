// What a key press is handled with, built from the explorer as it is at that press: the demo
// host's snapshot, the real dialog, tree and fleet stores, and what the frames showed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKeyContext, type KeySources } from '../../components/input/key-context.js';
import { onScreen } from '../../components/input/on-screen.js';
import { type AppEvent, type AppState, initialAppState } from '../../components/state/app-state.js';
import { dialogStore } from '../../components/state/dialog-store.js';
import { openPrune } from '../../components/dialogs/prune-dialog.js';
import { screenOf } from '../../components/dialogs/dialog.js';
import { hostRows } from '../../components/views/HostsView.js';
import { viewDataFor, viewListCache } from '../../components/views/view-data.js';
import { LOGS_NOT_REACHABLE } from '../../src/actions/truncate-log.js';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { fleetOf } from '../../src/app/fleet.js';
import { type FeedState, staticFeed } from '../../src/app/host-feed.js';
import { treeStore, type TreeState } from '../../src/app/tree-store.js';
import type { HostViewName } from '../../src/keys/views.js';
import { addEntry, newTree } from '../../src/model/tree.js';

const demo = loadDemoSnapshot();
const feed = staticFeed(demo, { kind: 'demo' }, loadDemoSnapshot);
const LAYOUT = { height: 30, width: 120, sizesPending: false, growth: null };

/** The sources for `state` on the demo host at 120×40, every frame counted as drawn; `events` records what was dispatched. */
function sourcesFor(state: AppState, overrides: Partial<KeySources> = {}, events: AppEvent[] = []): KeySources {
  const feedState = overrides.feedState ?? feed.getState();
  const snapshot = feedState.status === 'ready' ? feedState.snapshot : null;
  return {
    state, dispatch: (event) => void events.push(event), feed, feedState,
    trees: null, treeState: { status: 'closed' }, dialogs: dialogStore(null),
    frames: onScreen(() => ({ columns: 120, rows: 40 }), { framesReported: false, settleMs: 0 }),
    fieldHadKeys: false,
    data: viewDataFor(viewListCache(), snapshot, LAYOUT)(state),
    hostsData: () => ({ rows: [], state, height: LAYOUT.height, width: LAYOUT.width, current: '' }),
    bodyHeight: LAYOUT.height,
    session: { changeable: false, directory: '/backups', logsReachable: false },
    hosts: null, exit: () => undefined, ignored: () => undefined,
    ...overrides,
  };
}

const at = (view: AppState['view'], changes: Partial<AppState> = {}): AppState => ({ ...initialAppState, view, ...changes });
const selecting = (view: 'containers' | 'volumes' | 'findings' | 'hosts', index: number, changes: Partial<AppState> = {}) =>
  at(view === 'hosts' ? 'hosts' : view, { positions: { ...initialAppState.positions, [view]: { selectedKey: null, index, top: 0 } }, ...changes });
/** The rows as the views list them, for `state`. */
const rowsAt = (state: AppState) => viewDataFor(viewListCache(), demo, LAYOUT)(state)!;
const biggestContainers = rowsAt(at('containers')).containers;

function scannedTree(): TreeState {
  const tree = newTree('data');
  addEntry(tree, ['base'], 4096, true);
  addEntry(tree, ['base', 'big'], 9_000_000, false);
  addEntry(tree, ['pg_hba.conf'], 100, false);
  return { status: 'done', target: { kind: 'volume', name: 'pgdata', mountpoint: null }, tree, progress: { items: 3, bytes: 9_004_196 }, method: 'local', error: null, version: 1 };
}

describe('the key context: where a press lands', () => {
  it('lands in the open dialog over anything, then the Hosts view, an engine that does not answer, the drill-down, else the view', () => {
    const dialogs = dialogStore(null);
    dialogs.open(openPrune(demo, true), demo);
    assert.equal(buildKeyContext(sourcesFor(at('hosts'), { dialogs })).scope, 'dialog');
    const unreachable: FeedState = { status: 'unreachable', address: 'unix:///var/run/docker.sock', message: 'no socket' };
    assert.equal(buildKeyContext(sourcesFor(at('hosts'), { feedState: unreachable })).scope, 'hosts');
    assert.equal(buildKeyContext(sourcesFor(at('volumes'), { feedState: unreachable })).scope, 'unreachable');
    assert.equal(buildKeyContext(sourcesFor(at('volumes'), { treeState: scannedTree() })).scope, 'tree');
    assert.equal(buildKeyContext(sourcesFor(at('disk'))).scope, 'disk');
  });

  it('judges the terminal too small at the size it has as the press is handled', () => {
    const sized = (columns: number, rows: number) => onScreen(() => ({ columns, rows }), { framesReported: false, settleMs: 0 });
    assert.equal(buildKeyContext(sourcesFor(initialAppState, { frames: sized(59, 40) })).interrupt.tooSmall, true);
    assert.equal(buildKeyContext(sourcesFor(initialAppState, { frames: sized(120, 15) })).interrupt.tooSmall, true);
    assert.equal(buildKeyContext(sourcesFor(initialAppState, { frames: sized(60, 16) })).interrupt.tooSmall, false);
  });

  it('lets a dialog take keys only once a frame showed all of it at the size the terminal has now', () => {
    const dialogs = dialogStore(null);
    dialogs.open(openPrune(demo, true), demo);
    let size = { columns: 120, rows: 40 };
    const frames = onScreen(() => size, { framesReported: true, settleMs: 0 });
    const shown = () => buildKeyContext(sourcesFor(initialAppState, { dialogs, frames })).dialog?.shown;
    assert.equal(shown(), false, 'laid out, not yet drawn');
    frames.laidOut({ dialog: screenOf(dialogs.getState()), ...size });
    frames.drawn();
    assert.equal(shown(), true);
    size = { columns: 100, rows: 40 };
    assert.equal(shown(), false, 'the terminal was resized since');
    assert.equal(buildKeyContext(sourcesFor(initialAppState)).dialog, null, 'no dialog open');
  });
});

describe('the key context: what the keys act on', () => {
  it('acts on the selected container, volume and finding of the state the last key left', () => {
    const container = buildKeyContext(sourcesFor(selecting('containers', 1))).commands.host?.selectedContainer();
    assert.equal(container?.name, biggestContainers[1]?.name);
    const { volumes, findings } = rowsAt(initialAppState);
    assert.equal(buildKeyContext(sourcesFor(selecting('volumes', 2))).commands.host?.selectedVolume(), volumes[2]?.name);
    assert.equal(buildKeyContext(sourcesFor(selecting('findings', 1))).commands.host?.selectedFinding(), findings[1]);
  });

  it('drills into the selected volume, or the selected container\'s layer or first volume from their panes, and nowhere else', () => {
    const trees = treeStore(() => null);
    const target = (state: AppState) => buildKeyContext(sourcesFor(state, { trees })).commands.host?.drillTarget();
    const volume = demo.volumes.find((candidate) => candidate.name === rowsAt(at('volumes')).volumes[0]?.name)!;
    assert.deepEqual(target(at('volumes')), { kind: 'volume', name: volume.name, mountpoint: volume.mountpoint });
    const first = biggestContainers[0]!;
    assert.deepEqual(target(at('containers', { pane: 'layer' })), { kind: 'layer', containerId: first.id, containerName: first.name, path: first.writableLayer.path });
    const withVolume = biggestContainers.findIndex((candidate) => candidate.volumes.length > 0);
    const mounted = demo.volumes.find((candidate) => candidate.name === biggestContainers[withVolume]?.volumes[0]?.name)!;
    assert.deepEqual(target(selecting('containers', withVolume, { pane: 'volumes' })), { kind: 'volume', name: mounted.name, mountpoint: mounted.mountpoint });
    assert.equal(target(at('containers')), null, 'the list itself opens full-size instead');
    assert.equal(target(at('findings')), null);
    assert.equal(buildKeyContext(sourcesFor(at('volumes'))).commands.host?.drillTarget(), null, 'no drill-down without a tree store');
  });

  it('opens dialogs that change nothing on a host that may not be changed, and refuses a log it cannot reach', () => {
    const dialogs = dialogStore(null);
    const host = buildKeyContext(sourcesFor(initialAppState, { dialogs })).commands.host!;
    host.open.prune();
    assert.equal(dialogs.getState()?.kind, 'notice');
    assert.match(JSON.stringify(dialogs.getState()), /Pruning would change the host/);
    const writable = dialogStore(null);
    const live = buildKeyContext(sourcesFor(initialAppState, { dialogs: writable, session: { changeable: true, directory: '/backups', logsReachable: false } })).commands.host!;
    live.open.truncate(biggestContainers[0]!);
    assert.ok(JSON.stringify(writable.getState()).includes(LOGS_NOT_REACHABLE.slice(0, 40)), 'says why the log cannot be emptied from here');
    live.open.prune();
    assert.equal(writable.getState()?.kind, 'prune');
  });

  it('has nothing for the commands or the list keys before a snapshot is there, but the Hosts view still moves', () => {
    const connecting: FeedState = { status: 'connecting', address: 'unix:///var/run/docker.sock' };
    const context = buildKeyContext(sourcesFor(at('containers'), { feedState: connecting }));
    assert.equal(context.commands.host, null);
    assert.equal(context.view, null);
    assert.deepEqual(buildKeyContext(sourcesFor(at('hosts'), { feedState: connecting })).view?.list().rowKeys, []);
  });

  it('moves through the open directory of the drill-down, and knows a directory from a file', () => {
    const treeState = scannedTree();
    const tree = (position: number) => buildKeyContext(sourcesFor(at('volumes', { treePosition: { selectedKey: null, index: position, top: 0 } }), { trees: treeStore(() => null), treeState })).tree!;
    assert.deepEqual(tree(0).list().rowKeys, ['base', 'pg_hba.conf'], 'biggest first');
    assert.equal(tree(0).selectedDirectory(), 'base');
    assert.equal(tree(1).selectedDirectory(), null);
    assert.equal(buildKeyContext(sourcesFor(at('volumes'), { treeState })).tree, null, 'no tree store: nothing to move through');
  });
});

describe('the key context: the Hosts view', () => {
  const entries = ['prod', 'staging'].map((name) => ({ key: `context:${name}`, name, kind: 'context' as const, address: null, error: 'no such context' }));

  it('opens the selected host, shows the Hosts view (collecting every host the first time) and goes back there once shown', () => {
    const fleet = fleetOf(entries, () => assert.fail('no host here has an address'), 1000);
    const opened: [string, HostViewName][] = [];
    let marked = false;
    const events: AppEvent[] = [];
    const state = selecting('hosts', 1);
    const sources = sourcesFor(state, {
      hostsData: () => ({ rows: hostRows(fleet, ''), state, height: 30, width: 120, current: 'context:prod' }),
      hosts: { control: { fleet, current: 'context:prod', open: (key, view) => void opened.push([key, view]) }, shown: false, markShown: () => void (marked = true) },
    }, events);
    const hosts = buildKeyContext(sources).hosts!;
    assert.equal(hosts.selected(), 'context:staging');
    assert.equal(hosts.backGoesThere, false, 'not shown yet: Esc stays on the host');
    hosts.open('context:staging', 'volumes');
    assert.deepEqual(opened, [['context:staging', 'volumes']]);
    assert.deepEqual(events, [{ type: 'hostOpened', view: 'volumes' }]);
    hosts.show();
    assert.equal(marked, true);
    assert.equal(fleet.getState().started, true);
    assert.deepEqual(events.at(-1), { type: 'showHosts' });
    assert.equal(buildKeyContext({ ...sources, hosts: { ...sources.hosts!, shown: true } }).hosts?.backGoesThere, true);
    assert.equal(buildKeyContext(sourcesFor(state)).hosts, null, 'no Hosts view in the demo');
  });
});
