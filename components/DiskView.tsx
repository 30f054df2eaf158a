import { Box, Text } from 'ink';
import { type AppState, type ListContext, selectedIndex, visibleTop } from './app-state.js';
import { useTheme } from './theme.js';

/** What the keys move through: the lines, a page of the body's height. */
export function diskList(lines: string[], height: number): ListContext {
  return { rowKeys: lines.map((_, index) => String(index)), pageSize: Math.max(1, height) };
}

/** The `system df` breakdown and the largest items, scrolled with the list keys. */
export function DiskView({ lines, state, height }: { lines: string[]; state: AppState; height: number }) {
  const theme = useTheme();
  const position = state.positions.disk;
  const keys = lines.map((_, index) => String(index));
  const index = selectedIndex(position, keys);
  const top = visibleTop(position, index, height, lines.length);
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(top, top + height).map((line, offset) => {
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
