import { Box, useApp, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FeedState, HostFeed } from '../src/app/host-feed.js';
import type { TreeState, TreeStore, TreeTarget } from '../src/app/tree-store.js';
import type { ActionStore, Dialog } from '../src/app/action-store.js';
import { ActionDialog, dialogFits } from './ActionDialog.js';
import { actionFor, type KeyPress, type KeyScope, splitKeyPresses } from '../src/keys/bindings.js';
import type { Snapshot } from '../src/model/types.js';
import { type AppEvent, appReducer, type AppState, initialAppState, type ListContext, selectedIndex } from './app-state.js';
import { treeRows, TreeView } from './TreeView.js';
import { containersLayout, ContainersView, paneLineCount } from './ContainersView.js';
import { diskLines } from './disk-lines.js';
import { DiskView } from './DiskView.js';
import { FilterBar } from './FilterBar.js';
import { findingKey, FindingsView } from './FindingsView.js';
import { worstSeverities } from './markers.js';
import { Header } from './Header.js';
import { HelpScreen } from './HelpScreen.js';
import { MessageScreen, MIN_COLUMNS, MIN_ROWS, TooSmallScreen } from './MessageScreen.js';
import { containerRows, findingRows, volumeRows } from './rows.js';
import { StatusLine } from './StatusLine.js';
import { Tabs } from './Tabs.js';
import { useTerminalSize } from './use-terminal-size.js';
import { VolumesView } from './VolumesView.js';

export { MIN_COLUMNS, MIN_ROWS } from './MessageScreen.js';
const HEADER_LINES = 4;
const NO_ROWS: never[] = [];

/** A function that computes again only when its arguments change (by identity). */
function lastValue<A extends unknown[], T>(compute: (...args: A) => T): (...args: A) => T {
  let last: { args: A; value: T } | null = null;
  return (...args) => {
    if (!last || args.some((arg, index) => arg !== last!.args[index])) last = { args, value: compute(...args) };
    return last.value;
  };
}

/**
 * Each view's rows, computed when first asked for: a collection update on a host with thousands
 * of volumes then re-sorts only the list on screen.
 */
function useRows(snapshot: Snapshot | null, state: AppState) {
  const cache = useRef<{
    containers: typeof containerRows; volumes: typeof volumeRows; findings: typeof findingRows; worst: typeof worstSeverities;
  } | null>(null);
  cache.current ??= { containers: lastValue(containerRows), volumes: lastValue(volumeRows), findings: lastValue(findingRows), worst: lastValue(worstSeverities) };
  const computed = cache.current;
  return {
    get containers() {
      return snapshot ? computed.containers(snapshot, state.filters.containers, state.containerSort) : NO_ROWS;
    },
    get volumes() {
      return snapshot ? computed.volumes(snapshot, state.filters.volumes, state.volumeSort) : NO_ROWS;
    },
    get findings() {
      return snapshot ? computed.findings(snapshot, state.filters.findings) : NO_ROWS;
    },
    get worst() {
      return snapshot ? computed.worst(snapshot) : NO_WORST;
    },
  };
}
const NO_WORST: ReturnType<typeof worstSeverities> = { containers: new Map(), volumes: new Map() };

const CLOSED_TREE: TreeState = { status: 'closed' };
const noTrees = { subscribe: () => () => undefined, getState: () => CLOSED_TREE };
const NO_DIALOG: Dialog = { kind: 'none' };
const noActions = { subscribe: () => () => undefined, getState: () => NO_DIALOG };
const DIALOG_KEYS = {
  up: 'up', down: 'down', toggle: 'toggle', open: 'enter', back: 'escape', yes: 'yes', no: 'no',
  stopWriters: 'stop', copyLive: 'live', levelUp: 'levelUp', levelDown: 'levelDown',
} as const;
const actionRunning = (dialog: Dialog) => 'step' in dialog && dialog.step === 'running';

/** The explorer: header, tabs, the current view, the filter and the status line. Keys go through one table. */
export function App({ feed, trees = null, actions = null }: { feed: HostFeed; trees?: TreeStore | null; actions?: ActionStore | null }) {
  const { exit } = useApp();
  const feedState: FeedState = useSyncExternalStore(feed.subscribe, feed.getState);
  const treeState: TreeState = useSyncExternalStore((trees ?? noTrees).subscribe, (trees ?? noTrees).getState);
  const dialog: Dialog = useSyncExternalStore((actions ?? noActions).subscribe, (actions ?? noActions).getState);
  // The reducer's latest state is kept in a ref too: keys that arrive before React renders
  // again must see the state the previous key left, not the one on screen.
  const latest = useRef<AppState>(initialAppState);
  const [state, setState] = useState<AppState>(initialAppState);
  const dispatch = (event: AppEvent) => {
    latest.current = appReducer(latest.current, event);
    setState(latest.current);
  };
  const { columns, rows: terminalRows } = useTerminalSize();
  const snapshot = feedState.status === 'ready' ? feedState.snapshot : null;
  const progress = feedState.status === 'ready' ? feedState.progress : null;
  const sizesPending = progress?.diskUsage === 'pending';
  const rows = useRows(snapshot, state);
  const disk = useMemo(() => (snapshot ? diskLines(snapshot, sizesPending) : []), [snapshot, sizesPending]);

  // Ink 6 clears and repaints the whole screen when a frame is as tall as the terminal.
  const height = Math.max(1, terminalRows - 1);
  const filterShown = state.filterEditing || state.filters[state.view] !== '';
  const bodyHeight = Math.max(1, height - HEADER_LINES - 1 - (filterShown ? 1 : 0));

  const listContext = (state: AppState): ListContext => {
    if (state.view === 'containers') {
      const layout = containersLayout(bodyHeight, state.opened);
      if (state.pane !== 'list') {
        const selected = rows.containers.find((row) => row.id === state.positions.containers.selectedKey) ?? rows.containers[0];
        const lines = snapshot ? paneLineCount(selected, snapshot, state.pane) : 0;
        const pageSize = Math.max(1, Math.floor((layout.paneHeight - 2) / 2) - 1);
        return { rowKeys: Array.from({ length: lines }, (_, index) => String(index)), pageSize };
      }
      return { rowKeys: rows.containers.map((row) => row.id), pageSize: layout.listHeight };
    }
    if (state.view === 'volumes') return { rowKeys: rows.volumes.map((row) => row.name), pageSize: bodyHeight - 1 };
    if (state.view === 'findings') {
      return { rowKeys: rows.findings.map(findingKey), pageSize: Math.max(3, Math.floor(bodyHeight * 0.45)) };
    }
    return { rowKeys: disk.map((_, index) => String(index)), pageSize: bodyHeight };
  };

  const treeOpen = treeState.status !== 'closed';
  const dialogOpen = dialog.kind !== 'none';
  const scope: KeyScope = feedState.status === 'unreachable' ? 'unreachable' : dialogOpen ? 'dialog' : treeOpen ? 'tree' : state.view;

  /** What Enter drills into here: the selected volume, or the focused pane's layer or volume. */
  const drillTarget = (current: AppState): TreeTarget | null => {
    if (!snapshot) return null;
    const volumeTarget = (name: string | undefined): TreeTarget | null => {
      const volume = snapshot.volumes.find((candidate) => candidate.name === name);
      return volume ? { kind: 'volume', name: volume.name, mountpoint: volume.mountpoint } : null;
    };
    if (current.view === 'volumes') {
      return volumeTarget(rows.volumes[selectedIndex(current.positions.volumes, rows.volumes.map((row) => row.name))]?.name);
    }
    if (current.view !== 'containers' || (current.pane !== 'layer' && current.pane !== 'volumes')) return null;
    const container = rows.containers[selectedIndex(current.positions.containers, rows.containers.map((row) => row.id))];
    if (!container) return null;
    if (current.pane === 'volumes') return volumeTarget(container.volumes[0]?.name);
    return { kind: 'layer', containerId: container.id, containerName: container.name, path: container.writableLayer.path };
  };

  /** A key for the open dialog: typed text while it asks for it, else through the key table. */
  const dialogKey = (store: ActionStore, press: KeyPress) => {
    const open = store.getState();
    if (open.kind === 'prune' && open.step === 'typed' && !press.return && !press.escape) {
      if (press.backspace || press.delete) store.erase();
      else if (press.input && !press.ctrl && !press.meta) store.type(press.input);
      return;
    }
    const action = actionFor(press, 'dialog');
    const mapped = action ? DIALOG_KEYS[action as keyof typeof DIALOG_KEYS] : undefined;
    if (mapped) store.key(mapped);
  };

  const tooSmall = columns < MIN_COLUMNS || terminalRows < MIN_ROWS;
  // Keys pressed while too small are ignored; the screen counts them so nobody wonders.
  const [ignoredKeys, setIgnoredKeys] = useState(0);
  useEffect(() => {
    if (!tooSmall) setIgnoredKeys(0);
  }, [tooSmall]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      // Ctrl-C while an action runs cancels it (a backup then starts stopped containers again).
      if (actions && actionRunning(actions.getState())) return actions.key('escape');
      return exit();
    }
    for (const press of splitKeyPresses({ ...key, input })) {
      // Asked per key: a key earlier in the same read may have opened or closed the dialog.
      if (actions && actions.getState().kind !== 'none') {
        // A dialog not wholly on screen takes nothing but Esc: no confirmation the user cannot read.
        if (tooSmall || !dialogFits(actions.getState(), columns, bodyHeight)) {
          if (press.escape) actions.key('escape');
          else if (tooSmall) setIgnoredKeys((count) => count + 1);
          continue;
        }
        dialogKey(actions, press);
        continue;
      }
      if (tooSmall) {
        if (actionFor(press, 'unreachable') === 'quit') return exit();
        setIgnoredKeys((count) => count + 1);
        continue;
      }
      const current = latest.current;
      if (current.filterEditing) {
        dispatch({ type: 'filterKey', press });
        continue;
      }
      const action = actionFor(press, feedState.status === 'unreachable' ? 'unreachable' : treeOpen ? 'tree' : current.view);
      if (action === 'quit') return exit();
      if (treeOpen && trees) {
        const entries = treeRows(treeState, current.treePath);
        if (action === 'open') {
          const entry = entries[selectedIndex(current.treePosition, entries.map((row) => row.name))];
          if (entry?.directory) dispatch({ type: 'treeInto', name: entry.name });
        } else if (action === 'back') {
          if (current.treePath.length) dispatch({ type: 'treeUp' });
          else trees.close();
        } else if (action === 'refresh') {
          dispatch({ type: 'treeReset' });
          trees.open(treeState.target);
        } else if (action) {
          dispatch({ type: 'treeMove', action, list: { rowKeys: entries.map((row) => row.name), pageSize: Math.max(1, bodyHeight - 3) } });
        }
        continue;
      }
      if ((action === 'prune' || action === 'backup' || action === 'restore') && actions && snapshot) {
        if (action === 'prune') actions.openPrune(snapshot);
        else if (current.view === 'volumes') {
          const volume = rows.volumes[selectedIndex(current.positions.volumes, rows.volumes.map((row) => row.name))];
          if (volume && action === 'backup') actions.openBackup(snapshot, [volume.name]);
          if (volume && action === 'restore') actions.openRestore(volume.name);
        } else if (action === 'backup') {
          const container = rows.containers[selectedIndex(current.positions.containers, rows.containers.map((row) => row.id))];
          if (container) actions.openBackup(snapshot, container.volumes.map((mount) => mount.name));
        }
        return;
      }
      const target = action === 'open' && trees ? drillTarget(current) : null;
      if (target && trees) {
        dispatch({ type: 'treeReset' });
        trees.open(target);
        continue;
      }
      if (action === 'refresh') feed.refresh();
      else if (action === 'openDemo') feed.openDemo();
      else if (action && snapshot) dispatch({ type: 'key', action, list: listContext(current) });
    }
  });

  if (tooSmall) return <TooSmallScreen columns={columns} rows={terminalRows} height={height} ignoredKeys={ignoredKeys} />;
  if (feedState.status === 'connecting') {
    return <MessageScreen title="stowage" lines={[`connecting to ${feedState.address}…`]} height={height} />;
  }
  if (feedState.status === 'unreachable') {
    return (
      <Box flexDirection="column" height={height}>
        <MessageScreen
          title="No Docker engine answered"
          tone="danger"
          lines={[feedState.message, '', 'Press r to try again, d to explore the bundled demo host, q to quit.']}
          height={height - 1}
        />
        <StatusLine scope="unreachable" width={columns} />
      </Box>
    );
  }

  const view = state.view;
  const matches = { containers: rows.containers.length, volumes: rows.volumes.length, disk: disk.length, findings: rows.findings.length }[view];
  return (
    <Box flexDirection="column" height={height} width={columns}>
      <Header snapshot={feedState.snapshot} origin={feedState.origin} readOnly={feed.readOnly} progress={progress} />
      <Tabs view={view} progress={progress} refreshing={feedState.refreshing} findings={feedState.snapshot.findings} />
      <Box height={bodyHeight} flexDirection="column">
        {dialogOpen ? (
          <ActionDialog dialog={dialog} height={bodyHeight} width={columns} />
        ) : state.showHelp ? (
          <HelpScreen height={bodyHeight} width={columns} />
        ) : treeOpen ? (
          <TreeView state={treeState} path={state.treePath} position={state.treePosition} height={bodyHeight} width={columns} />
        ) : view === 'containers' ? (
          <ContainersView snapshot={feedState.snapshot} rows={rows.containers} state={state} height={bodyHeight} width={columns} sizesPending={sizesPending} worst={rows.worst.containers} />
        ) : view === 'volumes' ? (
          <VolumesView snapshot={feedState.snapshot} rows={rows.volumes} state={state} height={bodyHeight} width={columns} sizesPending={sizesPending} worst={rows.worst.volumes} />
        ) : view === 'findings' ? (
          <FindingsView rows={rows.findings} state={state} height={bodyHeight} width={columns} />
        ) : (
          <DiskView lines={disk} state={state} height={bodyHeight} />
        )}
      </Box>
      {filterShown ? (
        <FilterBar text={state.filters[view]} editing={state.filterEditing} matches={matches} />
      ) : null}
      {feedState.error ? <StatusLine scope={scope} width={columns} message={`refresh failed: ${feedState.error}`} /> : <StatusLine scope={scope} width={columns} />}
    </Box>
  );
}
