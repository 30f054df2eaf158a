import { Table as InkTable } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import type { Snapshot } from '../../src/model/types.js';
import { type AppState, type ListContext, selectedIndex, visibleTop } from '../state/app-state.js';
import { BREAKDOWN_TABLE_ROWS, breakdownAsTable, diskBreakdown } from '../derive/disk-lines.js';
import { useTheme } from '../parts/theme.js';

/** Rows left for the scrolled lines under the breakdown's table, when it is shown. */
const linesHeight = (height: number) => (breakdownAsTable(height) ? height - BREAKDOWN_TABLE_ROWS : height);

/** What the keys move through: the lines under the breakdown, a page of their height. */
export function diskList(lines: string[], height: number): ListContext {
  return { rowKeys: lines.map((_, index) => String(index)), pageSize: Math.max(1, linesHeight(height)) };
}

const COLUMNS = ['KIND', { key: 'COUNT', align: 'right' }, { key: 'ACTIVE', align: 'right' }, { key: 'SIZE', align: 'right' }, { key: 'RECLAIMABLE', align: 'right' }] as const;

/**
 * The `system df` breakdown (a table, when the body has room for it), then the largest items of
 * each kind, scrolled with the list keys.
 */
export function DiskView({ snapshot, sizesPending, lines, state, height }: {
  snapshot: Snapshot; sizesPending: boolean; lines: string[]; state: AppState; height: number;
}) {
  const theme = useTheme();
  const position = state.positions.disk;
  const keys = lines.map((_, index) => String(index));
  const index = selectedIndex(position, keys);
  const room = linesHeight(height);
  const top = visibleTop(position, index, room, lines.length);
  return (
    <Box flexDirection="column" height={height}>
      {breakdownAsTable(height) ? <InkTable data={diskBreakdown(snapshot, sizesPending)} columns={[...COLUMNS]} /> : null}
      {lines.slice(top, top + room).map((line, offset) => {
        const heading = line !== '' && !line.startsWith(' ') && top + offset > 0;
        return (
          <Text key={top + offset} wrap="truncate" inverse={top + offset === index} bold={heading} color={heading ? theme.accent : undefined}>
            {line || ' '}
          </Text>
        );
      })}
    </Box>
  );
}
