// The Hosts view: one row per host (docker contexts, local sockets, or the hosts named on the
// command line) with whether it answered, its engine, its disk, its bytes and its worst finding,
// filled in as each host answers; one engine reached by several of them is one row naming the
// others. Enter opens the selected host's views.
import { Box, Text } from 'ink';
import type { Fleet, FleetHost } from '../../src/app/fleet.js';
import { noAnswerMessage } from '../../src/app/fleet.js';
import { describeAddress } from '../../src/engine/connection/address.js';
import type { HostViewName } from '../../src/keys/views.js';
import { engineName } from '../../src/model/engine-name.js';
import { rootFileSystem, usedPercent } from '../../src/model/file-systems.js';
import { SEVERITY_MARKER } from '../../src/model/findings.js';
import type { Finding, Severity, Snapshot, UsageTotals } from '../../src/model/types.js';
import { displayable } from '../../src/text/displayable.js';
import { type AppState, type ListContext, selectedIndex, visibleTop } from '../state/app-state.js';
import { diskHeadline } from '../derive/disk-lines.js';
import { formatSize, padEnd, padStart, truncate } from '../derive/format.js';
import { severityColor } from '../derive/markers.js';
import { useTheme } from '../parts/theme.js';

/** What the explorer's Hosts view is given: the fleet, which host is open, and how to open another. */
export interface HostsControl {
  fleet: Fleet;
  /** The key of the host whose views are shown. */
  current: string;
  /** Shows that host's views (its own live feed). */
  open(key: string, view: HostViewName): void;
}

export type HostStatus = 'ok' | 'connecting' | 'no answer' | 'error';

/** A host's row, as text and figures: everything from outside still raw (made displayable when drawn). */
export interface HostSummary {
  key: string;
  name: string;
  address: string;
  /** The other names (and addresses) this same engine is listed by, folded into this row. */
  alsoAs: { name: string; address: string }[];
  status: HostStatus;
  /** Why it could not be reached, or why its last refresh failed. */
  message: string | null;
  snapshot: Snapshot | null;
  engine: string;
  disk: string;
  total: string;
  reclaimable: string;
  /** Still collecting: findings and sizes may change. */
  collecting: boolean;
  worst: Finding | null;
}

const KINDS = ['images', 'containers', 'volumes', 'buildCache'] as const;

/** Sum of the `system df` kinds' figures: null when none is known. */
export function usageSum(snapshot: Snapshot, pick: (totals: UsageTotals) => number | null): number | null {
  const known = KINDS.map((kind) => pick(snapshot.diskUsage[kind])).filter((value): value is number => value !== null);
  return known.length ? known.reduce((sum, value) => sum + value, 0) : null;
}

export function hostSummary(host: FleetHost, deadlineMs: number): HostSummary {
  const { entry } = host;
  const base = {
    key: entry.key, name: entry.name, address: entry.address ? describeAddress(entry.address) : '',
    alsoAs: host.alsoAs.map((other) => ({ name: other.name, address: other.address ? describeAddress(other.address) : '' })),
    snapshot: null, engine: '', disk: '', total: '', reclaimable: '', collecting: false, worst: null,
  };
  const state = host.feed?.getState() ?? null;
  if (!state) return { ...base, status: 'error', message: entry.error ?? 'no address' };
  if (state.status === 'connecting') {
    return host.timedOut ? { ...base, status: 'no answer', message: noAnswerMessage(entry, deadlineMs) } : { ...base, status: 'connecting', message: null };
  }
  if (state.status === 'unreachable') return { ...base, status: 'error', message: state.message };
  // The demo, opened from the host's "no engine" screen, is not the host.
  if (state.origin.kind !== 'live') return { ...base, status: 'error', message: 'it gave no answer; the demo was opened instead (r tries again)' };
  const { snapshot, progress } = state;
  const pending = progress?.diskUsage === 'pending';
  const root = rootFileSystem(snapshot);
  const percent = root && usedPercent(root);
  return {
    ...base,
    status: 'ok',
    message: state.error ? `refresh failed: ${state.error}` : null,
    snapshot,
    engine: `${engineName(snapshot.engine)} ${snapshot.engine.serverVersion.replace(/\+.*$/, '')}`,
    disk: percent === null || percent === undefined ? '?' : `${percent}%`,
    total: formatSize(usageSum(snapshot, (totals) => totals.sizeBytes), pending),
    reclaimable: formatSize(usageSum(snapshot, (totals) => totals.reclaimableBytes), pending),
    collecting: progress !== null,
    worst: snapshot.findings[0] ?? null,
  };
}

/** The rows the filter leaves (by any of a row's names or addresses), in the fleet's order: one per engine. */
export function hostRows(fleet: Fleet, filter: string): HostSummary[] {
  const { hosts } = fleet.getState();
  const needle = filter.toLowerCase();
  const matches = (name: string, address: string) => name.toLowerCase().includes(needle) || address.toLowerCase().includes(needle);
  return hosts
    .filter((host) => host.sameAs === null)
    .map((host) => hostSummary(host, fleet.deadlineMs))
    .filter((row) => !needle || matches(row.name, row.address) || row.alsoAs.some((other) => matches(other.name, other.address)));
}

/** A row's name with the others it is also listed by, "prod (also as prod-b, prod-c)", or "prod (+2)" where that is too wide. */
export function rowName(row: HostSummary, width: number): string {
  if (!row.alsoAs.length) return row.name;
  const full = `${row.name} (also as ${row.alsoAs.map((other) => other.name).join(', ')})`;
  return full.length <= width ? full : `${row.name} (+${row.alsoAs.length})`;
}

const STATE_WIDTH = 10;
const ENGINE_WIDTH = 15;
const DISK_WIDTH = 4;
const SIZE_WIDTH = 7;

/** Column widths for a terminal `width` wide: the name and the worst finding share what is left. */
export function hostColumns(width: number) {
  const fixed = 3 + STATE_WIDTH + ENGINE_WIDTH + DISK_WIDTH + 2 * SIZE_WIDTH + 6;
  const flexible = Math.max(20, width - fixed);
  const name = Math.max(10, Math.min(32, Math.floor(flexible / 2)));
  return { name, worst: Math.max(8, flexible - name) };
}

/** An unreachable engine's message without the address the row already shows: the cause and the next step. */
export const causeOf = (message: string | null) =>
  message?.replace(/^cannot reach the Docker engine at .*? \(from [^)]*\): /, '').replace(/^the Docker engine at .*? \(from [^)]*\) /, '') ?? null;

const stateText = (row: HostSummary) => (row.status === 'connecting' ? 'connecting' : row.status === 'ok' && row.collecting ? 'ok …' : row.status);

/** A row's cells as one line (3 columns of selection and marker come before it). */
export function hostLine(row: HostSummary, width: number): string {
  const columns = hostColumns(width);
  const head = `${padEnd(displayable(rowName(row, columns.name)), columns.name)} ${padEnd(stateText(row), STATE_WIDTH)} `;
  if (row.status !== 'ok') {
    const rest = ENGINE_WIDTH + DISK_WIDTH + 2 * SIZE_WIDTH + columns.worst + 4;
    return head + padEnd(displayable(causeOf(row.message) ?? (row.status === 'connecting' ? row.address : '')), rest);
  }
  const worst = row.collecting && !row.worst ? '…' : row.worst ? row.worst.title : 'none';
  return head + [
    padEnd(displayable(row.engine), ENGINE_WIDTH),
    padStart(row.disk, DISK_WIDTH),
    padStart(row.total, SIZE_WIDTH),
    padStart(row.reclaimable, SIZE_WIDTH),
    padEnd(displayable(worst), columns.worst),
  ].join(' ');
}

export function hostHeader(width: number): string {
  const columns = hostColumns(width);
  return `   ${padEnd('HOST', columns.name)} ${padEnd('STATE', STATE_WIDTH)} ${padEnd('ENGINE', ENGINE_WIDTH)} ${padStart('DISK', DISK_WIDTH)} ${padStart('TOTAL', SIZE_WIDTH)} ${padStart('RECLAIM', SIZE_WIDTH)} ${padEnd('WORST FINDING', columns.worst)}`;
}

/** The selected host's lines under the list: where it is, what it runs, its disk and findings, or why it gave no answer. */
export function hostDetail(row: HostSummary, width: number): string[] {
  const lines = [`address ${row.address || '?'}`];
  if (row.alsoAs.length) lines.push(`the same engine also as ${row.alsoAs.map((other) => `${other.name} (${other.address})`).join(', ')}`);
  if (row.message) lines.push(...wrap(`${row.status === 'ok' ? '' : 'error: '}${row.message}`, width));
  const snapshot = row.snapshot;
  if (snapshot) {
    const { engine } = snapshot;
    lines.push(`${row.engine} · API ${engine.apiVersion} · ${engine.storageDriver} · ${diskHeadline(snapshot).text}`);
    lines.push(`total ${row.total}, reclaimable ${row.reclaimable}: ${snapshot.containers.length} containers, ${snapshot.volumes.length} volumes, ${snapshot.images.length} images`);
    const count = (severity: Severity) => snapshot.findings.filter((finding) => finding.severity === severity).length;
    lines.push(snapshot.findings.length
      ? `findings: ${count('danger')} danger, ${count('warning')} warning, ${count('info')} info${row.collecting ? ' (still collecting)' : ''}`
      : row.collecting ? 'findings: still collecting' : 'no findings');
    if (row.worst) lines.push(...wrap(`worst: ${SEVERITY_MARKER[row.worst.severity]} ${row.worst.title}`, width));
  } else if (row.status === 'connecting') {
    lines.push('connecting…');
  }
  return lines.map((line) => truncate(displayable(line), width));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

/** Lines kept under the list for the selected host, when the body has room for them and a few rows. */
const DETAIL_LINES = 7;
const detailLines = (height: number) => (height >= 14 ? DETAIL_LINES : 0);
const listHeight = (rows: number, height: number) => Math.max(1, Math.min(rows, height - 1 - detailLines(height)));

export function hostsList(rows: HostSummary[], height: number): ListContext {
  return { rowKeys: rows.map((row) => row.key), pageSize: listHeight(rows.length, height) };
}

/** The header above the tabs on the Hosts view: how many hosts answered, and their bytes together. */
export function HostsHeader({ rows, readOnly }: { rows: HostSummary[]; readOnly: boolean }) {
  const theme = useTheme();
  const count = (status: HostStatus) => rows.filter((row) => row.status === status).length;
  const answered = rows.filter((row) => row.snapshot);
  const sum = (pick: (totals: UsageTotals) => number | null) => {
    const known = answered.map((row) => usageSum(row.snapshot as Snapshot, pick)).filter((value): value is number => value !== null);
    return known.length ? formatSize(known.reduce((total, value) => total + value, 0)) : '?';
  };
  const unreachable = count('error') + count('no answer');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold color={theme.accent}>stowage</Text>
        {readOnly ? <Text bold inverse>{' read-only '}</Text> : null}
        {`  ${rows.length} host${rows.length === 1 ? '' : 's'}: ${count('ok')} answered`}
        {unreachable ? <Text color={theme.danger}>{`, ${unreachable} unreachable`}</Text> : null}
        {count('connecting') ? `, ${count('connecting')} connecting` : ''}
      </Text>
      <Text wrap="truncate">{`Disk        ${sum((totals) => totals.sizeBytes)} on the hosts that answered`}</Text>
      <Text wrap="truncate" color={theme.muted}>{`Reclaimable ${sum((totals) => totals.reclaimableBytes)}   Enter opens a host, Esc there comes back`}</Text>
    </Box>
  );
}

export function HostsView({ rows, state, height, width, current }: {
  rows: HostSummary[]; state: AppState; height: number; width: number; current: string;
}) {
  const theme = useTheme();
  if (!rows.length) {
    return <Box height={height}><Text color={theme.muted}>{state.filters.hosts ? 'No host matches the filter.' : 'No hosts: no docker context and no engine socket here.'}</Text></Box>;
  }
  const position = state.positions.hosts;
  const index = selectedIndex(position, rows.map((row) => row.key));
  const selected = rows[index];
  const room = listHeight(rows.length, height);
  const top = visibleTop(position, index, room, rows.length);
  const detail = selected ? hostDetail(selected, width) : [];
  const marker = (row: HostSummary): { text: string; color: string | undefined } => {
    if (row.status === 'error' || row.status === 'no answer') return { text: 'x', color: theme.danger };
    if (row.worst) return { text: SEVERITY_MARKER[row.worst.severity], color: severityColor(row.worst.severity, theme) };
    return { text: ' ', color: undefined };
  };
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate" bold color={theme.muted}>{hostHeader(width)}</Text>
      {rows.slice(top, top + room).map((row) => {
        const isSelected = row.key === selected?.key;
        const mark = marker(row);
        return (
          <Text key={row.key} wrap="truncate" inverse={isSelected} bold={isSelected || row.key === current}>
            {isSelected ? '>' : row.key === current ? '·' : ' '}
            <Text color={isSelected ? undefined : mark.color}>{mark.text}</Text>
            {` ${hostLine(row, width)}`}
          </Text>
        );
      })}
      {selected && detailLines(height) ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold color={theme.accent} wrap="truncate">{`── ${displayable(selected.name)} ${'─'.repeat(width)}`}</Text>
          {detail.slice(0, DETAIL_LINES - 2).map((line, lineIndex) => (
            <Text key={lineIndex} wrap="truncate" color={lineIndex === 1 && selected.status !== 'ok' ? theme.danger : undefined}>{line || ' '}</Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
