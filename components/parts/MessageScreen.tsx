import { Box, Text } from 'ink';
import { displayable } from '../../src/text/displayable.js';
import { useTheme } from './theme.js';
import { wrap } from '../derive/format.js';

/** A screen of a few lines: connecting, or no engine. */
export function MessageScreen({ title, lines, height, tone }: {
  title: string; lines: string[]; height: number; tone?: 'danger' | 'muted';
}) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={height} paddingX={1} paddingY={1}>
      <Text bold color={tone === 'danger' ? theme.danger : theme.accent}>{displayable(title)}</Text>
      {lines.map((line, index) => (
        <Text key={index} wrap="wrap" color={tone === 'muted' ? theme.muted : undefined}>{displayable(line)}</Text>
      ))}
    </Box>
  );
}

/** Stands in for the explorer below MIN_COLUMNS×MIN_ROWS. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

/**
 * What the too-small screen says at this size: the fullest wording that fits once wrapped, down
 * to one character at 1×1, so it reads at any size instead of running off the screen.
 */
export function tooSmallLines(columns: number, rows: number, height = rows - 1, ignoredKeys = 0): string[] {
  const width = Math.max(1, columns);
  const ignored = ignoredKeys ? [`${ignoredKeys} key${ignoredKeys === 1 ? '' : 's'} ignored until it is.`] : [];
  const wordings = [
    ['stowage', `needs a terminal of at least ${MIN_COLUMNS}×${MIN_ROWS}; this one is ${columns}×${rows}.`, 'Enlarge it, or press q to quit.', ...ignored],
    [`stowage needs ${MIN_COLUMNS}×${MIN_ROWS}, has ${columns}×${rows}: enlarge it, or q to quit`],
    [`needs ${MIN_COLUMNS}×${MIN_ROWS}, q quits`],
    [`${MIN_COLUMNS}×${MIN_ROWS}`],
    ['q'],
  ];
  for (const wording of wordings) {
    const lines = wording.flatMap((paragraph) => wrap(paragraph, width));
    if (lines.length <= Math.max(1, height)) return lines;
  }
  return ['q'];
}

export function TooSmallScreen({ columns, rows, height, ignoredKeys }: { columns: number; rows: number; height: number; ignoredKeys: number }) {
  const theme = useTheme();
  const lines = tooSmallLines(columns, rows, height, ignoredKeys).slice(0, Math.max(1, height));
  return (
    <Box flexDirection="column" height={Math.max(1, height)} width={Math.max(1, columns)}>
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate" color={index === 0 ? theme.accent : undefined}>{line}</Text>
      ))}
    </Box>
  );
}
