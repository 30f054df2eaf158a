// What a key press is handled with: what every layer reads, then each layer's own part, built
// from the explorer's stores and state as they are at that press. No React in it: App builds one
// per press, and each part is tested on its own.
import type { FeedState, HostFeed } from '../../src/app/host-feed.js';
import type { TreeState, TreeStore, TreeTarget } from '../../src/app/tree-store.js';
import type { KeyScope } from '../../src/keys/bindings.js';
import type { HostViewName, ViewName } from '../../src/keys/views.js';
import type { ContainerStorage, Finding, Snapshot } from '../../src/model/types.js';
import { LOGS_NOT_REACHABLE } from '../../src/actions/truncate-log.js';
import { type AppEvent, type AppState, type ListContext, selectedRow } from '../state/app-state.js';
import type { DialogStore } from '../state/dialog-store.js';
import { type Dialog, screenOf } from '../dialogs/dialog.js';
import { openBackup } from '../dialogs/backup-dialog.js';
import { openPrune } from '../dialogs/prune-dialog.js';
import { openRestore } from '../dialogs/restore-dialog.js';
import { openTruncate } from '../dialogs/truncate-dialog.js';
import { bodyHeightAt, filterShownIn } from '../derive/layout.js';
import { dialogFits } from '../parts/DialogView.js';
import { MIN_COLUMNS, MIN_ROWS } from '../parts/MessageScreen.js';
import { treeList, treeRows } from '../parts/TreeView.js';
import { findingKey } from '../views/FindingsView.js';
import type { HostsControl } from '../views/HostsView.js';
import { HOSTS_DRAWING, type HostsData, type ViewData, VIEW_DRAWINGS } from '../views/views.js';
import type { OnScreen } from './on-screen.js';

/** The one answer to "which keys apply here", for dispatch, the status line and help alike. */
export function scopeOf(where: { unreachable: boolean; dialogOpen: boolean; treeOpen: boolean; view: ViewName }): KeyScope {
  if (where.dialogOpen) return 'dialog';
  // The Hosts view shows every host, whether or not the open one answered.
  if (where.view === 'hosts') return 'hosts';
  if (where.unreachable) return 'unreachable';
  if (where.treeOpen) return 'tree';
  return where.view;
}

/** What a press is handled with: what every layer reads, then each layer's own part. */
export interface KeyContext {
  /** The reducer's state after the presses before this one. */
  state: AppState;
  dispatch(event: AppEvent): void;
  scope: KeyScope;
  /** A text field (the filter, a dialog's) had the keys when this press went out: it takes them. */
  fieldHadKeys: boolean;
  exit(): void;
  interrupt: InterruptKeys;
  dialog: DialogKeys | null;
  tree: TreeKeys | null;
  hosts: HostsKeys | null;
  commands: CommandKeys;
  /** What the list keys move through in the current view; null when there is nothing to move through. */
  view: { list(): ListContext } | null;
}

export interface InterruptKeys {
  /** The terminal, at the size it has as this press is handled, is too small for the explorer. */
  tooSmall: boolean;
  /** A press the too-small screen did not take, counted there. */
  ignored(): void;
}

/** The open dialog as it is now, and its store. */
export interface DialogKeys {
  open: Dialog;
  store: DialogStore;
  /** The last frame drawn showed all of it, at the size the terminal has as this press is handled. */
  shown: boolean;
}

/** The open drill-down: its state, store, list, and the selected entry when it is a directory. */
export interface TreeKeys {
  state: TreeState;
  store: TreeStore;
  list(): ListContext;
  selectedDirectory(): string | null;
}

/** The Hosts view, on a live engine; null in the demo and on a saved snapshot. */
export interface HostsKeys {
  /** The key of the host selected on the Hosts view. */
  selected(): string | null;
  /** Shows that host's views, starting with `view`. */
  open(key: string, view: HostViewName): void;
  /** Shows the Hosts view (and starts collecting every host, the first time). */
  show(): void;
  refresh(): void;
  /** Esc at the top of a host's views goes back to the Hosts view (it was opened from there). */
  backGoesThere: boolean;
}

export interface CommandKeys {
  refresh(): void;
  openDemo(): void;
  /** The host on screen and what is selected on it; null until its snapshot is there. */
  host: HostKeys | null;
}

export interface HostKeys {
  snapshot: Snapshot;
  /** Dialogs open here: without (a saved snapshot) a command that changes the host does nothing. */
  dialogs: boolean;
  /** The selected volume's name in the volumes view; the selected container in the containers view. */
  selectedVolume(): string | null;
  selectedContainer(): ContainerStorage | null;
  /** The selected finding in the findings view. */
  selectedFinding(): Finding | null;
  /** What Enter drills into here, if anything. */
  drillTarget(): TreeTarget | null;
  open: {
    prune(): void;
    backup(volumes: string[]): void;
    restore(volume: string): void;
    truncate(container: ContainerStorage): void;
    tree(target: TreeTarget): void;
  };
}

/** The explorer as it is when a press is handled. */
export interface KeySources {
  /** The reducer's state after the presses before this one, and the way to change it. */
  state: AppState;
  dispatch(event: AppEvent): void;
  feed: HostFeed;
  feedState: FeedState;
  trees: TreeStore | null;
  treeState: TreeState;
  dialogs: DialogStore | null;
  /** What the frames drawn showed, and the terminal's size now. */
  frames: OnScreen;
  fieldHadKeys: boolean;
  /** What the views are drawn from, for `state`. */
  data: ViewData | null;
  /** What the Hosts view is drawn from, for `state`. */
  hostsData(): HostsData;
  /** The body's height in the frame on screen: the drill-down's page. */
  bodyHeight: number;
  /** What dialogs start from: whether they may change the host, the folder for backups, whether logs can be truncated from here. */
  session: { changeable: boolean; directory: string; logsReachable: boolean };
  /** The Hosts view's control, and whether it has been shown (and how to say it has). */
  hosts: { control: HostsControl; shown: boolean; markShown(): void } | null;
  exit(): void;
  /** A press the too-small screen did not take. */
  ignored(): void;
}

/** Whether a key handled now may act on the open dialog: the last frame showed it wholly at the size the terminal has now. */
export function dialogShownNow(frames: OnScreen, open: Dialog | null, state: AppState, now = frames.size()): boolean {
  if (!open) return false;
  return frames.showsWholly(screenOf(open), now) && dialogFits(open, now.columns, bodyHeightAt(now.rows, filterShownIn(state)));
}

export function buildKeyContext(sources: KeySources): KeyContext {
  const { state, dispatch, feedState, dialogs, frames } = sources;
  const open = dialogs?.getState() ?? null;
  const now = frames.size();
  const treeOpen = sources.treeState.status !== 'closed';
  const scope = scopeOf({ unreachable: feedState.status === 'unreachable', dialogOpen: open !== null, treeOpen, view: state.view });
  const data = sources.data;
  const showsList = data !== null || scope === 'hosts';
  return {
    state,
    dispatch,
    scope,
    fieldHadKeys: sources.fieldHadKeys,
    exit: sources.exit,
    interrupt: { tooSmall: now.columns < MIN_COLUMNS || now.rows < MIN_ROWS, ignored: sources.ignored },
    dialog: open && dialogs && { open, store: dialogs, shown: dialogShownNow(frames, open, state, now) },
    tree: sources.trees && treeOpen ? treeKeys(sources, sources.trees) : null,
    hosts: sources.hosts && hostsKeys(sources, sources.hosts),
    commands: commandKeys(sources),
    view: showsList ? {
      list: () => (state.view === 'hosts' ? HOSTS_DRAWING.list(sources.hostsData()) : data ? VIEW_DRAWINGS[state.view].list(data) : { rowKeys: [], pageSize: 1 }),
    } : null,
  };
}

function treeKeys({ state, treeState, bodyHeight }: KeySources, store: TreeStore): TreeKeys {
  return {
    state: treeState,
    store,
    list: () => treeList(treeState, state.treePath, bodyHeight),
    selectedDirectory: () => {
      const entry = selectedRow(state.treePosition, treeRows(treeState, state.treePath), (row) => row.name);
      return entry?.directory ? entry.name : null;
    },
  };
}

function hostsKeys({ state, dispatch, hostsData }: KeySources, { control, shown, markShown }: NonNullable<KeySources['hosts']>): HostsKeys {
  return {
    selected: () => selectedRow(state.positions.hosts, hostsData().rows, (row) => row.key)?.key ?? null,
    open: (key, view) => {
      dispatch({ type: 'hostOpened', view });
      control.open(key, view);
    },
    show: () => {
      markShown();
      control.fleet.start();
      dispatch({ type: 'showHosts' });
    },
    refresh: () => control.fleet.refresh(),
    backGoesThere: shown,
  };
}

function commandKeys(sources: KeySources): CommandKeys {
  const { feed } = sources;
  return { refresh: () => feed.refresh(), openDemo: () => feed.openDemo(), host: hostKeys(sources) };
}

function hostKeys({ state, data, trees, dialogs, session }: KeySources): HostKeys | null {
  if (!data) return null;
  const { snapshot } = data;
  const readOnly = !session.changeable;
  const selectedVolume = () => selectedRow(state.positions.volumes, data.volumes, (row) => row.name)?.name ?? null;
  const selectedContainer = () => selectedRow(state.positions.containers, data.containers, (row) => row.id);
  const volumeTarget = (name: string | null | undefined): TreeTarget | null => {
    const volume = snapshot.volumes.find((candidate) => candidate.name === name);
    return volume ? { kind: 'volume', name: volume.name, mountpoint: volume.mountpoint } : null;
  };
  return {
    snapshot,
    dialogs: dialogs !== null,
    selectedVolume,
    selectedContainer,
    selectedFinding: () => selectedRow(state.positions.findings, data.findings, findingKey),
    drillTarget: () => {
      if (!trees) return null;
      if (state.view === 'volumes') return volumeTarget(selectedVolume());
      if (state.view !== 'containers' || (state.pane !== 'layer' && state.pane !== 'volumes')) return null;
      const container = selectedContainer();
      if (!container) return null;
      if (state.pane === 'volumes') return volumeTarget(container.volumes[0]?.name);
      return { kind: 'layer', containerId: container.id, containerName: container.name, path: container.writableLayer.path };
    },
    open: {
      prune: () => dialogs?.open(openPrune(snapshot, readOnly), snapshot),
      backup: (volumes) => dialogs?.open(openBackup(snapshot, volumes, session.directory, readOnly, new Date()), snapshot),
      restore: (volume) => dialogs?.open(openRestore(volume, session.directory, readOnly), snapshot),
      truncate: (container) => dialogs?.open(openTruncate(container, readOnly, session.logsReachable ? null : LOGS_NOT_REACHABLE), snapshot),
      tree: (target) => trees?.open(target),
    },
  };
}
