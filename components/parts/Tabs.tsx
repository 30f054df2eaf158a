import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { VIEW_LIST, type ViewName } from '../../src/keys/views.js';
import type { CollectProgress } from '../../src/engine/collect.js';
import type { Finding } from '../../src/model/types.js';
import { useTheme } from './theme.js';

const TABS: [ViewName, string][] = VIEW_LIST.map((view) => [view.name, `${view.key} ${view.tab}`]);

/** What is still being collected, in words. */
export function progressText(progress: CollectProgress | null, refreshing: boolean): string {
  if (refreshing) return 'refreshing…';
  if (!progress) return '';
  const parts: string[] = [];
  if (progress.inspected < progress.total) parts.push(`inspecting ${progress.inspected}/${progress.total}`);
  if (progress.diskUsage === 'pending') parts.push('sizes…');
  if (progress.diskUsage === 'failed') parts.push('sizes unknown');
  return parts.join(' · ');
}

function tabLabel(name: ViewName, label: string, count: number, dangers: number): string {
  if (name !== 'findings' || count === 0) return label;
  return `${label} ${count}${dangers ? ` (${dangers}!)` : ''}`;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Turns while something is collected; its own component, so each turn redraws only itself. */
function Spinner() {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((value) => (value + 1) % SPINNER.length), 250);
    return () => clearInterval(timer);
  }, []);
  return <>{SPINNER[frame]}</>;
}

export function Tabs({ view, progress, refreshing, findings, hosts = false, busy: given = '' }: {
  view: ViewName; progress: CollectProgress | null; refreshing: boolean; findings: Finding[];
  /** The Hosts tab is there (a live engine). */
  hosts?: boolean;
  /** What is being collected, when it is not one host's progress. */
  busy?: string;
}) {
  const dangers = findings.filter((finding) => finding.severity === 'danger').length;
  const theme = useTheme();
  const busy = given || progressText(progress, refreshing);
  return (
    <Box>
      <Box flexGrow={1}>
        {TABS.filter(([name]) => hosts || name !== 'hosts').map(([name, label]) => (
          <Text key={name} inverse={name === view} bold={name === view} color={name === view ? theme.accent : undefined}>
            {name === view ? `[${tabLabel(name, label, findings.length, dangers)}]` : ` ${tabLabel(name, label, findings.length, dangers)} `}
          </Text>
        ))}
      </Box>
      {busy ? <Text color={theme.warning}><Spinner />{` ${busy}`}</Text> : null}
    </Box>
  );
}
