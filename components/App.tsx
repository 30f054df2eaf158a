import { Box, useApp, useInput, useStdout } from 'ink';
import { useEffect, useInsertionEffect, useMemo, useRef, useState } from 'react';
import type { GrowthStore } from '../src/app/growth-sampler.js';
import type { HostFeed } from '../src/app/host-feed.js';
import type { TreeStore } from '../src/app/tree-store.js';
import { type AppEvent, appReducer, type AppState, initialAppState } from './state/app-state.js';
import type { DialogStore } from './state/dialog-store.js';
import { useExplorerStores } from './state/use-explorer-stores.js';
import { hasField, screenOf } from './dialogs/dialog.js';
import { bodyHeightAt, filterShownIn } from './derive/layout.js';
import { buildKeyContext, dialogShownNow, scopeOf } from './input/key-context.js';
import { routeKey } from './input/key-layers.js';
import { type OnScreen, onScreen } from './input/on-screen.js';
import { usePacedInput } from './input/use-paced-input.js';
import { useTerminalSize } from './input/use-terminal-size.js';
import { DialogView, dialogFits } from './parts/DialogView.js';
import { Header } from './parts/Header.js';
import { HelpScreen } from './parts/HelpScreen.js';
import { MessageScreen, MIN_COLUMNS, MIN_ROWS, TooSmallScreen } from './parts/MessageScreen.js';
import { type FilterLine, Screen } from './parts/Screen.js';
import { StatusLine } from './parts/StatusLine.js';
import { Tabs } from './parts/Tabs.js';
import { TreeView } from './parts/TreeView.js';
import { type HostsControl, HostsHeader } from './views/HostsView.js';
import { useViewData } from './views/view-data.js';
import { HOSTS_DRAWING, type HostsData, VIEW_DRAWINGS } from './views/views.js';

export { MIN_COLUMNS, MIN_ROWS } from './parts/MessageScreen.js';

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
  const { feedState, treeState, dialog, growthView, fleetState, hostRows } = useExplorerStores({ feed, trees, dialogs, growth, hosts });
  // The reducer's latest state is kept in a ref too: a key that arrives before React renders
  // again must see the state the previous key left, not the one on screen.
  const start = startOnHosts && hosts ? { ...initialAppState, view: 'hosts' as const } : initialAppState;
  const latest = useRef<AppState>(start);
  const [state, setState] = useState<AppState>(start);
  // Esc at the top of a host's views goes back to the Hosts view once it has been shown.
  const hostsShown = useRef(startOnHosts);
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

  const height = Math.max(1, terminalRows - 1);
  const filterShown = filterShownIn(state);
  const bodyHeight = bodyHeightAt(terminalRows, filterShown);
  const dataFor = useViewData(snapshot, { height: bodyHeight, width: columns, sizesPending: progress?.diskUsage === 'pending', growth: growthView });
  const hostsData = (current: AppState): HostsData => ({ rows: hostRows(current.filters.hosts), state: current, height: bodyHeight, width: columns, current: hosts?.current ?? '' });
  const tooSmall = columns < MIN_COLUMNS || terminalRows < MIN_ROWS;
  // Before Ink draws this commit (insertion effects run ahead of it): whether it shows all of the dialog.
  const dialogWhole = !tooSmall && feedState.status === 'ready' && dialog !== null && dialogs !== null && dialogFits(dialog, columns, bodyHeight);
  useInsertionEffect(() => frames.laidOut({ dialog: dialogWhole ? screenOf(dialog) : '', columns, rows: terminalRows }));
  // Keys pressed while too small are ignored; the screen counts them so nobody wonders.
  const [ignoredKeys, setIgnoredKeys] = useState(0);
  useEffect(() => {
    if (!tooSmall) setIgnoredKeys(0);
  }, [tooSmall]);
  // Actions act on the live host only: never on the demo shown while no engine answers.
  const changeable = !feed.readOnly && feedState.status === 'ready' && feedState.origin.kind === 'live';
  const filterEditing = state.filterEditing && !dialog;
  const fieldHadKeys = usePacedInput(filterEditing || hasField(dialog, columns), screenOf(dialog));

  const keyContext = () => buildKeyContext({
    state: latest.current, dispatch, feed, feedState, trees, treeState, dialogs, frames, fieldHadKeys: fieldHadKeys.current,
    data: dataFor(latest.current), hostsData: () => hostsData(latest.current), bodyHeight,
    session: { changeable, directory, logsReachable },
    hosts: hosts && { control: hosts, shown: hostsShown.current, markShown: () => void (hostsShown.current = true) },
    exit,
    ignored: () => setIgnoredKeys((count) => count + 1),
  });
  // Ink may call a handler from an earlier render: it reaches this render's context through a ref.
  const currentKeyContext = useRef(keyContext);
  currentKeyContext.current = keyContext;
  useInput((input, key) => routeKey({ ...key, input }, currentKeyContext.current()));

  // The rows the filter leaves are counted only when the filter line shows.
  const filterLine = (text: string, matches: () => number): FilterLine | null => (filterShown ? {
    text, editing: filterEditing, matches: matches(), onChange: (typed) => dispatch({ type: 'filterText', text: typed }), onSubmit: () => dispatch({ type: 'filterDone' }),
  } : null);
  const session = { readOnly: feed.readOnly, hosts: hosts !== null };

  if (tooSmall) return <TooSmallScreen columns={columns} rows={terminalRows} height={height} ignoredKeys={ignoredKeys} />;
  if (state.view === 'hosts' && hosts && !dialog) {
    const data = hostsData(state);
    const answering = data.rows.filter((row) => row.status === 'connecting' || row.collecting).length;
    return (
      <Screen
        width={columns} height={height} bodyHeight={bodyHeight}
        header={<HostsHeader rows={hostRows('')} readOnly={feed.readOnly} />}
        tabs={<Tabs view="hosts" progress={null} refreshing={false} findings={[]} hosts busy={answering ? `${answering} host${answering === 1 ? '' : 's'} collecting…` : ''} />}
        filter={filterLine(state.filters.hosts, () => HOSTS_DRAWING.matches(data))}
        status={{ scope: 'hosts', ...session }}
      >
        {state.showHelp ? <HelpScreen height={bodyHeight} width={columns} {...session} /> : HOSTS_DRAWING.render(data)}
      </Screen>
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
        <StatusLine scope="unreachable" width={columns} {...session} />
      </Box>
    );
  }

  const view = state.view === 'hosts' ? 'containers' : state.view;
  const data = dataFor(state);
  // Several hosts: the header names the one on screen as the Hosts view does.
  const shown = hosts && fleetState.hosts.length > 1 ? fleetState.hosts.find((host) => host.entry.key === hosts.current) : null;
  const hostName = shown && shown.entry.kind === 'context' ? shown.entry.name : null;
  const treeOpen = treeState.status !== 'closed';
  const scope = scopeOf({ unreachable: false, dialogOpen: dialog !== null, treeOpen, view: state.view });
  return (
    <Screen
      width={columns} height={height} bodyHeight={bodyHeight}
      header={<Header snapshot={feedState.snapshot} origin={feedState.origin} readOnly={feed.readOnly} progress={progress} fullInSeconds={growthView?.fullInSeconds ?? null} name={hostName} />}
      tabs={<Tabs view={view} progress={progress} refreshing={feedState.refreshing} findings={feedState.snapshot.findings} hosts={session.hosts} />}
      filter={data ? filterLine(state.filters[view], () => VIEW_DRAWINGS[view].matches(data)) : null}
      status={{ scope, ...session, message: feedState.error ? `refresh failed: ${feedState.error}` : null }}
    >
      {dialog && dialogs ? (
        <DialogView dialog={dialog} onText={(text) => {
          if (dialogShownNow(frames, dialogs.getState(), latest.current)) dialogs.text(text);
        }} height={bodyHeight} width={columns} />
      ) : state.showHelp ? (
        <HelpScreen height={bodyHeight} width={columns} {...session} />
      ) : treeOpen ? (
        <TreeView state={treeState} path={state.treePath} position={state.treePosition} height={bodyHeight} width={columns} />
      ) : data ? (
        VIEW_DRAWINGS[view].render(data)
      ) : null}
    </Screen>
  );
}
