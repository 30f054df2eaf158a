// What Ink writes to the terminal goes through here. Ink's standard renderer sends every frame
// whole, after erasing the previous one; its incremental renderer is off by one line when the
// frame ends in a newline, which it does below full height. So frames are diffed here instead:
// only the lines that changed are written, each at its absolute row, which keeps a selection
// move to a few hundred bytes over SSH.

const ERASE_PREFIX = /^(?:\x1b\[2K|\x1b\[\d*A|\x1b\[G)+/;
const MODE_ONLY = /^(?:\x1b\[\?\d+[hl])+$/;
const CLEAR_SCREEN = '\x1b[H\x1b[2J';

export class FrameWriter {
  private lines: string[] = [];
  private repaintAll = true;

  constructor(private readonly out: { write(text: string): unknown }) {}

  /** Ink's output: frames are diffed, mode switches (cursor, synchronized output) pass through. */
  write(text: string): void {
    if (MODE_ONLY.test(text)) {
      this.out.write(text);
      return;
    }
    this.frame(text.replace(ERASE_PREFIX, ''));
  }

  /** Draws the last frame again in full, after the terminal was resized or disturbed. */
  repaint(): void {
    this.repaintAll = true;
    this.frame(this.lines.join('\n'));
  }

  private frame(text: string): void {
    const next = text.replace(/\n$/, '').split('\n');
    let buffer = this.repaintAll ? CLEAR_SCREEN : '';
    for (let row = 0; row < next.length; row++) {
      if (!this.repaintAll && next[row] === this.lines[row]) continue;
      buffer += `\x1b[${row + 1};1H${next[row]}\x1b[0m\x1b[K`;
    }
    if (!this.repaintAll) {
      for (let row = next.length; row < this.lines.length; row++) buffer += `\x1b[${row + 1};1H\x1b[K`;
    }
    this.lines = next;
    this.repaintAll = false;
    if (buffer) this.out.write(buffer);
  }
}

/** A stand-in for the terminal's stdout that Ink renders into, backed by a FrameWriter. */
export function frameStream(terminal: NodeJS.WriteStream): { stream: NodeJS.WriteStream; writer: FrameWriter } {
  const writer = new FrameWriter(terminal);
  terminal.on('resize', () => writer.repaint());
  const stream = {
    isTTY: true,
    get columns() {
      return terminal.columns;
    },
    get rows() {
      return terminal.rows;
    },
    get writable() {
      return terminal.writable;
    },
    get writableEnded() {
      return terminal.writableEnded;
    },
    get writableLength() {
      return terminal.writableLength;
    },
    get destroyed() {
      return terminal.destroyed;
    },
    get _writableState() {
      return (terminal as unknown as { _writableState: unknown })._writableState;
    },
    write(chunk: string | Uint8Array, ...rest: unknown[]) {
      writer.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    },
    on(event: string, listener: (...args: unknown[]) => void) {
      terminal.on(event, listener);
      return stream;
    },
    off(event: string, listener: (...args: unknown[]) => void) {
      terminal.off(event, listener);
      return stream;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, writer };
}
