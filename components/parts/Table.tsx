import { Box, Text } from 'ink';
import { memo } from 'react';
import { displayable } from '../../src/text/displayable.js';
import { padEnd, padStart } from '../derive/format.js';
import { useTheme } from './theme.js';

export interface Column<Row> {
  header: string;
  width: number;
  align?: 'left' | 'right';
  cell: (row: Row) => string;
}

/** A cell's text at its column's width, made displayable first: cells hold names from the engine. */
function fit<Row>(column: Column<Row>, text: string): string {
  const shown = displayable(text);
  return column.align === 'right' ? padStart(shown, column.width) : padEnd(shown, column.width);
}

interface TableProps<Row> {
  columns: Column<Row>[];
  /** Only the rows on screen: long lists are windowed by the caller. */
  rows: Row[];
  rowKey: (row: Row) => string;
  selectedKey: string | null;
  /** Marks a row (for example "!" for a dangling volume), so meaning never rests on color alone. */
  marker?: (row: Row) => { text: string; color?: string | undefined } | null;
  height: number;
  sortedBy?: string;
  descending?: boolean;
  focused: boolean;
}

const TableRow = memo(function TableRow({ line, selected, focused, markerText, markerColor }: {
  line: string; selected: boolean; focused: boolean; markerText: string; markerColor: string | undefined;
}) {
  return (
    <Text wrap="truncate" inverse={selected && focused} bold={selected}>
      {selected ? '>' : ' '}
      <Text color={selected && focused ? undefined : markerColor}>{markerText}</Text>
      {` ${line}`}
    </Text>
  );
});

/** A table whose rows are single lines of fixed-width cells, cheap to redraw: 3 columns of selection and marker, then the cells. */
export function Table<Row>({ columns, rows, rowKey, selectedKey, marker, height, sortedBy, descending, focused }: TableProps<Row>) {
  const theme = useTheme();
  const header = columns
    .map((column) => fit(column, column.header === sortedBy ? `${column.header}${descending ? '↓' : '↑'}` : column.header))
    .join(' ');
  return (
    <Box flexDirection="column" height={height + 1}>
      <Text wrap="truncate" bold color={theme.muted}>{`   ${header}`}</Text>
      {rows.map((row) => {
        const key = rowKey(row);
        const mark = marker?.(row) ?? null;
        return (
          <TableRow
            key={key}
            line={columns.map((column) => fit(column, column.cell(row))).join(' ')}
            selected={key === selectedKey}
            focused={focused}
            markerText={mark?.text ?? ' '}
            markerColor={mark?.color}
          />
        );
      })}
    </Box>
  );
}
