// A real terminal for end-to-end tests: a private tmux server, keys sent one at a time, and the
// screen read back with capture-pane.
import { execFileSync } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { waitFor } from './wait.js';

/** tmux holds a pane's resize until 250 ms after the one before it, then applies it. */
const TMUX_RESIZE_PACE_MS = 250;

export class TmuxTerminal {
  private readonly socket = `stw-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  /** When tmux applies (or applied) the last resize to the pane. */
  private resizeAppliedAt = 0;

  constructor(columns: number, rows: number, env: Record<string, string> = {}) {
    const exports = Object.entries(env).map(([name, value]) => `export ${name}='${value}';`).join(' ');
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'e2e', '-x', String(columns), '-y', String(rows),
      `env -i PATH="${process.env.PATH}" HOME=/tmp TERM=xterm-256color PS1='$ ' ${exports ? `bash --norc --noprofile -c "${exports} exec bash --norc --noprofile"` : 'bash --norc --noprofile'}`);
    this.tmux('set-option', '-g', 'window-size', 'manual');
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Types a shell command line and presses Enter. */
  run(command: string): void {
    this.tmux('send-keys', '-t', 'e2e', '-l', command);
    this.tmux('send-keys', '-t', 'e2e', 'Enter');
  }

  /** Writes text to the terminal as one write, as a paste or a fast typist's burst arrives. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'e2e', '-l', text);
  }

  /** Presses keys one at a time, in tmux key names (j, Enter, Escape, Tab, BTab, C-c, /...). */
  press(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', 'e2e', key.length === 1 ? '-l' : '', key).toString();
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'e2e');
  }

  /** The screen with its colors and attributes, as SGR escapes (capture-pane -e). */
  screenWithEscapes(): string {
    return this.tmux('capture-pane', '-e', '-p', '-t', 'e2e');
  }

  /** Appends every byte the pane's programs write, before tmux reads them, to `file`. */
  recordRawOutput(file: string): void {
    this.tmux('pipe-pane', '-o', '-t', 'e2e', `cat >> '${file}'`);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows));
    this.resizeAppliedAt = Math.max(Date.now(), this.resizeAppliedAt + TMUX_RESIZE_PACE_MS);
  }

  /**
   * Resizes the window and types `text` in one tmux command: the program reads the key in the
   * same turn as the resize, often before it has handled SIGWINCH. It first waits out tmux's pace
   * of resizes: a resize tmux held back would reach the program after the key, at the old size.
   */
  async resizeAndType(columns: number, rows: number, text: string): Promise<void> {
    await delay(Math.max(0, this.resizeAppliedAt + TMUX_RESIZE_PACE_MS + 50 - Date.now()));
    this.tmux('resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows), ';', 'send-keys', '-t', 'e2e', '-l', text);
    this.resizeAppliedAt = Date.now();
  }

  /** Waits until the screen satisfies `test`; fails showing the screen. */
  async waitForScreen(what: string, test: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
    try {
      await waitFor(what, () => test(this.screen()), timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}; screen:\n${this.screen()}`);
    }
    return this.screen();
  }

  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.waitForScreen(`"${text}" on screen`, (screen) => (typeof text === 'string' ? screen.includes(text) : text.test(screen)), timeoutMs);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
