// Turns a terminal screen, as `tmux capture-pane -e -p` prints it (text with SGR escapes), into
// a picture: a grid of cells drawn with a bitmap console font (PSF, as Debian's console-setup
// ships), written as binary PPM for ImageMagick to join. No anti-aliasing, a handful of colors:
// crisp text, and GIF frames that compress well.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

export interface Cell {
  char: string;
  /** null: the terminal's default color. */
  fg: Rgb | null;
  bg: Rgb | null;
  bold: boolean;
  dim: boolean;
  underline: boolean;
  reverse: boolean;
}

export interface Palette {
  foreground: Rgb;
  background: Rgb;
  /** The 16 ANSI colors: 0–7, then their bright variants 8–15. */
  ansi: readonly Rgb[];
}

/** A dark theme with readable ANSI colors (bright black stays legible as "muted"). */
export const DARK_PALETTE: Palette = {
  foreground: [212, 212, 212],
  background: [24, 26, 31],
  ansi: [
    [40, 44, 52], [232, 106, 115], [152, 195, 121], [229, 192, 123],
    [97, 175, 239], [198, 120, 221], [86, 182, 194], [212, 212, 212],
    [128, 134, 146], [255, 128, 136], [181, 232, 144], [255, 214, 138],
    [140, 200, 255], [222, 155, 240], [127, 212, 222], [255, 255, 255],
  ],
};

const blank = (): Cell => ({ char: ' ', fg: null, bg: null, bold: false, dim: false, underline: false, reverse: false });

/** One of the 256 xterm colors. */
function color256(index: number, palette: Palette): Rgb {
  if (index < 16) return palette.ansi[index] ?? palette.foreground;
  if (index < 232) {
    const steps = [0, 95, 135, 175, 215, 255];
    const n = index - 16;
    return [steps[Math.floor(n / 36)] ?? 0, steps[Math.floor(n / 6) % 6] ?? 0, steps[n % 6] ?? 0];
  }
  const grey = 8 + (index - 232) * 10;
  return [grey, grey, grey];
}

/**
 * Parses capture-pane output into rows × columns cells. The SGR state carries over from one line
 * to the next, as tmux writes it; escapes other than SGR are skipped. Every character takes one
 * cell (the app prints no wide ones).
 */
export function parseScreen(text: string, columns: number, rows: number, palette: Palette = DARK_PALETTE): Cell[][] {
  const grid = Array.from({ length: rows }, () => Array.from({ length: columns }, blank));
  const pen = blank();
  const lines = text.replace(/\n$/, '').split('\n');
  for (let y = 0; y < rows && y < lines.length; y++) {
    const line = lines[y] ?? '';
    let x = 0;
    for (let i = 0; i < line.length; ) {
      if (line[i] === '\x1b') {
        const csi = /^\x1b\[([0-9;:?]*)([@-~])/.exec(line.slice(i));
        if (csi) {
          if (csi[2] === 'm') applySgr(pen, csi[1] ?? '', palette);
          i += csi[0].length;
          continue;
        }
        // OSC (hyperlinks, titles) up to BEL or ST, or any other two-byte escape.
        const osc = /^\x1b\][^\x07\x1b]*(\x07|\x1b\\)/.exec(line.slice(i));
        i += osc ? osc[0].length : 2;
        continue;
      }
      const char = String.fromCodePoint(line.codePointAt(i) ?? 32);
      i += char.length;
      const row = grid[y];
      if (row && x < columns) row[x] = { ...pen, char };
      x++;
    }
  }
  return grid;
}

function applySgr(pen: Cell, params: string, palette: Palette): void {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((part) => (part === '' ? 0 : Number(part)));
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] ?? 0;
    if (code === 0) Object.assign(pen, blank());
    else if (code === 1) pen.bold = true;
    else if (code === 2) pen.dim = true;
    else if (code === 4) pen.underline = true;
    else if (code === 7) pen.reverse = true;
    else if (code === 22) pen.bold = pen.dim = false;
    else if (code === 24) pen.underline = false;
    else if (code === 27) pen.reverse = false;
    else if (code >= 30 && code <= 37) pen.fg = color256(code - 30, palette);
    else if (code >= 90 && code <= 97) pen.fg = color256(code - 90 + 8, palette);
    else if (code >= 40 && code <= 47) pen.bg = color256(code - 40, palette);
    else if (code >= 100 && code <= 107) pen.bg = color256(code - 100 + 8, palette);
    else if (code === 39) pen.fg = null;
    else if (code === 49) pen.bg = null;
    else if (code === 38 || code === 48) {
      let rgb: Rgb | null = null;
      if (codes[i + 1] === 5) {
        rgb = color256(codes[i + 2] ?? 0, palette);
        i += 2;
      } else if (codes[i + 1] === 2) {
        rgb = [codes[i + 2] ?? 0, codes[i + 3] ?? 0, codes[i + 4] ?? 0];
        i += 4;
      }
      if (code === 38) pen.fg = rgb;
      else pen.bg = rgb;
    }
    // Italic, blink, strike-through and the rest: drawn as plain text.
  }
}

/** A bitmap font: each glyph is `height` rows of `width` bits, most significant bit leftmost. */
export interface BitmapFont {
  width: number;
  height: number;
  glyph(char: string): Uint8Array;
}

/**
 * Reads a PSF font (version 1 or 2, gzipped or not) with its Unicode table. Characters it lacks
 * are drawn by `fallbackGlyph` when it can (braille, ⏎), else as the font's "?".
 */
export function loadPsfFont(path: string): BitmapFont {
  let data = readFileSync(path);
  if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
  let width: number;
  let height: number;
  let count: number;
  let glyphStart: number;
  let bytesPerGlyph: number;
  const byChar = new Map<number, number>();
  if (data.readUInt16LE(0) === 0x0436) {
    const mode = data[2] ?? 0;
    width = 8;
    height = data[3] ?? 0;
    count = mode & 1 ? 512 : 256;
    glyphStart = 4;
    bytesPerGlyph = height;
    let at = glyphStart + count * height;
    if (mode & 6) {
      for (let index = 0; index < count && at + 1 < data.length; index++) {
        let inSequence = false;
        for (let unit = data.readUInt16LE(at); unit !== 0xffff && at + 1 < data.length; unit = data.readUInt16LE(at)) {
          at += 2;
          if (unit === 0xfffe) inSequence = true;
          else if (!inSequence && !byChar.has(unit)) byChar.set(unit, index);
        }
        at += 2;
      }
    }
  } else if (data.readUInt32LE(0) === 0x864ab572) {
    const headerSize = data.readUInt32LE(8);
    const flags = data.readUInt32LE(12);
    count = data.readUInt32LE(16);
    bytesPerGlyph = data.readUInt32LE(20);
    height = data.readUInt32LE(24);
    width = data.readUInt32LE(28);
    glyphStart = headerSize;
    let at = glyphStart + count * bytesPerGlyph;
    if (flags & 1) {
      for (let index = 0; index < count && at < data.length; index++) {
        const end = data.indexOf(0xff, at);
        const entry = data.subarray(at, end < 0 ? data.length : end);
        const singles = entry.indexOf(0xfe) < 0 ? entry : entry.subarray(0, entry.indexOf(0xfe));
        for (const char of singles.toString('utf8')) {
          const point = char.codePointAt(0) ?? 0;
          if (!byChar.has(point)) byChar.set(point, index);
        }
        at = end < 0 ? data.length : end + 1;
      }
    }
  } else {
    throw new Error(`${path} is not a PSF font`);
  }
  if (byChar.size === 0) for (let index = 0; index < Math.min(count, 128); index++) byChar.set(index, index);
  const rowBytes = Math.ceil(width / 8);
  const cache = new Map<string, Uint8Array>();
  /** A glyph as one byte per pixel (0 or 1), row by row. */
  const fromFont = (index: number): Uint8Array => {
    const pixels = new Uint8Array(width * height);
    const base = glyphStart + index * bytesPerGlyph;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const byte = data[base + y * rowBytes + (x >> 3)] ?? 0;
        pixels[y * width + x] = (byte >> (7 - (x & 7))) & 1;
      }
    }
    return pixels;
  };
  return {
    width,
    height,
    glyph(char: string): Uint8Array {
      let pixels = cache.get(char);
      if (!pixels) {
        const index = byChar.get(char.codePointAt(0) ?? 63);
        const own = OWN_GLYPHS.includes(char) ? fallbackGlyph(char, width, height) : null;
        pixels = own ?? (index !== undefined ? fromFont(index) : fallbackGlyph(char, width, height) ?? fromFont(byChar.get(63) ?? 0));
        cache.set(char, pixels);
      }
      return pixels;
    },
  };
}

/** Drawn here even when the font has them: Terminus approximates ▸ with an arrow. */
const OWN_GLYPHS = ['▸'];

/** Glyphs console fonts lack or approximate: braille (the spinner), ⏎ (the Enter key), ▸. */
export function fallbackGlyph(char: string, width: number, height: number): Uint8Array | null {
  const point = char.codePointAt(0) ?? 0;
  const pixels = new Uint8Array(width * height);
  const set = (x: number, y: number) => {
    if (x >= 0 && x < width && y >= 0 && y < height) pixels[y * width + x] = 1;
  };
  if (point >= 0x2800 && point <= 0x28ff) {
    // Dots 1-2-3-7 down the left column, 4-5-6-8 down the right.
    const dots = [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [0, 3], [1, 3]] as const;
    const size = Math.max(1, Math.round(width / 4));
    dots.forEach(([column, row], bit) => {
      if (!((point - 0x2800) & (1 << bit))) return;
      const left = Math.round(width * (column === 0 ? 0.25 : 0.65)) - (size >> 1);
      const top = Math.round(height * (0.2 + row * 0.19)) - (size >> 1);
      for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) set(left + dx, top + dy);
    });
    return pixels;
  }
  if (point === 0x23ce) {
    // ⏎: down the right side, along the middle to the left, an arrowhead there.
    const right = width - 2;
    const middle = Math.round(height * 0.6);
    for (let y = Math.round(height * 0.3); y <= middle; y++) set(right, y);
    for (let x = 1; x <= right; x++) set(x, middle);
    for (let d = 1; d <= Math.max(2, Math.round(width / 4)); d++) {
      set(1 + d, middle - d);
      set(1 + d, middle + d);
    }
    return pixels;
  }
  if (point === 0x25b8) {
    // ▸: a small triangle pointing right, centred on the line.
    const middle = Math.round(height * 0.55);
    const half = Math.max(2, Math.round(width / 3));
    for (let x = 0; x <= half; x++) for (let y = -(half - x); y <= half - x; y++) set(Math.round(width * 0.25) + x, middle + y);
    return pixels;
  }
  return null;
}

/** A picture: width × height RGB pixels. */
export class Picture {
  readonly pixels: Buffer;

  constructor(readonly width: number, readonly height: number, background: Rgb) {
    this.pixels = Buffer.alloc(width * height * 3);
    this.fill(0, 0, width, height, background);
  }

  fill(left: number, top: number, width: number, height: number, color: Rgb): void {
    for (let y = Math.max(0, top); y < Math.min(this.height, top + height); y++) {
      for (let x = Math.max(0, left); x < Math.min(this.width, left + width); x++) this.pixels.set(color, (y * this.width + x) * 3);
    }
  }

  /** Draws one character cell: its background, then the glyph's pixels in the foreground color. */
  drawCell(font: BitmapFont, left: number, top: number, char: string, foreground: Rgb, background: Rgb, underline = false): void {
    this.fill(left, top, font.width, font.height, background);
    const glyph = font.glyph(char);
    for (let y = 0; y < font.height; y++) {
      for (let x = 0; x < font.width; x++) {
        if (glyph[y * font.width + x] || (underline && y === font.height - 2)) this.fill(left + x, top + y, 1, 1, foreground);
      }
    }
  }

  /** Binary PPM (P6), which ImageMagick reads. */
  toPpm(): Buffer {
    return Buffer.concat([Buffer.from(`P6\n${this.width} ${this.height}\n255\n`), this.pixels]);
  }
}

const mix = (a: Rgb, b: Rgb, share: number): Rgb => [0, 1, 2].map((i) => Math.round((a[i] ?? 0) * (1 - share) + (b[i] ?? 0) * share)) as unknown as Rgb;

/** The colors a cell is drawn with, after reverse video and dim. */
export function cellColors(cell: Cell, palette: Palette = DARK_PALETTE): { fg: Rgb; bg: Rgb } {
  let fg = cell.fg ?? palette.foreground;
  let bg = cell.bg ?? palette.background;
  if (cell.reverse) [fg, bg] = [bg, fg];
  if (cell.dim) fg = mix(fg, bg, 0.4);
  return { fg, bg };
}

export interface Fonts {
  regular: BitmapFont;
  bold: BitmapFont;
}

/** Draws a grid of cells at (left, top) of a picture. */
export function drawGrid(picture: Picture, grid: Cell[][], fonts: Fonts, left: number, top: number, palette: Palette = DARK_PALETTE): void {
  const { width, height } = fonts.regular;
  grid.forEach((row, y) => {
    row.forEach((cell, x) => {
      const { fg, bg } = cellColors(cell, palette);
      picture.drawCell(cell.bold ? fonts.bold : fonts.regular, left + x * width, top + y * height, cell.char, fg, bg, cell.underline);
    });
  });
}
