import { Box, Text } from 'ink';
import type { ContainerStorage, Severity, Snapshot } from '../../src/model/types.js';
import { rowMarker } from '../derive/markers.js';
import type { AppState, ListContext, PaneName } from '../state/app-state.js';
import { selectedIndex, selectedRow, visibleTop } from '../state/app-state.js';
import { containerPanes, type PaneText } from '../derive/container-panes.js';
import { displayable } from '../../src/text/displayable.js';
import { formatGrowth, formatSize, truncate, truncateStart } from '../derive/format.js';
import { containerBytes, type GrowthById, growthOf, tmpfsBytes, volumeBytes } from '../derive/rows.js';
import { type Column, Table } from '../parts/Table.js';
import { useTheme } from '../parts/theme.js';

export interface ContainersLayout {
  listHeight: number;
  paneHeight: number;
}

/** How the body splits between the list and the panes. */
export function containersLayout(bodyHeight: number, opened: boolean): ContainersLayout {
  if (opened) return { listHeight: 0, paneHeight: bodyHeight };
  const paneHeight = Math.min(Math.max(8, Math.floor(bodyHeight * 0.45)), bodyHeight - 3);
  return { listHeight: Math.max(1, bodyHeight - paneHeight - 1), paneHeight };
}

/** The lines a pane scrolls through, for the reducer when that pane has the keys. */
function paneLineCount(container: ContainerStorage | undefined, snapshot: Snapshot, pane: PaneName): number {
  if (!container || pane === 'list') return 0;
  return containerPanes(container, snapshot, false)[pane].lines.length;
}

/** A pane's height in rows: the panes sit two by two under the list. */
const paneRowHeightOf = (paneHeight: number) => Math.max(2, Math.floor((paneHeight - 2) / 2));

/** What the keys move through: the list, or the focused pane's lines (a page is the pane's height). */
export function containersList(rows: ContainerStorage[], snapshot: Snapshot, state: AppState, height: number): ListContext {
  const layout = containersLayout(height, state.opened);
  if (state.pane === 'list') return { rowKeys: rows.map((row) => row.id), pageSize: layout.listHeight };
  const selected = selectedRow(state.positions.containers, rows, (row) => row.id) ?? undefined;
  const lines = paneLineCount(selected, snapshot, state.pane);
  return { rowKeys: Array.from({ length: lines }, (_, index) => String(index)), pageSize: Math.max(1, paneRowHeightOf(layout.paneHeight) - 1) };
}

/** The columns; GROWTH only while something samples the host (a live engine). */
export function containerColumns(width: number, pending: boolean, growth: GrowthById | null = null): Column<ContainerStorage>[] {
  const size = (bytes: number | null) => formatSize(bytes, pending);
  // Fixed columns with their separators: state, layer, volumes, binds, tmpfs, log (and growth).
  const fixed = 8 + 8 + 8 + 6 + 10 + 8 + (growth ? 10 : 0);
  const flexible = Math.max(growth ? 18 : 20, width - 3 - fixed - 1);
  const nameWidth = Math.min(48, Math.ceil(flexible * 0.55));
  const imageWidth = Math.min(40, flexible - nameWidth);
  return [
    { header: 'NAME', width: nameWidth, cell: (c) => c.name },
    { header: 'IMAGE', width: imageWidth, cell: (c) => c.image },
    { header: 'STATE', width: 7, cell: (c) => c.state },
    { header: 'LAYER', width: 7, align: 'right', cell: (c) => size(c.writableLayer.sizeBytes) },
    { header: 'VOLUMES', width: 7, align: 'right', cell: (c) => (c.volumes.length ? size(volumeBytes(c)) : '-') },
    { header: 'BINDS', width: 5, align: 'right', cell: (c) => String(c.bindMounts.length || '-') },
    { header: 'TMPFS', width: 9, align: 'right', cell: (c) => (c.detailsPending ? '…' : c.tmpfs.length ? tmpfsLabel(c) : '-') },
    { header: 'LOG', width: 7, align: 'right', cell: (c) => (c.detailsPending ? '…' : c.log.path ? formatSize(c.log.sizeBytes) : '-') },
    ...(growth ? [{ header: 'GROWTH', width: 9, align: 'right' as const, cell: (c: ContainerStorage) => formatGrowth(growthOf(growth, c)) }] : []),
  ];
}

function tmpfsLabel(container: ContainerStorage): string {
  return container.tmpfs.some((mount) => mount.sizeBytes === null) ? 'unbounded' : formatSize(tmpfsBytes(container));
}

const SORT_HEADERS: Record<string, string> = {
  name: 'NAME', image: 'IMAGE', state: 'STATE', layer: 'LAYER', volumes: 'VOLUMES', binds: 'BINDS', tmpfs: 'TMPFS', log: 'LOG', growth: 'GROWTH',
};

/** A path keeps its end, where the telling part is; other lines keep their start. */
function fitLine(line: string, width: number): string {
  return line.startsWith('at /') ? `at ${truncateStart(line.slice(3), width - 3)}` : truncate(line, width);
}

function Pane({ pane, text, focused, height, width, scroll }: {
  pane: PaneName; text: PaneText; focused: boolean; height: number; width: number; scroll: number;
}) {
  const theme = useTheme();
  const room = Math.max(0, height - 1);
  const start = focused ? Math.min(scroll, Math.max(0, text.lines.length - room)) : 0;
  const shown = text.lines.slice(start, start + room);
  const more = text.lines.length - start - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height} paddingRight={1}>
      <Text wrap="truncate" bold inverse={focused} color={focused ? undefined : theme.accent}>
        {`${focused ? '▸' : ' '}${text.title}${more > 0 ? `  (+${more})` : ''}`}
      </Text>
      {shown.map((line, index) => (
        <Text key={`${pane}-${start + index}`} wrap="truncate">{` ${fitLine(line, width - 2)}`}</Text>
      ))}
    </Box>
  );
}

export function ContainersView({ snapshot, rows, state, height, width, sizesPending, worst, growth = null }: {
  snapshot: Snapshot; rows: ContainerStorage[]; state: AppState; height: number; width: number; sizesPending: boolean;
  worst: Map<string, Severity>; growth?: GrowthById | null;
}) {
  const theme = useTheme();
  const layout = containersLayout(height, state.opened);
  const position = state.positions.containers;
  const index = selectedIndex(position, rows.map((row) => row.id));
  const selected = rows[index];
  const top = visibleTop(position, index, layout.listHeight, rows.length);
  const panes = selected ? containerPanes(selected, snapshot, sizesPending) : null;
  const half = Math.floor(width / 2);
  const paneRowHeight = paneRowHeightOf(layout.paneHeight);
  const paneProps = (pane: Exclude<PaneName, 'list'>) => ({
    pane, text: panes![pane], focused: state.pane === pane, height: paneRowHeight, scroll: state.paneScroll,
  });
  return (
    <Box flexDirection="column" height={height}>
      {layout.listHeight > 0 ? (
        rows.length ? (
          <Table
            columns={containerColumns(width, sizesPending, growth)}
            rows={rows.slice(top, top + layout.listHeight)}
            rowKey={(row) => row.id}
            selectedKey={selected?.id ?? null}
            marker={(row) => rowMarker(worst, row.name, theme)}
            height={layout.listHeight}
            sortedBy={state.containerSort.key === 'size' ? undefined : SORT_HEADERS[state.containerSort.key]}
            descending={state.containerSort.descending}
            focused={state.pane === 'list'}
          />
        ) : (
          <Box height={layout.listHeight + 1}><Text color={theme.muted}>{state.filters.containers ? 'No container matches the filter.' : 'No containers on this host.'}</Text></Box>
        )
      ) : null}
      {panes && selected ? (
        <Box flexDirection="column" height={layout.paneHeight}>
          <Text wrap="truncate" bold color={theme.accent}>
            {`── ${displayable(`${selected.name} · ${selected.image} · ${selected.state}`)} · ${formatSize(containerBytes(selected), sizesPending)} on disk ${'─'.repeat(width)}`}
          </Text>
          <Box><Pane {...paneProps('layer')} width={half} /><Pane {...paneProps('binds')} width={width - half} /></Box>
          <Box><Pane {...paneProps('volumes')} width={half} /><Pane {...paneProps('tmpfs')} width={width - half} /></Box>
          <Text wrap="truncate">{panes.log}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
