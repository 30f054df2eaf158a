import { render } from 'ink';
import { App } from '../../components/App.js';
import { ThemeContext, themeFor } from '../../components/theme.js';
import type { HostFeed } from '../app/host-feed.js';
import { treeStore } from '../app/tree-store.js';
import { actionStore } from '../app/action-store.js';
import type { Engine } from '../engine/engine.js';
import { frameStream } from './frame-stream.js';
import { enterAlternateScreen } from './fullscreen.js';

const SIGNAL_EXIT_CODES = { SIGTERM: 143, SIGHUP: 129, SIGINT: 130 } as const;

/**
 * Runs the fullscreen explorer until the user quits, then ends the process (requests to the
 * engine may still be in flight). The terminal is restored on every exit path.
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
  let stopping: Promise<never> | null = null;
  const stop = (code: number) => {
    // A backup in progress is cancelled first, so the containers it stopped run again.
    stopping ??= actions.settle().finally(() => process.exit(code)) as Promise<never>;
    instance.unmount();
    leave();
  };
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) process.once(signal, () => stop(code));
  process.once('uncaughtException', (error) => {
    instance.unmount();
    leave();
    process.stderr.write(`stowage: unexpected error: ${error.stack ?? error.message}\n`);
    process.exit(70);
  });
  try {
    await instance.waitUntilExit();
  } finally {
    leave();
  }
  if (stopping) await stopping;
  process.exit(0);
}
