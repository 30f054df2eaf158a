import { Box, Text } from 'ink';
import type { Finding } from '../../src/model/types.js';
import { type AppState, type ListContext, selectedIndex, visibleTop } from '../state/app-state.js';
import { displayable } from '../../src/text/displayable.js';
import { fixLines } from '../../src/model/findings.js';
import { truncate } from '../derive/format.js';
import { SEVERITY_MARKER, severityColor } from '../derive/markers.js';
import { type Column, Table } from '../parts/Table.js';
import { useTheme } from '../parts/theme.js';

export const findingKey = (finding: Finding) => `${finding.id}:${finding.subject.name}:${finding.mount ?? ''}`;

function columns(width: number): Column<Finding>[] {
  return [
    { header: 'SEVERITY', width: 8, cell: (f) => f.severity },
    { header: 'ABOUT', width: Math.min(24, Math.floor(width * 0.2)), cell: (f) => f.subject.name },
    { header: 'FINDING', width: Math.max(20, width - 4 - 8 - Math.min(24, Math.floor(width * 0.2)) - 2), cell: (f) => f.title },
  ];
}

/** Why a finding matters and the fix, wrapped to the width. */
function detailLines(finding: Finding, width: number): string[] {
  const wrap = (text: string, indent: string) => {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        if (line && `${line} ${word}`.length > width - indent.length) {
          lines.push(indent + line);
          line = word;
        } else {
          line = line ? `${line} ${word}` : word;
        }
      }
      lines.push(indent + line);
    }
    return lines;
  };
  // Made displayable before wrapping: a newline in a name is shown as \n, never a new row.
  return [
    ...wrap(displayable(finding.title), ''), '', 'Why', ...wrap(displayable(finding.why), '  '), '', 'Fix',
    ...fixLines(finding.fix).map((line, index) => `  ${index ? '  ' : ''}${displayable(line)}`),
  ];
}

/** The list's height: under half the body, the selected finding's why and fix take the rest. */
const findingsListHeight = (rows: Finding[], state: AppState, height: number) =>
  state.opened ? 0 : Math.max(3, Math.min(rows.length, Math.floor(height * 0.45)));

/** What the keys move through: the findings, a page of the list's height. */
export function findingsList(rows: Finding[], state: AppState, height: number): ListContext {
  return { rowKeys: rows.map(findingKey), pageSize: Math.max(1, findingsListHeight(rows, state, height)) };
}

/** Every finding, most severe first; the selected one's why and fix below. */
export function FindingsView({ rows, state, height, width }: { rows: Finding[]; state: AppState; height: number; width: number }) {
  const theme = useTheme();
  if (!rows.length) {
    return (
      <Box height={height}>
        <Text color={theme.ok}>{state.filters.findings ? 'No finding matches the filter.' : 'No storage mistakes found on this host.'}</Text>
      </Box>
    );
  }
  const position = state.positions.findings;
  const index = selectedIndex(position, rows.map(findingKey));
  const selected = rows[index];
  const listHeight = findingsListHeight(rows, state, height);
  const top = visibleTop(position, index, listHeight, rows.length);
  const details = selected ? detailLines(selected, width - 1) : [];
  const detailHeight = height - (listHeight ? listHeight + 1 : 0);
  return (
    <Box flexDirection="column" height={height}>
      {listHeight ? (
        <Table
          columns={columns(width)}
          rows={rows.slice(top, top + listHeight)}
          rowKey={findingKey}
          selectedKey={selected ? findingKey(selected) : null}
          marker={(row) => ({ text: SEVERITY_MARKER[row.severity], color: severityColor(row.severity, theme) })}
          height={listHeight}
          focused
        />
      ) : null}
      <Box flexDirection="column" height={detailHeight}>
        {details.slice(0, detailHeight).map((line, lineIndex) => (
          <Text key={lineIndex} wrap="truncate" bold={line === 'Why' || line === 'Fix' || lineIndex === 0}
            color={lineIndex === 0 && selected ? severityColor(selected.severity, theme) : line === 'Why' || line === 'Fix' ? theme.accent : undefined}>
            {truncate(line, width) || ' '}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
