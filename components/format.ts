import prettyBytes from 'pretty-bytes';

/**
 * A size for the screen in at most 7 columns ("3.1 MB", "171 kB"): "…" while it is still being
 * collected, "?" when the engine gave none.
 */
export function formatSize(bytes: number | null, pending = false): string {
  if (bytes === null) return pending ? '…' : '?';
  let text = sizes.get(bytes);
  if (text === undefined) {
    text = prettyBytes(bytes, { maximumFractionDigits: 1 });
    if (Number.parseFloat(text) >= 100) text = prettyBytes(bytes, { maximumFractionDigits: 0 });
    // pretty-bytes formats with toLocaleString, about 20 µs a call: a frame shows hundreds.
    if (sizes.size >= 10_000) sizes.clear();
    sizes.set(bytes, text);
  }
  return text;
}
const sizes = new Map<number, string>();

/** Cuts text to `width` columns, marking the cut with "…". */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** Words wrapped into lines of at most `width` columns; a word longer than a line is cut into pieces. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    for (let piece = word; piece.length; piece = piece.slice(width)) {
      const part = piece.slice(0, width);
      if (!line) line = part;
      else if (line.length + 1 + part.length <= width) line += ` ${part}`;
      else {
        lines.push(line);
        line = part;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Cuts a path from the left, where the less telling part is: "…/overlay2/3f2a/diff". */
export function truncateStart(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? '…' : `…${text.slice(text.length - width + 1)}`;
}

export function padEnd(text: string, width: number): string {
  return truncate(text, width).padEnd(width);
}

export function padStart(text: string, width: number): string {
  return truncate(text, width).padStart(width);
}

/** Bytes per second in at most 9 columns: "+1.2 MB/s", "0" when still, "—" when unknown. */
export function formatGrowth(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null) return '—';
  if (bytesPerSecond < 1) return '0';
  let text = rates.get(Math.round(bytesPerSecond));
  if (text === undefined) {
    // One decimal below 10 of a unit ("+1.2 MB/s"), none above ("+66 kB/s"): 9 columns at most.
    const whole = prettyBytes(Math.round(bytesPerSecond), { maximumFractionDigits: 0 });
    text = `+${Number.parseFloat(whole) >= 10 ? whole : prettyBytes(Math.round(bytesPerSecond), { maximumFractionDigits: 1 })}/s`;
    if (rates.size >= 10_000) rates.clear();
    rates.set(Math.round(bytesPerSecond), text);
  }
  return text;
}
const rates = new Map<number, string>();
