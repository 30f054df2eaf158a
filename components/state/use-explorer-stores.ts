// The explorer's stores as React state: the host's feed, its drill-down, its dialog, its growth
// and the fleet of the Hosts view, each read through subscribe/getState; a store not there (the
// demo, a saved snapshot) reads as empty.
import { useRef, useSyncExternalStore } from 'react';
import type { FleetState } from '../../src/app/fleet.js';
import type { GrowthStore, GrowthView } from '../../src/app/growth-sampler.js';
import type { FeedState, HostFeed } from '../../src/app/host-feed.js';
import type { Store } from '../../src/app/store.js';
import type { TreeState, TreeStore } from '../../src/app/tree-store.js';
import type { Dialog } from '../dialogs/dialog.js';
import { lastValue } from '../derive/last-value.js';
import { type HostsControl, hostRows, type HostSummary } from '../views/HostsView.js';
import type { DialogStore } from './dialog-store.js';

const unchanging = <T>(value: T): Store<T> => ({ subscribe: () => () => undefined, getState: () => value });
const CLOSED_TREE = unchanging<TreeState>({ status: 'closed' });
const NO_DIALOG = unchanging<Dialog | null>(null);
const NO_GROWTH = unchanging<GrowthView | null>(null);
const NO_FLEET = unchanging<FleetState>({ hosts: [], started: false });
const NOT_YET_SAMPLED: GrowthView = { byId: new Map(), fullInSeconds: null };

const useStore = <T>(store: Store<T>) => useSyncExternalStore(store.subscribe, store.getState);

export interface ExplorerStores {
  feedState: FeedState;
  treeState: TreeState;
  dialog: Dialog | null;
  /** Each container's growth; null when it is not sampled (no live engine). */
  growthView: GrowthView | null;
  fleetState: FleetState;
  /** The Hosts view's rows, with `filter` applied; none without a fleet. */
  hostRows(filter: string): HostSummary[];
}

export function useExplorerStores({ feed, trees, dialogs, growth, hosts }: {
  feed: HostFeed; trees: TreeStore | null; dialogs: DialogStore | null; growth: GrowthStore | null; hosts: HostsControl | null;
}): ExplorerStores {
  const feedState = useStore<FeedState>(feed);
  const treeState = useStore(trees ?? CLOSED_TREE);
  const dialog = useStore<Dialog | null>(dialogs ?? NO_DIALOG);
  // Sampled (a live engine): the column shows from the start, "—" until the first rates.
  const growthView = useStore(growth ?? NO_GROWTH) ?? (growth ? NOT_YET_SAMPLED : null);
  const fleetState = useStore(hosts?.fleet ?? NO_FLEET);
  const rows = useRef(lastValue((fleet: FleetState, filter: string): HostSummary[] => (hosts && fleet.hosts.length ? hostRows(hosts.fleet, filter) : [])));
  return { feedState, treeState, dialog, growthView, fleetState, hostRows: (filter) => rows.current(fleetState, filter) };
}
