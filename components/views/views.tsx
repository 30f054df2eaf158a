// How each view is drawn, by name: it draws itself and says what the list keys move through (its
// geometry lives beside its component). Its name, key and tab are in src/keys/views.ts; one host's
// views are drawn from its snapshot (view-data.ts), the Hosts view from every host's feed.
import type { ReactNode } from 'react';
import type { HostViewName } from '../../src/keys/views.js';
import type { ContainerStorage, Finding, Severity, Snapshot, VolumeUsage } from '../../src/model/types.js';
import type { AppState, ListContext } from '../state/app-state.js';
import { containersList, ContainersView } from './ContainersView.js';
import type { GrowthById } from '../derive/rows.js';
import { diskList, DiskView } from './DiskView.js';
import { findingsList, FindingsView } from './FindingsView.js';
import { type HostSummary, hostsList, HostsView } from './HostsView.js';
import { volumesList, VolumesView } from './VolumesView.js';

/** What a view is drawn from; the row lists are computed when first read. */
export interface ViewData {
  snapshot: Snapshot;
  state: AppState;
  height: number;
  width: number;
  sizesPending: boolean;
  /** Each container's growth while a live engine is sampled; null otherwise. */
  growth: GrowthById | null;
  readonly containers: ContainerStorage[];
  readonly volumes: VolumeUsage[];
  readonly findings: Finding[];
  readonly disk: string[];
  readonly worst: { containers: Map<string, Severity>; volumes: Map<string, Severity> };
}

export interface ViewDrawing<Data = ViewData> {
  render(data: Data): ReactNode;
  list(data: Data): ListContext;
  /** How many rows the filter leaves. */
  matches(data: Data): number;
}

/** What the Hosts view is drawn from: a row per host, and which one is open. */
export interface HostsData {
  rows: HostSummary[];
  state: AppState;
  height: number;
  width: number;
  current: string;
}

export const HOSTS_DRAWING: ViewDrawing<HostsData> = {
  render: (data) => <HostsView rows={data.rows} state={data.state} height={data.height} width={data.width} current={data.current} />,
  list: (data) => hostsList(data.rows, data.height),
  matches: (data) => data.rows.length,
};

export const VIEW_DRAWINGS: Record<HostViewName, ViewDrawing> = {
  containers: {
    render: (data) => (
      <ContainersView snapshot={data.snapshot} rows={data.containers} state={data.state} height={data.height} width={data.width} sizesPending={data.sizesPending} worst={data.worst.containers} growth={data.growth} />
    ),
    list: (data) => containersList(data.containers, data.snapshot, data.state, data.height),
    matches: (data) => data.containers.length,
  },
  volumes: {
    render: (data) => (
      <VolumesView snapshot={data.snapshot} rows={data.volumes} state={data.state} height={data.height} width={data.width} sizesPending={data.sizesPending} worst={data.worst.volumes} />
    ),
    list: (data) => volumesList(data.volumes, data.height),
    matches: (data) => data.volumes.length,
  },
  disk: {
    render: (data) => <DiskView snapshot={data.snapshot} sizesPending={data.sizesPending} lines={data.disk} state={data.state} height={data.height} />,
    list: (data) => diskList(data.disk, data.height),
    matches: (data) => data.disk.length,
  },
  findings: {
    render: (data) => <FindingsView rows={data.findings} state={data.state} height={data.height} width={data.width} />,
    list: (data) => findingsList(data.findings, data.state, data.height),
    matches: (data) => data.findings.length,
  },
};
