import { Box, Text } from 'ink';
import type { Severity, Snapshot, VolumeUsage } from '../../src/model/types.js';
import { rowMarker } from '../derive/markers.js';
import { type AppState, type ListContext, selectedIndex, visibleTop } from '../state/app-state.js';
import { displayable } from '../../src/text/displayable.js';
import { formatSize, truncate } from '../derive/format.js';
import { type Column, Table } from '../parts/Table.js';
import { useTheme } from '../parts/theme.js';

export function volumeColumns(width: number, pending: boolean): Column<VolumeUsage>[] {
  const fixed = 10 + 9 + 6 + 13 + 5;
  const flexible = Math.max(20, width - 3 - fixed - 1);
  const nameWidth = Math.min(64, Math.ceil(flexible * 0.5));
  return [
    { header: 'NAME', width: nameWidth, cell: (v) => v.name },
    { header: 'KIND', width: 9, cell: (v) => (v.anonymous ? 'anonymous' : 'named') },
    { header: 'SIZE', width: 8, align: 'right', cell: (v) => formatSize(v.sizeBytes, pending) },
    { header: 'USERS', width: 5, align: 'right', cell: (v) => String(v.refCount) },
    { header: 'PROJECT', width: 12, cell: (v) => v.composeProject ?? '' },
    { header: 'USED BY', width: Math.max(8, flexible - nameWidth), cell: (v) => (v.dangling ? 'DANGLING (no container)' : v.containers.join(', ')) },
  ];
}

const SORT_HEADERS: Record<string, string> = { size: 'SIZE', name: 'NAME', kind: 'KIND', users: 'USERS', project: 'PROJECT' };

function VolumeDetail({ volume, snapshot, height, width, pending }: {
  volume: VolumeUsage; snapshot: Snapshot; height: number; width: number; pending: boolean;
}) {
  const theme = useTheme();
  const users = snapshot.containers.flatMap((container) =>
    container.volumes
      .filter((mount) => mount.name === volume.name)
      .map((mount) => `${container.name} (${container.state}) → ${mount.destination} ${mount.readOnly ? 'ro' : 'rw'}`),
  );
  const lines = [
    `${volume.anonymous ? 'anonymous' : 'named'} volume, ${formatSize(volume.sizeBytes, pending)}, driver ${volume.driver}`,
    `mountpoint ${volume.mountpoint ?? '?'}`,
    `created ${volume.createdAt ?? '?'}`,
    volume.composeProject ? `compose project ${volume.composeProject}, volume ${volume.composeVolume ?? '?'}: \`docker compose down -v\` removes it` : '',
    volume.dangling ? 'DANGLING: no container uses it; `docker volume prune` would consider it' : `used by ${volume.refCount}:`,
    ...users.map((user) => `  ${user}`),
    ...Object.entries(volume.labels).map(([key, value]) => `label ${key}=${value}`),
  ].filter(Boolean).map(displayable);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent} wrap="truncate">{`── ${displayable(volume.name)} ${'─'.repeat(width)}`}</Text>
      {lines.slice(0, height - 1).map((line, index) => (
        <Text key={index} wrap="truncate">{truncate(line, width)}</Text>
      ))}
    </Box>
  );
}

/** What the keys move through: the volumes, a page of the list's height (its header takes a row). */
export function volumesList(rows: VolumeUsage[], height: number): ListContext {
  return { rowKeys: rows.map((row) => row.name), pageSize: Math.max(1, height - 1) };
}

export function VolumesView({ snapshot, rows, state, height, width, sizesPending, worst }: {
  snapshot: Snapshot; rows: VolumeUsage[]; state: AppState; height: number; width: number; sizesPending: boolean;
  worst: Map<string, Severity>;
}) {
  const theme = useTheme();
  const position = state.positions.volumes;
  const index = selectedIndex(position, rows.map((row) => row.name));
  const selected = rows[index];
  if (state.opened && selected) {
    return <VolumeDetail volume={selected} snapshot={snapshot} height={height} width={width} pending={sizesPending} />;
  }
  const listHeight = volumesList(rows, height).pageSize;
  const top = visibleTop(position, index, listHeight, rows.length);
  if (!rows.length) {
    return <Box height={height}><Text color={theme.muted}>{state.filters.volumes ? 'No volume matches the filter.' : 'No volumes on this host.'}</Text></Box>;
  }
  return (
    <Table
      columns={volumeColumns(width, sizesPending)}
      rows={rows.slice(top, top + listHeight)}
      rowKey={(row) => row.name}
      selectedKey={selected?.name ?? null}
      marker={(row) => rowMarker(worst, row.name, theme)}
      height={listHeight}
      sortedBy={state.volumeSort.key === 'size' && state.volumeSort.descending ? undefined : SORT_HEADERS[state.volumeSort.key]}
      descending={state.volumeSort.descending}
      focused
    />
  );
}
