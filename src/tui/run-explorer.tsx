import { render } from 'ink';
import { App } from '../../components/App.js';
import { ThemeContext, themeFor } from '../../components/theme.js';
import type { HostFeed } from '../app/host-feed.js';
import { treeStore } from '../app/tree-store.js';
import { actionStore } from '../app/action-store.js';
import type { Engine } from '../engine/engine.js';
import { frameStream } from './frame-stream.js';
import { enterAlternateScreen } from './fullscreen.js';
import { guard, installExitGuard } from '../actions/exit-guard.js';

/**
 * Runs the fullscreen explorer until the user quits, then ends the process (requests to the
 * engine may still be in flight). Signals and crashes are the exit guard's: it restores the
 * terminal and, concurrently, undoes a backup or restore in progress (writers started again).
 */
export async function runExplorer(
  feed: HostFeed & { engine?: () => Engine | null },
  directory: string = process.cwd(),
): Promise<never> {
  const engine = () => feed.engine?.() ?? null;
  const actions = actionStore({
    engine,
    readOnly: feed.readOnly,
    directory,
    engineDescription: () => {
      const state = feed.getState();
      return state.status === 'ready' ? `${state.snapshot.engine.host} (Docker ${state.snapshot.engine.serverVersion})` : 'unknown';
    },
    changed: () => feed.refresh(),
  });
  const leave = enterAlternateScreen(process.stdout);
  const { stream } = frameStream(process.stdout);
  const instance = render(
    <ThemeContext.Provider value={themeFor(process.env)}>
      <App feed={feed} trees={feed.engine ? treeStore(engine) : null} actions={actions} />
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
  if (!feed.readOnly) {
    const unsubscribe = feed.subscribe(() => {
      if (!engine()) return;
      unsubscribe();
      actions.recover();
    });
  }
  try {
    await instance.waitUntilExit();
  } finally {
    leave();
  }
  await actions.settle();
  process.exit(0);
}
