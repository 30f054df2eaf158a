import { Text } from 'ink';
import { displayable } from '../src/text/displayable.js';
import { useTheme } from './theme.js';

/** The `/` filter: typed live while editing (the key table's owner feeds it), shown while it applies. */
export function FilterBar({ text, editing, matches }: { text: string; editing: boolean; matches: number }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      <Text color={theme.accent}>/</Text>
      {displayable(text)}
      {editing ? <Text inverse> </Text> : null}
      <Text color={theme.muted}>{`  ${matches} match${matches === 1 ? '' : 'es'}${editing ? '  ⏎ keep  Esc clear' : '  Esc clear'}`}</Text>
    </Text>
  );
}
