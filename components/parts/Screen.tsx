// The explorer's screen, the same for the Hosts view and for a host's views: a header, the tabs,
// the body, the filter's line while there is a filter, and the status line.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { KeyScope } from '../../src/keys/bindings.js';
import { FilterBar } from './FilterBar.js';
import { StatusLine } from './StatusLine.js';

/** The filter's line: its text, whether it is being typed, how many rows it leaves, and its field's events. */
export interface FilterLine {
  text: string;
  editing: boolean;
  matches: number;
  onChange(text: string): void;
  onSubmit(): void;
}

export function Screen({ width, height, bodyHeight, header, tabs, filter, status, children }: {
  width: number; height: number; bodyHeight: number; header: ReactNode; tabs: ReactNode;
  /** null while no filter is shown. */
  filter: FilterLine | null;
  /** What the status line lists keys for, in what kind of session, or the message it shows instead. */
  status: { scope: KeyScope; readOnly: boolean; hosts: boolean; message?: string | null };
  children: ReactNode;
}) {
  return (
    <Box flexDirection="column" height={height} width={width}>
      {header}
      {tabs}
      <Box height={bodyHeight} flexDirection="column">
        {children}
      </Box>
      {filter ? <FilterBar {...filter} /> : null}
      <StatusLine scope={status.scope} width={width} readOnly={status.readOnly} hosts={status.hosts} message={status.message ?? null} />
    </Box>
  );
}
