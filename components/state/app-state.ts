// The explorer's state and its one reducer: pure, so every key's effect can be tested without a terminal.
import type { Command } from '../../src/keys/bindings.js';
import { FIRST_HOST_VIEW, type HostViewName, hostViewShownBy, perView, type ViewName } from '../../src/keys/views.js';
import {
  CONTAINER_SORT_KEYS,
  type ContainerSortKey,
  nextSort,
  type SortOrder,
  VOLUME_SORT_KEYS,
  type VolumeSortKey,
} from '../derive/rows.js';

export const PANES = ['list', 'layer', 'binds', 'volumes', 'tmpfs'] as const;
export type PaneName = (typeof PANES)[number];

export interface ListPosition {
  /** The selected row's key (container id, volume name): kept across refreshes and re-sorts. */
  selectedKey: string | null;
  /** Where the selection was, for when its row goes away. */
  index: number;
  /** First visible row. */
  top: number;
}

export interface AppState {
  view: ViewName;
  showHelp: boolean;
  filterEditing: boolean;
  filters: Record<ViewName, string>;
  positions: Record<ViewName, ListPosition>;
  containerSort: SortOrder<ContainerSortKey>;
  volumeSort: SortOrder<VolumeSortKey>;
  /** Which part of the containers view has the keys: the list or one of the four panes. */
  pane: PaneName;
  paneScroll: number;
  /** The selected item is opened full-size. */
  opened: boolean;
  /** Where the drill-down is: the directory shown, and the selection in it. */
  treePath: string[];
  treePosition: ListPosition;
}

const START: ListPosition = { selectedKey: null, index: 0, top: 0 };

export const initialAppState: AppState = {
  view: FIRST_HOST_VIEW,
  showHelp: false,
  filterEditing: false,
  filters: perView(() => ''),
  positions: perView(() => START),
  containerSort: { key: 'size', descending: true },
  volumeSort: { key: 'size', descending: true },
  pane: 'list',
  paneScroll: 0,
  opened: false,
  treePath: [],
  treePosition: START,
};

/** What the reducer needs to know about the list on screen to move through it. */
export interface ListContext {
  rowKeys: string[];
  pageSize: number;
}

export type AppEvent =
  | { type: 'key'; command: Command; list: ListContext }
  /** The filter's text field changed; Enter keeps the filter, Esc clears it. */
  | { type: 'filterText'; text: string }
  | { type: 'filterDone' }
  | { type: 'filterCancel' }
  /** Drill-down: into a directory, up one (selecting where it came from), or a new tree. */
  | { type: 'treeInto'; name: string }
  | { type: 'treeUp' }
  | { type: 'treeReset' }
  | { type: 'treeMove'; command: Command; list: ListContext }
  /** Another host is shown: its views start afresh, the Hosts view keeps its place. */
  | { type: 'hostOpened'; view: HostViewName }
  | { type: 'showHosts' };

/** The row index the selection is on now, in the rows on screen. */
export function selectedIndex(position: ListPosition, rowKeys: string[]): number {
  const found = position.selectedKey === null ? -1 : rowKeys.indexOf(position.selectedKey);
  if (found >= 0) return found;
  return Math.max(0, Math.min(position.index, rowKeys.length - 1));
}

/** The selected row itself, found by its key (`keyOf`), or null in an empty list. */
export function selectedRow<T>(position: ListPosition, rows: readonly T[], keyOf: (row: T) => string): T | null {
  return rows[selectedIndex(position, rows.map(keyOf))] ?? null;
}

/** The first visible row, moved only as far as needed to show the selection. */
export function visibleTop(position: ListPosition, index: number, pageSize: number, rowCount: number): number {
  const top = Math.min(position.top, index, Math.max(0, rowCount - pageSize));
  return Math.max(0, Math.max(top, index - pageSize + 1));
}

function moveTo(position: ListPosition, index: number, list: ListContext): ListPosition {
  const count = list.rowKeys.length;
  if (count === 0) return START;
  const target = Math.max(0, Math.min(index, count - 1));
  return {
    selectedKey: list.rowKeys[target] ?? null,
    index: target,
    top: visibleTop(position, target, list.pageSize, count),
  };
}

function move(state: AppState, command: Command, list: ListContext): AppState {
  if (state.view === 'containers' && state.pane !== 'list') {
    // A focused pane scrolls its lines; here `rowKeys` are the pane's lines.
    const lastTop = Math.max(0, list.rowKeys.length - list.pageSize);
    const scroll = Math.min(state.paneScroll, lastTop);
    const target = { up: scroll - 1, down: scroll + 1, pageUp: scroll - list.pageSize, pageDown: scroll + list.pageSize, top: 0, bottom: lastTop }[
      command as 'up'
    ];
    return target === undefined ? state : { ...state, paneScroll: Math.max(0, Math.min(target, lastTop)) };
  }
  const position = state.positions[state.view];
  const index = selectedIndex(position, list.rowKeys);
  const last = list.rowKeys.length - 1;
  const target = { up: index - 1, down: index + 1, pageUp: index - list.pageSize, pageDown: index + list.pageSize, top: 0, bottom: last }[
    command as 'up'
  ];
  if (target === undefined) return state;
  return { ...state, positions: { ...state.positions, [state.view]: moveTo(position, target, list) } };
}

function cyclePane(state: AppState, step: 1 | -1): AppState {
  const next = PANES[(PANES.indexOf(state.pane) + step + PANES.length) % PANES.length] ?? 'list';
  return { ...state, pane: next, paneScroll: 0 };
}

function switchView(state: AppState, view: ViewName): AppState {
  return { ...state, view, opened: false, pane: 'list', paneScroll: 0, showHelp: false };
}

export function appReducer(state: AppState, event: AppEvent): AppState {
  switch (event.type) {
    case 'filterText':
      return withFilter(state, event.text);
    case 'filterDone':
      return { ...state, filterEditing: false };
    case 'filterCancel':
      return { ...withFilter(state, ''), filterEditing: false };
    case 'key':
      return onKey(state, event.command, event.list);
    case 'treeInto':
      return { ...state, treePath: [...state.treePath, event.name], treePosition: START };
    case 'treeUp': {
      const left = state.treePath.at(-1) ?? null;
      return { ...state, treePath: state.treePath.slice(0, -1), treePosition: { selectedKey: left, index: 0, top: 0 } };
    }
    case 'treeReset':
      return { ...state, treePath: [], treePosition: START };
    case 'hostOpened':
      return {
        ...initialAppState,
        view: event.view,
        filters: { ...initialAppState.filters, hosts: state.filters.hosts },
        positions: { ...initialAppState.positions, hosts: state.positions.hosts },
      };
    case 'showHosts':
      return { ...switchView(state, 'hosts'), filterEditing: false };
    case 'treeMove': {
      const index = selectedIndex(state.treePosition, event.list.rowKeys);
      const last = event.list.rowKeys.length - 1;
      const page = event.list.pageSize;
      const target = { up: index - 1, down: index + 1, pageUp: index - page, pageDown: index + page, top: 0, bottom: last }[event.command as 'up'];
      return target === undefined ? state : { ...state, treePosition: moveTo(state.treePosition, target, event.list) };
    }
  }
}

/** The current view's filter set to `text`, its list shown from the top. */
function withFilter(state: AppState, text: string): AppState {
  return {
    ...state,
    filters: { ...state.filters, [state.view]: text },
    positions: { ...state.positions, [state.view]: { ...state.positions[state.view], top: 0 } },
  };
}

function onKey(state: AppState, command: Command, list: ListContext): AppState {
  if (state.showHelp) return command === 'help' || command === 'back' ? { ...state, showHelp: false } : state;
  switch (command) {
    case 'up':
    case 'down':
    case 'pageUp':
    case 'pageDown':
    case 'top':
    case 'bottom':
      return move(state, command, list);
    case 'nextPane':
      return cyclePane(state, 1);
    case 'previousPane':
      return cyclePane(state, -1);
    case 'open':
      return list.rowKeys.length > 0 ? { ...state, opened: true } : state;
    case 'back':
      if (state.opened) return { ...state, opened: false };
      if (state.pane !== 'list') return { ...state, pane: 'list', paneScroll: 0 };
      return state.filters[state.view] ? { ...state, filters: { ...state.filters, [state.view]: '' } } : state;
    case 'filter':
      return { ...state, filterEditing: true, opened: false };
    case 'sort':
      if (state.view === 'containers') return { ...state, containerSort: nextSort(CONTAINER_SORT_KEYS, state.containerSort) };
      if (state.view === 'volumes') return { ...state, volumeSort: nextSort(VOLUME_SORT_KEYS, state.volumeSort) };
      return state;
    case 'reverseSort':
      if (state.view === 'containers') {
        return { ...state, containerSort: { ...state.containerSort, descending: !state.containerSort.descending } };
      }
      if (state.view === 'volumes') return { ...state, volumeSort: { ...state.volumeSort, descending: !state.volumeSort.descending } };
      return state;
    case 'help':
      return { ...state, showHelp: true };
    default: {
      const view = hostViewShownBy(command);
      // refresh, quit and openDemo are intents for whoever owns the data, not state changes; the
      // Hosts view is shown by its own event (it starts collecting every host).
      return view ? switchView(state, view) : state;
    }
  }
}
