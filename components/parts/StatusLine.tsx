import { Text } from 'ink';
import { type KeyScope, statusBindings, statusKeys } from '../../src/keys/bindings.js';
import { displayable } from '../../src/text/displayable.js';
import { useTheme } from './theme.js';

/**
 * The keys that matter where the user is, from the key table, as many as fit (help and quit
 * always; in a read-only session, none that would change the host); or a message that needs reading.
 */
export function StatusLine({ scope, width, readOnly, message, hosts = false }: {
  scope: KeyScope; width: number; readOnly: boolean; message?: string | null;
  /** The Hosts view is there: its key is listed. */
  hosts?: boolean;
}) {
  const theme = useTheme();
  if (message) return <Text wrap="truncate" color={theme.danger}>{`! ${displayable(message)}`}</Text>;
  const items = statusBindings(scope, { readOnly, hosts }).map((binding) => ({ command: binding.command, text: `${statusKeys(binding)} ${binding.status?.label}` }));
  const kept = items.filter((item) => item.command === 'help' || item.command === 'quit');
  let used = kept.reduce((total, item) => total + item.text.length + 2, 0);
  for (const item of items) {
    if (kept.includes(item) || used + item.text.length + 2 > width) continue;
    kept.push(item);
    used += item.text.length + 2;
  }
  const shown = items.filter((item) => kept.includes(item)).map((item) => item.text);
  return <Text wrap="truncate" color={theme.muted}>{shown.join('  ')}</Text>;
}
