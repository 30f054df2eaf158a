import { Text } from 'ink';
import { type KeyScope, statusBindings } from '../src/keys/bindings.js';
import { useTheme } from './theme.js';

/** The keys that matter where the user is, from the key table; or a message that needs reading. */
export function StatusLine({ scope, message, extra }: { scope: KeyScope; message?: string | null; extra?: string }) {
  const theme = useTheme();
  if (message) return <Text wrap="truncate" color={theme.danger}>{`! ${message}`}</Text>;
  const keys = statusBindings(scope).map((binding) => `${binding.status?.keys} ${binding.status?.label}`);
  return <Text wrap="truncate" color={theme.muted}>{[extra, ...keys].filter(Boolean).join('  ')}</Text>;
}
