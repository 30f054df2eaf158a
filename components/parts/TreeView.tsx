import { Box, Text } from 'ink';
import type { TreeState } from '../../src/app/tree-store.js';
import { displayName, displayPath, nodeAt, sortedChildren, type TreeNode } from '../../src/model/tree.js';
import { displayable } from '../../src/text/displayable.js';
import { type ListContext, type ListPosition, selectedIndex, visibleTop } from '../state/app-state.js';
import { formatSize, padEnd, padStart, truncateStart } from '../derive/format.js';
import { useTheme } from './theme.js';

const BAR = 10;

export function treeRows(state: TreeState, path: string[]): TreeNode[] {
  if (state.status === 'closed') return [];
  const node = nodeAt(state.tree, path);
  return node ? sortedChildren(node) : [];
}

function describeTarget(state: Exclude<TreeState, { status: 'closed' }>): string {
  const what = state.target.kind === 'volume' ? `volume ${state.target.name}` : `writable layer of ${state.target.containerName} (what docker rm destroys)`;
  const how = state.method === 'local' ? 'read on this machine' : 'read through the engine';
  return `${displayable(what)} · ${how}`;
}

/** ncdu-style: the directory's entries biggest first, with a bar of their share and their item counts. */
const itemCount = (items: number) => `${items.toLocaleString('en-US')} ${items === 1 ? 'item' : 'items'}`;

/** The title and the path take two rows, the header one. */
const treeListHeight = (height: number) => Math.max(1, height - 3);

/** What the keys move through: the entries of the directory shown. */
export function treeList(state: TreeState, path: string[], height: number): ListContext {
  return { rowKeys: treeRows(state, path).map((row) => row.name), pageSize: treeListHeight(height) };
}

export function TreeView({ state, path, position, height, width }: {
  state: TreeState; path: string[]; position: ListPosition; height: number; width: number;
}) {
  const theme = useTheme();
  if (state.status === 'closed') return null;
  const node = nodeAt(state.tree, path) ?? state.tree;
  const rows = sortedChildren(node);
  const index = selectedIndex(position, rows.map((row) => row.name));
  const listHeight = treeListHeight(height);
  const top = visibleTop(position, index, listHeight, rows.length);
  const status =
    state.status === 'scanning'
      ? `scanning… ${itemCount(state.progress.items)}, ${formatSize(state.progress.bytes)}`
      : state.status === 'failed'
        ? `failed: ${displayable(state.error ?? '')}`
        : `${itemCount(node.items)}, ${formatSize(node.sizeBytes)} here`;
  // Selection and indent 5, size 8, bar 12, share 7, items 12, spaces 3.
  const nameWidth = Math.max(10, width - 48);
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate" bold color={theme.accent}>{`── ${describeTarget(state)} ${'─'.repeat(width)}`}</Text>
      <Text wrap="truncate">
        <Text bold>{truncateStart(displayPath(path), Math.max(10, width - status.length - 4))}</Text>
        <Text color={state.status === 'failed' ? theme.danger : state.status === 'scanning' ? theme.warning : theme.muted}>{`   ${status}`}</Text>
      </Text>
      <Text wrap="truncate" color={theme.muted}>{`     ${padStart('SIZE', 8)} ${padEnd('SHARE', BAR + 9)} ${padStart('ITEMS', 11)}  NAME`}</Text>
      {rows.length === 0 ? (
        <Text color={theme.muted}>{state.status === 'scanning' ? '  reading…' : '  (empty)'}</Text>
      ) : (
        rows.slice(top, top + listHeight).map((row) => {
          const share = node.sizeBytes ? row.sizeBytes / node.sizeBytes : 0;
          const filled = Math.round(share * BAR);
          const selected = row.name === rows[index]?.name;
          return (
            <Text key={row.name} wrap="truncate" inverse={selected}>
              {`${selected ? '>' : ' '}    ${padStart(formatSize(row.sizeBytes), 8)} [${'#'.repeat(filled)}${' '.repeat(BAR - filled)}] ${padStart((share * 100).toFixed(1), 5)}% ${padStart(row.directory ? row.items.toLocaleString('en-US') : '', 11)}  ${padEnd(`${displayName(row)}${row.directory ? '/' : ''}`, nameWidth)}`}
            </Text>
          );
        })
      )}
    </Box>
  );
}
