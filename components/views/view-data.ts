// What the views are drawn from, for a state (the one on screen, or the one the last key left).
// Each list is computed when first read, and again only when what it is made from changes: a
// collection update on a host with thousands of volumes then re-sorts only the list on screen.
import { useRef } from 'react';
import type { GrowthView } from '../../src/app/growth-sampler.js';
import type { Snapshot } from '../../src/model/types.js';
import type { AppState } from '../state/app-state.js';
import { breakdownAsTable, diskLines } from '../derive/disk-lines.js';
import { worstSeverities } from '../derive/markers.js';
import { containerRows, findingRows, volumeRows } from '../derive/rows.js';
import type { ViewData } from './views.js';
import { lastValue } from '../derive/last-value.js';

/** The lists last computed, kept from one frame to the next. */
export function viewListCache() {
  return {
    containers: lastValue(containerRows), volumes: lastValue(volumeRows), findings: lastValue(findingRows), worst: lastValue(worstSeverities), disk: lastValue(diskLines),
  };
}
export type ViewListCache = ReturnType<typeof viewListCache>;

/** What the body has room for, and what is still being collected. */
export interface ViewLayout {
  height: number;
  width: number;
  sizesPending: boolean;
  growth: GrowthView | null;
}

export function viewDataFor(computed: ViewListCache, snapshot: Snapshot | null, { height, width, sizesPending, growth }: ViewLayout): (state: AppState) => ViewData | null {
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

/** `viewDataFor`, with its lists kept for the life of the component. */
export function useViewData(snapshot: Snapshot | null, layout: ViewLayout): (state: AppState) => ViewData | null {
  const cache = useRef<ViewListCache | null>(null);
  cache.current ??= viewListCache();
  return viewDataFor(cache.current, snapshot, layout);
}
