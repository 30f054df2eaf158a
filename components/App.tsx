import { Box, useApp, useInput, useStdout } from 'ink';
import { useEffect, useInsertionEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { GrowthStore, GrowthView } from '../src/app/growth-sampler.js';
import type { FeedState, HostFeed } from '../src/app/host-feed.js';
import type { TreeState, TreeStore, TreeTarget } from '../src/app/tree-store.js';
import type { Snapshot } from '../src/model/types.js';
import { type AppEvent, appReducer, type AppState, initialAppState, selectedRow } from './state/app-state.js';
import { DialogView, dialogFits } from './parts/DialogView.js';
import type { DialogStore } from './state/dialog-store.js';
import { type Dialog, hasField, screenOf } from './dialogs/dialog.js';
import { openBackup } from './dialogs/backup-dialog.js';
import { openPrune } from './dialogs/prune-dialog.js';
import { openRestore } from './dialogs/restore-dialog.js';
import { openTruncate } from './dialogs/truncate-dialog.js';
import { LOGS_NOT_REACHABLE } from '../src/actions/truncate-log.js';
import { findingKey } from './views/FindingsView.js';
import { breakdownAsTable, diskLines } from './derive/disk-lines.js';
import { FilterBar } from './parts/FilterBar.js';
import { Header } from './parts/Header.js';
import { HelpScreen } from './parts/HelpScreen.js';
import { type KeyContext, routeKey, scopeOf } from './input/key-layers.js';
import { worstSeverities } from './derive/markers.js';
import { MessageScreen, MIN_COLUMNS, MIN_ROWS, TooSmallScreen } from './parts/MessageScreen.js';
import { type OnScreen, onScreen } from './input/on-screen.js';
import { containerRows, findingRows, volumeRows } from './derive/rows.js';
import { StatusLine } from './parts/StatusLine.js';
import { Tabs } from './parts/Tabs.js';
import { treeList, treeRows, TreeView } from './parts/TreeView.js';
import { usePacedInput } from './input/use-paced-input.js';
import { useTerminalSize } from './input/use-terminal-size.js';
import { type HostsControl, HostsHeader, hostRows, type HostSummary } from './views/HostsView.js';
import { HOSTS_VIEW, type ViewData, VIEWS } from './views/views.js';
import type { FleetState } from '../src/app/fleet.js';

export { MIN_COLUMNS, MIN_ROWS } from './parts/MessageScreen.js';
const HEADER_LINES = 4;

/** The rows under the header, above the filter and status line (Ink 6 repaints all of a frame as tall as the terminal: one row is left). */
const bodyHeightAt = (rows: number, filterShown: boolean) => Math.max(1, Math.max(1, rows - 1) - HEADER_LINES - 1 - (filterShown ? 1 : 0));
const filterShownIn = (state: AppState) => state.filterEditing || state.filters[state.view] !== '';

/** A function that computes again only when its arguments change (by identity). */
function lastValue<A extends unknown[], T>(compute: (...args: A) => T): (...args: A) => T {
  let last: { args: A; value: T } | null = null;
  return (...args) => {
    if (!last || args.some((arg, index) => arg !== last!.args[index])) last = { args, value: compute(...args) };
    return last.value;
  };
}

/**
 * What the views are drawn from, for a state (the one on screen, or the one the last key left).
 * Each list is computed when first read: a collection update on a host with thousands of volumes
 * then re-sorts only the list on screen.
 */
function useViewData(snapshot: Snapshot | null, height: number, width: number, sizesPending: boolean, growth: GrowthView | null): (state: AppState) => ViewData | null {
  const cache = useRef<{
    containers: typeof containerRows; volumes: typeof volumeRows; findings: typeof findingRows; worst: typeof worstSeverities; disk: typeof diskLines;
  } | null>(null);
  cache.current ??= {
    containers: lastValue(containerRows), volumes: lastValue(volumeRows), findings: lastValue(findingRows), worst: lastValue(worstSeverities), disk: lastValue(diskLines),
  };
  const computed = cache.current;
  return (state) => snapshot && {
    snapshot, state, height, width, sizesPending, growth: growth?.byId ?? null,
    // New samples re-sort the list only when it is sorted by growth.
    get containers() { return computed.containers(snapshot, state.filters.containers, state.containerSort, state.containerSort.key === 'growth' ? growth?.byId ?? null : null); },
    get volumes() { return computed.volumes(snapshot, state.filters.volumes, state.volumeSort); },
    get findings() { return computed.findings(snapshot, state.filters.findings); },
    get disk() { return computed.disk(snapshot, sizesPending, breakdownAsTable(height)); },
    get worst() { return computed.worst(snapshot); },
  };
}

const CLOSED_TREE: TreeState = { status: 'closed' };
const noTrees = { subscribe: () => () => undefined, getState: () => CLOSED_TREE };
const noDialogs = { subscribe: () => () => undefined, getState: (): Dialog | null => null };
const noGrowth: GrowthStore = { subscribe: () => () => undefined, getState: () => null };
const NOT_YET_SAMPLED: GrowthView = { byId: new Map(), fullInSeconds: null };
const NO_FLEET: FleetState = { hosts: [], started: false };
const noFleet = { subscribe: () => () => undefined, getState: () => NO_FLEET };

/** The explorer: header, tabs, the current view or dialog, the filter and the status line; keys go through the layers. */
export function App({ feed, trees = null, dialogs = null, growth = null, directory = process.cwd(), logsReachable = false, hosts = null, startOnHosts = false, screen = null }: {
  feed: HostFeed; trees?: TreeStore | null; dialogs?: DialogStore | null; growth?: GrowthStore | null; directory?: string;
  /** stowage runs on the engine's host: its log files can be truncated from here. */
  logsReachable?: boolean;
  /** The Hosts view's fleet and the host on screen; null in the demo and on a saved snapshot. */
  hosts?: HostsControl | null;
  /** Open on the Hosts view (several hosts were named). */
  startOnHosts?: boolean;
  /** What the frames drawn showed, and the terminal's size now; without it each commit counts as drawn. */
  screen?: OnScreen | null;
}) {
  const { exit } = useApp();
  const feedState: FeedState = useSyncExternalStore(feed.subscribe, feed.getState);
  const treeState: TreeState = useSyncExternalStore((trees ?? noTrees).subscribe, (trees ?? noTrees).getState);
  const dialog = useSyncExternalStore((dialogs ?? noDialogs).subscribe, (dialogs ?? noDialogs).getState);
  // Sampled (a live engine): the column shows from the start, "—" until the first rates.
  const growthView = useSyncExternalStore((growth ?? noGrowth).subscribe, (growth ?? noGrowth).getState) ?? (growth ? NOT_YET_SAMPLED : null);
  // The reducer's latest state is kept in a ref too: a key that arrives before React renders
  // again must see the state the previous key left, not the one on screen.
  const start = startOnHosts && hosts ? { ...initialAppState, view: 'hosts' as const } : initialAppState;
  const latest = useRef<AppState>(start);
  const [state, setState] = useState<AppState>(start);
  // Esc at the top of a host's views goes back to the Hosts view once it has been shown.
  const hostsShown = useRef(startOnHosts);
  const fleetStore = hosts?.fleet ?? noFleet;
  const fleetState = useSyncExternalStore(fleetStore.subscribe, fleetStore.getState);
  const rowsCache = useRef(lastValue((fleet: FleetState, filter: string): HostSummary[] => (hosts && fleet.hosts.length ? hostRows(hosts.fleet, filter) : [])));
  const hostsFor = (current: AppState) => rowsCache.current(fleetState, current.filters.hosts);
  const dispatch = (event: AppEvent) => {
    latest.current = appReducer(latest.current, event);
    setState(latest.current);
  };
  const { columns, rows: terminalRows } = useTerminalSize();
  const { stdout } = useStdout();
  const commits = useMemo(() => onScreen(() => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 }), { framesReported: false, settleMs: 0 }), [stdout]);
  const frames = screen ?? commits;
  const snapshot = feedState.status === 'ready' ? feedState.snapshot : null;
  const progress = feedState.status === 'ready' ? feedState.progress : null;
  const sizesPending = progress?.diskUsage === 'pending';

  const height = Math.max(1, terminalRows - 1);
  const filterShown = filterShownIn(state);
  const bodyHeight = bodyHeightAt(terminalRows, filterShown);
  const dataFor = useViewData(snapshot, bodyHeight, columns, sizesPending, growthView);
  const data = dataFor(state);
  const tooSmall = columns < MIN_COLUMNS || terminalRows < MIN_ROWS;
  // Before Ink draws this commit (insertion effects run ahead of it): whether it shows all of the dialog.
  const dialogWhole = !tooSmall && feedState.status === 'ready' && dialog !== null && dialogs !== null && dialogFits(dialog, columns, bodyHeight);
  useInsertionEffect(() => frames.laidOut({ dialog: dialogWhole ? screenOf(dialog) : '', columns, rows: terminalRows }));
  /** Whether a key handled now may act on the open dialog: the last frame showed it wholly at the size the terminal has now. */
  const dialogShownNow = (open: Dialog | null, current: AppState, now = frames.size()) => {
    if (!open) return false;
    return frames.showsWholly(screenOf(open), now) && dialogFits(open, now.columns, bodyHeightAt(now.rows, filterShownIn(current)));
  };
  // Keys pressed while too small are ignored; the screen counts them so nobody wonders.
  const [ignoredKeys, setIgnoredKeys] = useState(0);
  useEffect(() => {
    if (!tooSmall) setIgnoredKeys(0);
  }, [tooSmall]);
  const treeOpen = treeState.status !== 'closed';
  // Actions act on the live host only: never on the demo shown while no engine answers.
  const changeable = !feed.readOnly && feedState.status === 'ready' && feedState.origin.kind === 'live';
  const filterEditing = state.filterEditing && !dialog;
  const fieldHadKeys = usePacedInput(filterEditing || hasField(dialog, columns), dialog ? `${dialog.kind}:${'step' in dialog ? dialog.step : ''}` : '');
  const scope = scopeOf({ unreachable: feedState.status === 'unreachable', dialogOpen: dialog !== null, treeOpen, view: state.view });
  const hostsData = (current: AppState) => ({ rows: hostsFor(current), state: current, height: bodyHeight, width: columns, current: hosts?.current ?? '' });

  const keyContext = (): KeyContext => {
    const current = latest.current;
    const currentData = dataFor(current);
    const open = dialogs?.getState() ?? null;
    const now = frames.size();
    const selectedVolume = () => (currentData ? selectedRow(current.positions.volumes, currentData.volumes, (row) => row.name)?.name ?? null : null);
    const selectedContainer = () => (currentData ? selectedRow(current.positions.containers, currentData.containers, (row) => row.id) : null);
    const volumeTarget = (name: string | null | undefined): TreeTarget | null => {
      const volume = snapshot?.volumes.find((candidate) => candidate.name === name);
      return volume ? { kind: 'volume', name: volume.name, mountpoint: volume.mountpoint } : null;
    };
    return {
      state: current,
      dispatch,
      scope: scopeOf({ unreachable: feedState.status === 'unreachable', dialogOpen: open !== null, treeOpen, view: current.view }),
      tooSmall: now.columns < MIN_COLUMNS || now.rows < MIN_ROWS,
      fieldHadKeys: fieldHadKeys.current,
      dialog: open,
      dialogShown: dialogShownNow(open, current, now),
      dialogs,
      tree: trees && treeOpen ? {
        state: treeState,
        store: trees,
        list: () => treeList(treeState, current.treePath, bodyHeight),
        selectedDirectory: () => {
          const entry = selectedRow(current.treePosition, treeRows(treeState, current.treePath), (row) => row.name);
          return entry?.directory ? entry.name : null;
        },
      } : null,
      snapshot,
      list: () => (current.view === 'hosts'
        ? HOSTS_VIEW.list(hostsData(current))
        : currentData ? VIEWS[current.view].list(currentData) : { rowKeys: [], pageSize: 1 }),
      selectedVolume,
      selectedContainer,
      selectedFinding: () => (currentData ? selectedRow(current.positions.findings, currentData.findings, findingKey) : null),
      drillTarget: () => {
        if (!trees || !snapshot) return null;
        if (current.view === 'volumes') return volumeTarget(selectedVolume());
        if (current.view !== 'containers' || (current.pane !== 'layer' && current.pane !== 'volumes')) return null;
        const container = selectedContainer();
        if (!container) return null;
        if (current.pane === 'volumes') return volumeTarget(container.volumes[0]?.name);
        return { kind: 'layer', containerId: container.id, containerName: container.name, path: container.writableLayer.path };
      },
      open: {
        prune: () => snapshot && dialogs?.open(openPrune(snapshot, !changeable), snapshot),
        backup: (volumes) => snapshot && dialogs?.open(openBackup(snapshot, volumes, directory, !changeable, new Date()), snapshot),
        restore: (volume) => dialogs?.open(openRestore(volume, directory, !changeable), snapshot),
        truncate: (container) => dialogs?.open(openTruncate(container, !changeable, logsReachable ? null : LOGS_NOT_REACHABLE), snapshot),
        tree: (target) => trees?.open(target),
      },
      refresh: () => feed.refresh(),
      openDemo: () => feed.openDemo(),
      hosts: hosts && {
        selected: () => selectedRow(current.positions.hosts, hostsFor(current), (row) => row.key)?.key ?? null,
        open: (key, view) => {
          dispatch({ type: 'hostOpened', view });
          hosts.open(key, view);
        },
        show: () => {
          hostsShown.current = true;
          hosts.fleet.start();
          dispatch({ type: 'showHosts' });
        },
        refresh: () => hosts.fleet.refresh(),
        backGoesThere: hostsShown.current,
      },
      exit,
      ignored: () => setIgnoredKeys((count) => count + 1),
    };
  };

  // Ink may call a handler from an earlier render: it reaches this render's context through a ref.
  const currentKeyContext = useRef(keyContext);
  currentKeyContext.current = keyContext;
  useInput((input, key) => routeKey({ ...key, input }, currentKeyContext.current()));

  if (tooSmall) return <TooSmallScreen columns={columns} rows={terminalRows} height={height} ignoredKeys={ignoredKeys} />;
  if (state.view === 'hosts' && hosts && !dialog) {
    const data = hostsData(state);
    const answering = data.rows.filter((row) => row.status === 'connecting' || row.collecting).length;
    return (
      <Box flexDirection="column" height={height} width={columns}>
        <HostsHeader rows={hostsFor({ ...state, filters: { ...state.filters, hosts: '' } })} readOnly={feed.readOnly} />
        <Tabs view="hosts" progress={null} refreshing={false} findings={[]} hosts busy={answering ? `${answering} host${answering === 1 ? '' : 's'} collecting…` : ''} />
        <Box height={bodyHeight} flexDirection="column">
          {state.showHelp ? <HelpScreen height={bodyHeight} width={columns} readOnly={feed.readOnly} hosts /> : HOSTS_VIEW.render(data)}
        </Box>
        {filterShown ? (
          <FilterBar
            text={state.filters.hosts}
            editing={filterEditing}
            matches={HOSTS_VIEW.matches(data)}
            onChange={(text) => dispatch({ type: 'filterText', text })}
            onSubmit={() => dispatch({ type: 'filterDone' })}
          />
        ) : null}
        <StatusLine scope="hosts" width={columns} readOnly={feed.readOnly} hosts />
      </Box>
    );
  }
  if (feedState.status === 'connecting') {
    return <MessageScreen title="stowage" lines={[`connecting to ${feedState.address}…`]} height={height} />;
  }
  if (feedState.status === 'unreachable') {
    return (
      <Box flexDirection="column" height={height}>
        <MessageScreen
          title="No Docker engine answered"
          tone="danger"
          lines={[feedState.message, '', `Press r to try again, d to explore the bundled demo host,${hosts ? ' Esc for the hosts,' : ''} q to quit.`]}
          height={height - 1}
        />
        <StatusLine scope="unreachable" width={columns} readOnly={feed.readOnly} hosts={hosts !== null} />
      </Box>
    );
  }

  const view = state.view === 'hosts' ? 'containers' : state.view;
  // Several hosts: the header names the one on screen as the Hosts view does.
  const shown = hosts && fleetState.hosts.length > 1 ? fleetState.hosts.find((host) => host.entry.key === hosts.current) : null;
  const hostName = shown && shown.entry.kind === 'context' ? shown.entry.name : null;
  return (
    <Box flexDirection="column" height={height} width={columns}>
      <Header snapshot={feedState.snapshot} origin={feedState.origin} readOnly={feed.readOnly} progress={progress} fullInSeconds={growthView?.fullInSeconds ?? null} name={hostName} />
      <Tabs view={view} progress={progress} refreshing={feedState.refreshing} findings={feedState.snapshot.findings} hosts={hosts !== null} />
      <Box height={bodyHeight} flexDirection="column">
        {dialog && dialogs ? (
          <DialogView dialog={dialog} onText={(text) => {
            if (dialogShownNow(dialogs.getState(), latest.current)) dialogs.text(text);
          }} height={bodyHeight} width={columns} />
        ) : state.showHelp ? (
          <HelpScreen height={bodyHeight} width={columns} readOnly={feed.readOnly} hosts={hosts !== null} />
        ) : treeOpen ? (
          <TreeView state={treeState} path={state.treePath} position={state.treePosition} height={bodyHeight} width={columns} />
        ) : data ? (
          VIEWS[view].render(data)
        ) : null}
      </Box>
      {filterShown && data ? (
        <FilterBar
          text={state.filters[view]}
          editing={filterEditing}
          matches={VIEWS[view].matches(data)}
          onChange={(text) => dispatch({ type: 'filterText', text })}
          onSubmit={() => dispatch({ type: 'filterDone' })}
        />
      ) : null}
      <StatusLine scope={scope} width={columns} readOnly={feed.readOnly} hosts={hosts !== null} message={feedState.error ? `refresh failed: ${feedState.error}` : null} />
    </Box>
  );
}
