import { Box, Text } from 'ink';
import { displayable } from '../../src/text/displayable.js';
import { type Dialog, lines as dialogLines } from '../dialogs/dialog.js';
import { Field } from './Field.js';
import { truncate } from '../derive/format.js';
import { useTheme } from './theme.js';

/** Lines a dialog of `height` rows has for its body: the title, the field and the keys line take the rest. */
const bodyRoom = (height: number, field: boolean) => Math.max(1, height - 3 - (field ? 1 : 0));

/** Whether every line of the dialog is on screen at this size: only then may a key confirm it. */
export function dialogFits(dialog: Dialog, width: number, height: number): boolean {
  const shown = dialogLines(dialog, width);
  return shown.lines.length <= bodyRoom(height, shown.field !== undefined);
}

/**
 * The open dialog: its title, its lines (names in them made displayable), its text field, its keys.
 * Enter in the field is the key layers' (they check the dialog is on screen); `onText` checks too.
 */
export function DialogView({ dialog, onText, height, width }: { dialog: Dialog; onText: (text: string) => void; height: number; width: number }) {
  const theme = useTheme();
  const { title, lines, keys: shownKeys, field } = dialogLines(dialog, width);
  const room = bodyRoom(height, field !== undefined);
  const cut = lines.length > room;
  const keys = cut && shownKeys ? 'enlarge the terminal to see all of it and confirm   Esc cancel' : shownKeys;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent} wrap="truncate">{`── ${displayable(title)} ${'─'.repeat(width)}`}</Text>
      {lines.slice(0, room).map((line, index) => (
        <Text key={index} wrap="truncate" color={line.startsWith('!') || line.startsWith('  !') ? theme.danger : undefined}>{truncate(displayable(line), width) || ' '}</Text>
      ))}
      {cut ? <Text color={theme.muted}>{`… ${lines.length - room} more`}</Text> : null}
      {field ? <Field label={field.label} value={field.value} focus={!cut} onChange={onText} /> : null}
      <Box flexGrow={1} />
      <Text color={theme.muted} wrap="truncate">{keys}</Text>
    </Box>
  );
}
