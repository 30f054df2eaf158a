// How the explorer's rows are shared out: header and tabs, the body, the filter when shown, the
// status line. The screen draws at these sizes, and a key checks what the body held at them.
import type { AppState } from '../state/app-state.js';

const HEADER_LINES = 4;

/** The filter's line shows: it is being typed, or the current view keeps one. */
export const filterShownIn = (state: AppState) => state.filterEditing || state.filters[state.view] !== '';

/** The rows under the header, above the filter and status line (Ink 6 repaints all of a frame as tall as the terminal: one row is left). */
export const bodyHeightAt = (rows: number, filterShown: boolean) => Math.max(1, Math.max(1, rows - 1) - HEADER_LINES - 1 - (filterShown ? 1 : 0));
