import { Text } from 'ink';
import { displayable } from '../../src/text/displayable.js';
import { Field } from './Field.js';
import { useTheme } from './theme.js';

/** The `/` filter: a text field while it is typed, the text it applies otherwise, and the matches. */
export function FilterBar({ text, editing, matches, onChange, onSubmit }: {
  text: string; editing: boolean; matches: number; onChange: (text: string) => void; onSubmit: () => void;
}) {
  const theme = useTheme();
  const count = `  ${matches} match${matches === 1 ? '' : 'es'}${editing ? '  ⏎ keep  Esc clear' : '  Esc clear'}`;
  return (
    <Text wrap="truncate">
      {editing ? <Field label="/" value={text} focus onChange={onChange} onSubmit={onSubmit} /> : <Text><Text color={theme.accent}>/</Text>{displayable(text)}</Text>}
      <Text color={theme.muted}>{count}</Text>
    </Text>
  );
}
