import { Box, Text } from 'ink';
import { truncate } from './format.js';
import { useTheme } from './theme.js';

/** A screen of a few lines: connecting, or no engine. */
export function MessageScreen({ title, lines, height, tone }: {
  title: string; lines: string[]; height: number; tone?: 'danger' | 'muted';
}) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={height} paddingX={1} paddingY={1}>
      <Text bold color={tone === 'danger' ? theme.danger : theme.accent}>{title}</Text>
      {lines.map((line, index) => (
        <Text key={index} wrap="wrap" color={tone === 'muted' ? theme.muted : undefined}>{line}</Text>
      ))}
    </Box>
  );
}

/** Stands in for the explorer below MIN_COLUMNS×MIN_ROWS. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

/**
 * What the too-small screen says at `columns`: the longest wording that fits on one line each,
 * down to a single column, so it reads at any size instead of wrapping into a garble.
 */
export function tooSmallLines(columns: number, rows: number): string[] {
  const wordings = [
    [`stowage needs at least ${MIN_COLUMNS}×${MIN_ROWS}; this terminal is ${columns}×${rows}.`, 'Enlarge it, or press q to quit.'],
    [`stowage needs ${MIN_COLUMNS}×${MIN_ROWS}, has ${columns}×${rows}`, 'enlarge it, or q to quit'],
    [`needs ${MIN_COLUMNS}×${MIN_ROWS}`, `has ${columns}×${rows}`, 'enlarge', 'q quits'],
    [`${MIN_COLUMNS}×${MIN_ROWS}`, 'q'],
  ];
  const fitting = wordings.find((lines) => lines.every((line) => line.length <= columns)) ?? ['…'];
  return fitting.map((line) => truncate(line, columns));
}

export function TooSmallScreen({ columns, rows, height }: { columns: number; rows: number; height: number }) {
  const theme = useTheme();
  const lines = tooSmallLines(Math.max(1, columns), rows).slice(0, Math.max(1, height));
  return (
    <Box flexDirection="column" height={Math.max(1, height)} width={Math.max(1, columns)}>
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate" color={index === 0 ? theme.accent : undefined}>{line}</Text>
      ))}
    </Box>
  );
}
