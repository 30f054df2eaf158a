import { Box, Text } from 'ink';
import { displayable } from '../src/text/displayable.js';
import { useTheme } from './theme.js';

/** A screen of a few lines: connecting, unreachable, or a terminal too small. */
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
