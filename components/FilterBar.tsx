import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useTheme } from './theme.js';

/** The `/` filter: typed live while editing, shown as a reminder while it applies. */
export function FilterBar({ text, editing, matches, onChange }: {
  text: string; editing: boolean; matches: number; onChange: (text: string) => void;
}) {
  const theme = useTheme();
  return (
    <Box>
      <Text color={theme.accent}>/</Text>
      {editing ? <TextInput value={text} onChange={onChange} focus /> : <Text>{text}</Text>}
      <Text color={theme.muted}>{`  ${matches} match${matches === 1 ? '' : 'es'}${editing ? '  ⏎ keep  Esc clear' : '  Esc clear'}`}</Text>
    </Box>
  );
}
