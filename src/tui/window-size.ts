// The terminal's size as the kernel has it at this moment. Node updates a tty's columns and rows
// only when it handles SIGWINCH, and a key read in the same turn is often handled first.

export interface WindowSize {
  columns: number;
  rows: number;
}

type TtyHandle = { getWindowSize?(size: number[]): number };

/** Asks the tty (one ioctl); a stream that is not one, or a failed ask, gives what Node last heard. */
export function windowSize(terminal: NodeJS.WriteStream): WindowSize {
  const handle = (terminal as unknown as { _handle?: TtyHandle })._handle;
  const size = [0, 0];
  if (terminal.isTTY && handle?.getWindowSize?.(size) === 0 && size[0]! > 0 && size[1]! > 0) return { columns: size[0]!, rows: size[1]! };
  return { columns: terminal.columns || 80, rows: terminal.rows || 24 };
}
