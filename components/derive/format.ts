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

/** Breaks text into lines of at most `width` columns, at spaces where it can; a longer word (a path) is cut where it must. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = line ? `${line} ${word}` : word;
    if (rest.length > width && line) {
      lines.push(line);
      rest = word;
    }
    const pieces = cutInto(rest, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  lines.push(line);
  return lines;
}

/** Text in pieces of `width` columns, the last one shorter: a long path over several lines, read back by joining them. */
export function cutInto(text: string, width: number): string[] {
  if (width <= 0 || text.length <= width) return [text];
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += width) pieces.push(text.slice(start, start + width));
  return pieces;
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
