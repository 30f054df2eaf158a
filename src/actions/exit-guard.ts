// One process-wide guard for every way stowage can end mid-action: SIGHUP (an SSH drop), SIGINT
// (also pressed twice), SIGTERM, SIGQUIT, an uncaught error. Actions register their undo steps
// (start stopped containers again, remove partial files, remove helpers); on any of these the
// guard runs them all, then exits with 128+signal. A dead terminal's write errors (EIO, EPIPE
// after a hangup) are swallowed so they cannot cut the cleanup short. SIGKILL cannot be caught:
// what it leaves, the next run undoes from the helpers' labels (helper-container.ts). An undo step
// may answer with a line saying what it could not undo and the way back: said after undoing.
import { displayable } from '../text/displayable.js';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 } as const;
export type GuardedSignal = keyof typeof SIGNALS;
const DEAD_TERMINAL = new Set(['EIO', 'EPIPE', 'ENXIO', 'EBADF', 'ECONNRESET']);

/** An undo step; a non-empty string it resolves with is what it left, said once undone. */
type Undo = () => unknown;

const steps = new Map<number, { what: string; undo: Undo }>();
let nextId = 0;
let installed = false;
let ending: Promise<never> | null = null;
let terminalDead = false;

/** Writes to stderr unless the terminal is gone; never throws. */
export function say(text: string): void {
  if (terminalDead) return;
  try {
    process.stderr.write(text);
  } catch {
    terminalDead = true;
  }
}

function onStreamError(error: NodeJS.ErrnoException): void {
  if (DEAD_TERMINAL.has(error.code ?? '')) {
    terminalDead = true;
    // Output that cannot be written no longer matters; what is running must still be undone.
    if (error.code === 'EPIPE' && !ending) void end(0, null);
    return;
  }
  void end(70, error);
}

/** Runs every undo step once (concurrently), then exits with `code`. Later calls wait for the first. */
export function end(code: number, error: unknown, signal?: GuardedSignal): Promise<never> {
  if (ending) return ending;
  ending = (async () => {
    const pending = [...steps.values()];
    // Started before anything is said: the terminal step leaves the alternate screen at once.
    const undoing = Promise.allSettled(pending.map(async (step) => step.undo()));
    const named = pending.filter((step) => step.what).map((step) => step.what);
    if (named.length && signal) say(`stowage: ${signal}: undoing ${named.join(', ')}…\n`);
    const undone = await undoing;
    steps.clear();
    for (const result of undone) if (result.status === 'fulfilled' && typeof result.value === 'string' && result.value) say(`stowage: ${displayable(result.value)}\n`);
    if (error) {
      const text = error instanceof Error ? (error.name === 'StowageError' || error.name === 'UsageError' ? error.message : `unexpected error: ${error.stack ?? error.message}`) : String(error);
      say(`stowage: ${text.split('\n').map(displayable).join('\n')}\n`);
    }
    process.exit(code);
  })();
  return ending;
}

/** Installs the handlers (once per process): the CLI and the explorer do, not the library's callers. */
export function installExitGuard(): void {
  if (installed) return;
  installed = true;
  for (const [signal, number] of Object.entries(SIGNALS) as [GuardedSignal, number][]) {
    process.on(signal, () => {
      // A second Ctrl-C while undoing must not skip the undoing: it says so instead.
      if (ending) return say('stowage: cleaning up… (starting stopped containers again, removing partial files)\n');
      void end(128 + number, null, signal);
    });
  }
  process.on('uncaughtException', (error) => void end(70, error));
  process.on('unhandledRejection', (error) => void end(70, error));
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
}

/** Registers an undo step (`what` names it when a signal lands; '' says nothing); returns the function that removes it. */
export function guard(what: string, undo: Undo): () => void {
  const id = nextId++;
  steps.set(id, { what, undo });
  return () => void steps.delete(id);
}

/** True once the process is ending: actions should stop starting new work. */
export const isEnding = () => ending !== null;

/** Runs `undo` at most once, however many times it is called; every caller gets the same promise. */
export function once<T>(undo: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => (running ??= undo());
}
