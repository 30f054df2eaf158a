import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { waitFor } from './wait.js';

export type Rendered = ReturnType<typeof render>;

/** Renders in a fake terminal of the given size (ink-testing-library's is 100 columns, no rows). */
export function renderAt(element: ReactElement, columns = 100, rows = 30): Rendered {
  const rendered = render(element);
  Object.defineProperty(rendered.stdout, 'columns', { get: () => columns, configurable: true });
  Object.defineProperty(rendered.stdout, 'rows', { get: () => rows, configurable: true });
  rendered.stdout.emit('resize');
  // Under CI=true Ink does not listen for resizes: drawing again lays the frame out at this width.
  rendered.rerender(element);
  // The size hook may subscribe only after this turn: it is told again once its effect has run.
  setImmediate(() => rendered.stdout.emit('resize'));
  return rendered;
}

/** The frame as a person reads it: text without color codes. */
export const plainFrame = (rendered: Rendered) => (rendered.lastFrame() ?? '').replace(/\x1b\[[0-9;]*m/g, '');

/** Waits until the frame satisfies `test`; fails showing the last frame. */
export async function frameWhere(rendered: Rendered, what: string, test: (frame: string) => boolean): Promise<string> {
  try {
    await waitFor(what, () => test(plainFrame(rendered)), 3000);
  } catch (error) {
    throw new Error(`${(error as Error).message}; last frame:\n${plainFrame(rendered)}`);
  }
  return plainFrame(rendered);
}

export const frameWith = (rendered: Rendered, text: string | RegExp) =>
  frameWhere(rendered, `a frame with ${text}`, (frame) => (typeof text === 'string' ? frame.includes(text) : text.test(frame)));

/** Presses keys one at a time, as a person does. */
export async function press(rendered: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    rendered.stdin.write(key);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const KEYS = { down: '\x1b[B', up: '\x1b[A', enter: '\r', escape: '\x1b', tab: '\t', shiftTab: '\x1b[Z' };
