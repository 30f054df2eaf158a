import { render } from 'ink';
import { guard, installExitGuard } from '../src/actions/exit-guard.js';
import { dialogRunner } from '../src/app/dialog-runner.js';
import { type GrowthSampler, growthSampler, growthStore } from '../src/app/growth-sampler.js';
import type { HostFeed, LiveFeed } from '../src/app/host-feed.js';
import { treeStore } from '../src/app/tree-store.js';
import { frameStream } from '../src/tui/frame-stream.js';
import { enterAlternateScreen } from '../src/tui/fullscreen.js';
import { engineTitle } from '../src/model/engine-name.js';
import { App } from './App.js';
import { dialogStore } from './dialog-store.js';
import { ThemeContext, themeFor } from './theme.js';

/**
 * Runs the fullscreen explorer until the user quits, then ends the process (requests to the
 * engine may still be in flight). Signals and crashes are the exit guard's: it restores the
 * terminal and, concurrently, undoes a backup or restore in progress (writers started again).
 */
export async function runExplorer(feed: HostFeed | LiveFeed, directory: string = process.cwd(), onEngineHost = false): Promise<never> {
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
  const growth = live ? sampleGrowth(live) : null;
  const leave = enterAlternateScreen(process.stdout);
  const { stream } = frameStream(process.stdout);
  const instance = render(
    <ThemeContext.Provider value={themeFor(process.env)}>
      <App feed={feed} trees={live ? treeStore(() => live.engineReads(), engine) : null} dialogs={dialogs} growth={growth?.store ?? null} directory={directory} logsReachable={onEngineHost} />
    </ThemeContext.Provider>,
    // Ink draws at most 30 frames a second by default, so a key could wait 33 ms for its frame;
    // state changes are already paced (key presses, collection updates), so draw at once.
    { stdout: stream, exitOnCtrlC: false, patchConsole: true, maxFps: 120 },
  );
  installExitGuard();
  guard('', () => {
    instance.unmount();
    leave();
  });
  // On a live engine that may be changed, what a killed run left is undone first, and said.
  if (writable) {
    const unsubscribe = feed.subscribe(() => {
      if (!engine()) return;
      unsubscribe();
      dialogs.recover();
    });
  }
  try {
    await instance.waitUntilExit();
  } finally {
    growth?.stop();
    leave();
  }
  await dialogs.settle();
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
