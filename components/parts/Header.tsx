import { Box, Text } from 'ink';
import type { Origin } from '../../src/app/host-feed.js';
import type { CollectProgress } from '../../src/engine/collect.js';
import { describeDuration } from '../../src/model/growth.js';
import type { Snapshot, UsageTotals } from '../../src/model/types.js';
import { displayable } from '../../src/text/displayable.js';
import { engineName } from '../../src/model/engine-name.js';
import { diskHeadline } from '../derive/disk-lines.js';
import { formatSize, padEnd, padStart } from '../derive/format.js';
import { useTheme } from './theme.js';

const KINDS: [string, keyof Snapshot['diskUsage']][] = [
  ['images', 'images'],
  ['containers', 'containers'],
  ['volumes', 'volumes'],
  ['cache', 'buildCache'],
];

/** One line of totals, sizes right-aligned so the two lines line up; 79 columns at most. */
function totalsLine(label: string, snapshot: Snapshot, pick: (totals: UsageTotals) => number | null, pending: boolean) {
  const cells = KINDS.map(([name, kind]) => `${name} ${padStart(formatSize(pick(snapshot.diskUsage[kind]), pending), 8)}`);
  return padEnd(label, 12) + cells.join(' ');
}

/** Free space always moves a little; an estimate further away than a day is not news for a header. */
const FULL_IN_SHOWN_BELOW_SECONDS = 24 * 3600;

export function originLabel(origin: Origin, readOnly: boolean): string {
  if (origin.kind === 'demo') return 'DEMO · read-only';
  if (origin.kind === 'file') return `snapshot ${displayable(origin.path)} · read-only`;
  return readOnly ? 'read-only' : '';
}

/** Engine, versions, storage driver, and the `system df` totals with what is reclaimable. */
export function Header({ snapshot, origin, readOnly, progress, fullInSeconds = null, name = null }: {
  snapshot: Snapshot; origin: Origin; readOnly: boolean; progress: CollectProgress | null;
  /** The host's name on the Hosts view (its context), said instead of its address. */
  name?: string | null;
  /** When the engine root's file system fills at the rate it does now; null when it does not fill. */
  fullInSeconds?: number | null;
}) {
  const theme = useTheme();
  const { engine } = snapshot;
  const pending = progress?.diskUsage === 'pending';
  const label = originLabel(origin, readOnly);
  const disk = diskHeadline(snapshot);
  const facts = displayable(`${name ?? engine.host} · ${engineName(engine)} ${engine.serverVersion.replace(/\+.*$/, '')} · API ${engine.apiVersion} · ${engine.storageDriver}`);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold color={theme.accent}>stowage</Text>
        {label ? ' ' : ''}
        {label ? <Text bold inverse color={origin.kind === 'demo' ? theme.warning : undefined}>{` ${label} `}</Text> : null}
        <Text bold={disk.severity === 'danger'} color={disk.severity ? theme[disk.severity] : theme.muted}>{`  ${disk.text}`}</Text>
        {fullInSeconds !== null && fullInSeconds < FULL_IN_SHOWN_BELOW_SECONDS ? <Text bold color={theme.danger}>{`  full in ${describeDuration(fullInSeconds)}`}</Text> : null}
        {`  ${facts}`}
      </Text>
      <Text wrap="truncate">{totalsLine('Disk', snapshot, (t) => t.sizeBytes, pending)}</Text>
      <Text wrap="truncate" color={theme.muted}>{totalsLine('Reclaimable', snapshot, (t) => t.reclaimableBytes, pending)}</Text>
    </Box>
  );
}
