import { render } from 'ink';
import { useSyncExternalStore } from 'react';
import type { Fleet } from '../src/app/fleet.js';
import { isLocal } from '../src/engine/connection/address.js';
import { engineTitle } from '../src/model/engine-name.js';
import type { TreeStore } from '../src/app/tree-store.js';
import type { DialogStore } from './state/dialog-store.js';
import type { HostsControl } from './views/HostsView.js';
import { guard, installExitGuard } from '../src/actions/exit-guard.js';
import { dialogRunner } from '../src/app/dialog-runner.js';
import { type GrowthSampler, growthSampler, growthStore } from '../src/app/growth-sampler.js';
import type { HostFeed, LiveFeed } from '../src/app/host-feed.js';
import { createStore } from '../src/app/store.js';
import { treeStore } from '../src/app/tree-store.js';
import { frameStream } from '../src/tui/frame-stream.js';
import { enterAlternateScreen } from '../src/tui/fullscreen.js';
import { windowSize } from '../src/tui/window-size.js';
import { App } from './App.js';
import { dialogStore } from './state/dialog-store.js';
import { type OnScreen, onScreen, RESIZE_SETTLE_MS } from './input/on-screen.js';
import { ThemeContext, themeFor } from './parts/theme.js';

/** Many hosts: the fleet the Hosts view shows, and which of its hosts is shown first. */
export interface ExplorerHosts {
  fleet: Fleet;
  /** The key of the host `feed` is. */
  first: string;
  /** Several hosts were named: open on the Hosts view (and collect them all at once). */
  startOnHosts: boolean;
}

/** What the explorer holds for one host: its feed, and the stores made for it. */
interface Session {
  key: string;
  feed: HostFeed | LiveFeed;
  trees: TreeStore | null;
  dialogs: DialogStore;
  logsReachable: boolean;
  /** Undo what a killed run left on this host, once it answers; then null. */
  recovering: (() => void) | null;
}

function sessionFor(key: string, feed: HostFeed | LiveFeed, logsReachable: boolean): Session {
  const live = 'engineReads' in feed ? feed : null;
  // A read-only session holds no engine that writes, and no runner: nothing in it can change the host.
  const writable = live && !live.readOnly ? live : null;
  const engine = () => writable?.engine() ?? null;
  const runner = !writable
    ? null
    : dialogRunner({
        engine,
        engineDescription: () => {
          const state = feed.getState();
          return state.status === 'ready' ? `${state.snapshot.engine.host} (${engineTitle(state.snapshot.engine)})` : 'unknown';
        },
        changed: () => feed.refresh(),
      });
  const dialogs = dialogStore(runner);
  const session: Session = { key, feed, trees: live ? treeStore(() => live.engineReads(), engine) : null, dialogs, logsReachable, recovering: null };
  // On a live engine that may be changed, what a killed run left is undone first, and said.
  if (writable) {
    session.recovering = feed.subscribe(() => {
      if (!engine()) return;
      session.recovering?.();
      session.recovering = null;
      dialogs.recover();
    });
    // Opened after it answered (from the Hosts view): at once.
    if (engine()) {
      session.recovering();
      session.recovering = null;
      dialogs.recover();
    }
  }
  return session;
}

/** The host on screen, and the switch to another: its growth is sampled only while it is shown. */
function sessionSwitch(first: Session, hosts: ExplorerHosts | null) {
  const current = createStore(first);
  const sessions = new Map([[first.key, first]]);
  let growth = 'engineReads' in first.feed ? sampleGrowth(first.feed) : null;
  return {
    subscribe: current.subscribe,
    getState: current.getState,
    growth: () => growth,
    open: (key: string) => {
      if (key === current.getState().key) return;
      const host = hosts?.fleet.getState().hosts.find((candidate) => candidate.entry.key === key);
      if (!host?.feed) return;
      let session = sessions.get(key);
      if (!session) {
        session = sessionFor(key, host.feed, host.entry.address !== null && isLocal(host.entry.address));
        sessions.set(key, session);
      }
      // The old host's sampling stops; the new one's starts once its collection is complete.
      growth?.stop();
      growth = sampleGrowth(host.feed);
      // A host that never answered, or gave up, is asked again.
      if (host.feed.getState().status === 'unreachable') host.feed.refresh();
      current.set(session);
    },
    stop: () => growth?.stop(),
    settle: () => Promise.all([...sessions.values()].map((session) => session.dialogs.settle())),
  };
}

function Explorer({ switcher, hosts, directory, screen }: { switcher: ReturnType<typeof sessionSwitch>; hosts: ExplorerHosts | null; directory: string; screen: OnScreen }) {
  const session = useSyncExternalStore(switcher.subscribe, switcher.getState);
  const control: HostsControl | null = hosts && { fleet: hosts.fleet, current: session.key, open: (key) => switcher.open(key) };
  return (
    <App
      feed={session.feed}
      trees={session.trees}
      dialogs={session.dialogs}
      growth={switcher.growth()?.store ?? null}
      directory={directory}
      logsReachable={session.logsReachable}
      hosts={control}
      startOnHosts={hosts?.startOnHosts ?? false}
      screen={screen}
    />
  );
}

/**
 * Runs the fullscreen explorer until the user quits, then ends the process (requests to the
 * engine may still be in flight). Signals and crashes are the exit guard's: it restores the
 * terminal and, concurrently, undoes a backup or restore in progress (writers started again).
 * With `hosts`, the Hosts view lists every host and Enter shows another one's views.
 */
export async function runExplorer(feed: HostFeed | LiveFeed, directory: string = process.cwd(), onEngineHost = false, hosts: ExplorerHosts | null = null): Promise<never> {
  const switcher = sessionSwitch(sessionFor(hosts?.first ?? 'only', feed, onEngineHost), hosts);
  if (hosts?.startOnHosts) hosts.fleet.start();
  const leave = enterAlternateScreen(process.stdout);
  const { stream } = frameStream(process.stdout);
  // Keys ask the terminal its size as they are handled, and Ink says when it drew a frame.
  const screen = onScreen(() => windowSize(process.stdout), { framesReported: true, settleMs: RESIZE_SETTLE_MS });
  const instance = render(
    <ThemeContext.Provider value={themeFor(process.env)}>
      <Explorer switcher={switcher} hosts={hosts} directory={directory} screen={screen} />
    </ThemeContext.Provider>,
    // Ink draws at most 30 frames a second by default, so a key could wait 33 ms for its frame;
    // state changes are already paced (key presses, collection updates), so draw at once.
    { stdout: stream, exitOnCtrlC: false, patchConsole: true, maxFps: 120, onRender: screen.drawn },
  );
  installExitGuard();
  guard('', () => {
    instance.unmount();
    leave();
  });
  try {
    await instance.waitUntilExit();
  } finally {
    switcher.stop();
    leave();
  }
  await switcher.settle();
  process.exit(0);
}

/** The explorer samples at most once a second, so a report redraws the screen no more often. */
const EXPLORER_GROWTH_INTERVAL_MS = 1000;

/**
 * Growth is sampled once the first collection is complete (it would compete with it for dockerd
 * and for the keys), from the engine the feed holds, with the log paths its snapshot has.
 */
function sampleGrowth(feed: LiveFeed) {
  const store = growthStore();
  let sampler: GrowthSampler | null = null;
  const unsubscribe = feed.subscribe(() => {
    const state = feed.getState();
    const engine = feed.engineReads();
    if (sampler || !engine || state.status !== 'ready' || state.origin.kind !== 'live' || state.progress !== null) return;
    const logPaths = new Map(state.snapshot.containers.flatMap((container) => (container.log.path ? [[container.id, container.log.path] as const] : [])));
    sampler = growthSampler(engine, { intervalMs: EXPLORER_GROWTH_INTERVAL_MS, logPaths });
    sampler.subscribe(store.show);
    sampler.start();
  });
  return { store, stop: () => { unsubscribe(); sampler?.stop(); } };
}
