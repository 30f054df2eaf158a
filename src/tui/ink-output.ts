// What the bundle gives Ink in place of its own Output (ink/build/output.js): the same class,
// giving the same frame byte for byte, at a fraction of the cost. Ink's Output turns every line
// into one object per character, copies the style list for each, and compares neighbouring
// characters' styles with fresh Sets, every frame, for the whole screen: about 100 ms for a
// 120x40 frame of coloured text. Here
// - a line's characters are kept from frame to frame, since a selection move changes two lines;
// - characters of one run of style share one style list, so styles are compared only where the
//   style changes;
// - a row whose characters are all the same as in the last frame is not serialized again.
// test/tui/ink-output.test.ts holds both to the same output.
import { type AnsiCode, type StyledChar, ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

type Cell = StyledChar;
type Transformer = (line: string, index: number) => string;
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

const NO_STYLES: AnsiCode[] = [];
const BLANK: Cell = { type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES };

/** Bounded caches shared by every frame: cleared whole when full (a frame needs a few hundred entries). */
const CACHE_LIMIT = 20_000;
const cellsOfLine = new Map<string, Cell[]>();
const widthOfText = new Map<string, number>();
const widestLineOfBlock = new Map<string, number>();

function remember<V>(cache: Map<string, V>, key: string, make: (key: string) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = make(key);
    cache.set(key, value);
  }
  return value;
}

/** As styledCharsFromTokens, but characters between two style changes share one style list. */
function cellsOf(line: string): Cell[] {
  let styles = NO_STYLES;
  const cells: Cell[] = [];
  for (const token of tokenize(line)) {
    if (token.type === 'ansi') styles = reduceAnsiCodesIncremental(styles, [token]);
    else cells.push({ type: 'char', value: token.value, fullWidth: token.fullWidth, styles });
  }
  return cells;
}

function widthOf(text: string): number {
  // Printable ASCII, nearly every character on the screen, is one column.
  if (text.length === 1) {
    const code = text.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return 1;
  }
  return remember(widthOfText, text, stringWidth);
}

function widestLine(text: string): number {
  return remember(widestLineOfBlock, text, () => {
    let widest = 0;
    for (const line of text.split('\n')) widest = Math.max(widest, widthOf(line));
    return widest;
  });
}

/** As styledCharsToString(row).trimEnd(), comparing styles only where the style list changes. */
function serialize(row: (Cell | undefined)[]): string {
  let text = '';
  let previous: AnsiCode[] | null = null;
  for (const cell of row) {
    if (cell === undefined) continue;
    if (previous === null) text += ansiCodesToString(cell.styles);
    else if (cell.styles !== previous) text += ansiCodesToString(diffAnsiCodes(previous, cell.styles));
    text += cell.value;
    previous = cell.styles;
  }
  if (previous !== null) text += ansiCodesToString(diffAnsiCodes(previous, []));
  return text.trimEnd();
}

/** The last frame's rows, by row number: an unchanged row keeps its text. */
let lastRows: { cells: (Cell | undefined)[]; text: string }[] = [];

function sameCells(a: (Cell | undefined)[], b: (Cell | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor({ width, height }: { width: number; height: number }) {
    this.width = width;
    this.height = height;
  }

  write(x: number, y: number, text: string, { transformers }: { transformers: Transformer[] }): void {
    if (text) this.operations.push({ type: 'write', x, y, text, transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const grid: (Cell | undefined)[][] = Array.from({ length: this.height }, () => new Array<Cell>(this.width).fill(BLANK));
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
        const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
        if (clipHorizontally && (x + widestLine(text) < clip.x1! || x > clip.x2!)) continue;
        if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
        if (clipHorizontally) {
          lines = lines.map((line) => {
            const from = x < clip.x1! ? clip.x1! - x : 0;
            const width = widthOf(line);
            const to = x + width > clip.x2! ? clip.x2! - x : width;
            return sliceAnsi(line, from, to);
          });
          if (x < clip.x1!) x = clip.x1!;
        }
        if (clipVertically) {
          const from = y < clip.y1! ? clip.y1! - y : 0;
          const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
          lines = lines.slice(from, to);
          if (y < clip.y1!) y = clip.y1!;
        }
      }
      let offsetY = 0;
      for (let [index, line] of lines.entries()) {
        const row = grid[y + offsetY];
        if (!row) continue;
        for (const transformer of transformers) line = transformer(line, index);
        let offsetX = x;
        for (const cell of remember(cellsOfLine, line, cellsOf)) {
          row[offsetX] = cell;
          const width = Math.max(1, widthOf(cell.value));
          for (let extra = 1; extra < width; extra++) row[offsetX + extra] = { type: 'char', value: '', fullWidth: false, styles: cell.styles };
          offsetX += width;
        }
        offsetY++;
      }
    }
    const rows = grid.map((cells, index) => {
      const last = lastRows[index];
      return last && sameCells(last.cells, cells) ? last : { cells, text: serialize(cells) };
    });
    lastRows = rows;
    return { output: rows.map((row) => row.text).join('\n'), height: grid.length };
  }
}
