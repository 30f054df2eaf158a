import { Text } from 'ink';
import TextInput from 'ink-text-input';
import { needsEscape } from '../../src/text/displayable.js';
import { useTheme } from './theme.js';

/**
 * A one-line text field (the filter, typed confirmations, a volume name): ink-text-input with the
 * cursor keys and backspace. It takes keys while `focus` is on; the key layers leave them to it,
 * and the explorer paces key presses (use-paced-input.ts), so fast typing loses nothing. Text
 * holding control characters (a paste) is not taken: the field only ever holds what it shows.
 */
export function Field({ label, value, focus, onChange, onSubmit }: {
  label: string; value: string; focus: boolean; onChange: (value: string) => void; onSubmit?: () => void;
}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      <Text color={theme.accent}>{label}</Text>
      <TextInput
        value={value}
        focus={focus}
        showCursor={focus}
        onChange={(next) => {
          if (!needsEscape(next)) onChange(next);
        }}
        onSubmit={() => onSubmit?.()}
      />
    </Text>
  );
}
