import { Box, Text } from 'ink';
import { BINDINGS, keysLabel, type KeyScope, offered } from '../../src/keys/bindings.js';
import { isView, type ViewName } from '../../src/keys/views.js';
import { padEnd } from '../derive/format.js';
import { useTheme } from './theme.js';

/** What the help screen calls the scopes that are not views (a view goes by its name). */
const SCOPE_NAMES: Record<Exclude<KeyScope, ViewName>, string> = { tree: 'drill-down', dialog: 'dialogs', unreachable: 'no engine' };
const scopeName = (scope: KeyScope) => (isView(scope) ? scope : SCOPE_NAMES[scope]);

/** Every key, from the same table the app dispatches from; two columns when one is too short. */
export function HelpScreen({ height, width, readOnly, hosts = false }: { height: number; width: number; readOnly: boolean; hosts?: boolean }) {
  const theme = useTheme();
  // A read-only session lists no key that would change the host.
  const lines = BINDINGS.filter((binding) => offered(binding, { readOnly, hosts })).map((binding) => {
    const where = binding.scopes.length > 2 ? '' : ` (${binding.scopes.map(scopeName).join(', ')})`;
    return `${padEnd(keysLabel(binding), 10)} ${binding.description}${where}`;
  });
  const room = Math.max(1, height - 2);
  const columnCount = lines.length > room ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columnCount);
  const columnWidth = Math.floor(width / columnCount);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent}>Keys</Text>
      <Box>
        {Array.from({ length: columnCount }, (_, column) => (
          <Box key={column} flexDirection="column" width={columnWidth}>
            {lines.slice(column * perColumn, (column + 1) * perColumn).slice(0, room).map((line) => (
              <Text key={line} wrap="truncate">{` ${line}`}</Text>
            ))}
          </Box>
        ))}
      </Box>
      <Text color={theme.muted}>Markers: ! danger  * warning  i info.  Esc or ? closes this help.</Text>
    </Box>
  );
}
