// What the last frame drawn showed of the open dialog, and at what size. A key may act on a
// dialog only if the frame before it showed that dialog wholly, laid out for the size the
// terminal has when the key is handled: a resize read together with a key (a window snapped
// smaller, tmux resize-window then a key) otherwise confirms what is no longer, or not yet, shown.
import type { WindowSize } from '../../src/tui/window-size.js';

export interface LaidOut extends WindowSize {
  /** The dialog's screen (dialogs/dialog.ts `screenOf`) when all of it is in the frame, else ''. */
  dialog: string;
}

export interface OnScreen {
  /** The terminal's size now, not the one Node last heard of. */
  size(): WindowSize;
  /** What the commit about to be drawn shows; called before Ink draws it. */
  laidOut(frame: LaidOut): void;
  /** Ink drew a frame of the tree last laid out (also when its text had not changed). */
  drawn(): void;
  /** Whether the last frame drawn showed the dialog `screen` wholly, at the size the terminal has now. */
  showsWholly(screen: string, now: WindowSize): boolean;
}

/** A person takes longer than this to read a dialog drawn at a new size and answer it. */
export const RESIZE_SETTLE_MS = 100;

/**
 * `framesReported`: Ink reports each frame to `drawn` (its onRender option), and a frame it has
 * not drawn yet (it paces frames) does not count; without it, each commit counts as drawn.
 * `settleMs`: a frame at a new size counts only once it has been on screen that long, since the
 * resize and a key sent with it (tmux resize-window then send-keys) may be read a turn apart.
 */
export function onScreen(size: () => WindowSize, { framesReported, settleMs }: { framesReported: boolean; settleMs: number }): OnScreen {
  let laid: LaidOut = { dialog: '', columns: 0, rows: 0 };
  let shown = laid;
  let resizedAt = -Infinity;
  const show = (frame: LaidOut) => {
    if (frame.columns !== shown.columns || frame.rows !== shown.rows) resizedAt = performance.now();
    shown = frame;
  };
  return {
    size,
    laidOut(frame) {
      laid = frame;
      if (!framesReported) show(frame);
    },
    drawn: () => show(laid),
    showsWholly: (screen, now) =>
      screen !== '' && shown.dialog === screen && shown.columns === now.columns && shown.rows === now.rows && performance.now() - resizedAt >= settleMs,
  };
}
