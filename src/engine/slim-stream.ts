// Reads a large JSON answer as it streams and keeps only what a shape keeps, a list element at a
// time: the result is slim(JSON.parse(body), shape), but neither the whole body nor its whole
// parsed tree is ever held. `/system/df` on a host of 5,000 containers and 10,000 volumes is 7 MB
// of JSON; as one string, its parsed tree and the buffers they came from, it was most of the
// memory the collection ever took.
import { slim, type Shape } from './slim.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const COMMA = 0x2c;

/** Not JSON: the caller reports the body as such. */
class NotJson extends Error {}

/**
 * Splits a JSON text into its skeleton and the elements of its outer lists (the top-level list,
 * or the lists that are members of the top-level object). Each element is parsed and slimmed when
 * it has arrived; the skeleton, with `[N]` standing for the Nth such list, is parsed at the end.
 */
class SlimParser {
  /** Received bytes not yet consumed, from absolute offset `base`. */
  private chunks: Buffer[] = [];
  private base = 0;
  private pos = 0;
  private depth = 0;
  /** The opening byte of each open container, outermost first (only the first two matter). */
  private opened: number[] = [];
  private inString = false;
  private escaped = false;
  /** Where the current piece of the skeleton starts. */
  private skeletonStart = 0;
  private readonly skeleton: string[] = [];
  /** The last string at depth 1 of the top-level object: a member's name, when a list follows. */
  private stringStart = -1;
  private lastString: [number, number] | null = null;
  /** Inside an outer list: the depth of its elements' container, where the current element starts, its shape. */
  private listDepth = -1;
  private elementStart = 0;
  private elementShape: Shape | true | undefined;
  private readonly lists: unknown[][] = [];

  constructor(private readonly shape: Shape) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    const offset = this.pos;
    const length = chunk.length;
    let index = 0;
    let backslash = chunk.indexOf(BACKSLASH);
    while (index < length) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          index++;
          continue;
        }
        // Most of an answer is strings: skip to the next quote or backslash (natively: this
        // runs before the JIT has compiled it, and a small host's answers are read cold).
        if (backslash >= 0 && backslash < index) backslash = chunk.indexOf(BACKSLASH, index);
        const quote = chunk.indexOf(QUOTE, index);
        if (backslash >= 0 && (quote < 0 || backslash < quote)) {
          this.escaped = true;
          index = backslash + 1;
          continue;
        }
        if (quote < 0) break;
        index = quote + 1;
        this.inString = false;
        if (this.stringStart >= 0) {
          this.lastString = [this.stringStart, offset + quote + 1];
          this.stringStart = -1;
        }
        continue;
      }
      let byte = chunk[index] as number;
      // Between strings, only these bytes matter.
      while (byte !== QUOTE && byte !== COMMA && (byte | 0x20) !== OPEN_OBJECT && (byte | 0x20) !== CLOSE_OBJECT && ++index < length) byte = chunk[index] as number;
      if (index === length) break;
      this.pos = offset + index;
      switch (byte) {
        case QUOTE:
          this.inString = true;
          if (this.listDepth < 0 && this.depth === 1 && this.opened[0] === OPEN_OBJECT) this.stringStart = this.pos;
          break;
        case OPEN_OBJECT:
        case OPEN_LIST:
          if (byte === OPEN_LIST && this.listDepth < 0 && (this.depth === 0 || (this.depth === 1 && this.opened[0] === OPEN_OBJECT))) this.openList();
          this.opened.push(byte);
          this.depth++;
          break;
        case CLOSE_OBJECT:
        case CLOSE_LIST:
          if (this.depth === this.listDepth) {
            if (byte !== CLOSE_LIST) throw new NotJson();
            this.element();
            this.listDepth = -1;
            this.skeletonStart = this.pos;
          }
          this.opened.pop();
          this.depth--;
          if (this.depth < 0) throw new NotJson();
          break;
        case COMMA:
          if (this.depth === this.listDepth) {
            this.element();
            this.elementStart = this.pos + 1;
          }
          break;
      }
      index++;
    }
    this.pos = offset + length;
    this.release(this.listDepth < 0 ? this.skeletonStart : this.elementStart);
  }

  /** An outer list opens at `pos`: the skeleton so far, then `[N]` in its place. */
  private openList(): void {
    const index = this.lists.length;
    this.skeleton.push(this.text(this.skeletonStart, this.pos), `[${index}`);
    this.lists.push([]);
    this.listDepth = this.depth + 1;
    this.elementStart = this.pos + 1;
    if (this.depth === 0) {
      this.elementShape = this.shape;
    } else {
      const name = this.lastString ? (JSON.parse(this.text(this.lastString[0], this.lastString[1])) as string) : '';
      this.elementShape = Object.hasOwn(this.shape, name) ? this.shape[name] : undefined;
    }
  }

  /** The element from `elementStart` to `pos`, parsed and slimmed; nothing for a member no shape keeps. */
  private element(): void {
    if (this.elementShape === undefined) return;
    const text = this.text(this.elementStart, this.pos);
    if (!text.trim()) {
      // `[]`; an empty element anywhere else is not JSON.
      if (this.lists.at(-1)?.length || this.bytesAt(this.pos) === COMMA) throw new NotJson();
      return;
    }
    const value: unknown = JSON.parse(text);
    (this.lists.at(-1) as unknown[]).push(this.elementShape === true ? value : slim(value, this.elementShape));
  }

  private bytesAt(offset: number): number | undefined {
    let start = this.base;
    for (const chunk of this.chunks) {
      if (offset < start + chunk.length) return chunk[offset - start];
      start += chunk.length;
    }
    return undefined;
  }

  /** The UTF-8 text of bytes [from, to), which are still held. */
  private text(from: number, to: number): string {
    const pieces: Buffer[] = [];
    let start = this.base;
    for (const chunk of this.chunks) {
      const end = start + chunk.length;
      if (end > from && start < to) pieces.push(chunk.subarray(Math.max(0, from - start), Math.min(chunk.length, to - start)));
      start = end;
    }
    return (pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces)).toString('utf8');
  }

  /** Lets go of every chunk wholly before `offset`. */
  private release(offset: number): void {
    while (this.chunks.length && this.base + (this.chunks[0] as Buffer).length <= offset) {
      this.base += (this.chunks.shift() as Buffer).length;
    }
  }

  end(): unknown {
    if (this.inString || this.depth !== 0) throw new NotJson();
    this.skeleton.push(this.text(this.skeletonStart, this.pos));
    const outline: unknown = JSON.parse(this.skeleton.join(''));
    const list = (placeholder: unknown) => this.lists[(placeholder as [number])[0]] as unknown[];
    if (Array.isArray(outline)) return list(outline);
    if (outline === null || typeof outline !== 'object') return outline;
    // As slim() keeps the members of an object; each outer list is already slimmed.
    const kept: Record<string, unknown> = {};
    for (const [field, inner] of Object.entries(this.shape)) {
      const child = (outline as Record<string, unknown>)[field];
      if (child === undefined) continue;
      kept[field] = Array.isArray(child) ? list(child) : inner === true ? child : slim(child, inner);
    }
    return kept;
  }
}

/**
 * Below this size an answer is parsed whole, natively: a small host's answers arrive before the
 * JIT has compiled the scanner, which would take several times as long as JSON.parse on them.
 */
const WHOLE_BELOW_BYTES = 1 << 20;

/**
 * slim(JSON.parse(body), shape) of a streamed body, read as it arrives; undefined when the body
 * is not JSON (as docker-modem gives the raw body then, which callers report as not JSON).
 */
export async function readSlimJson(body: AsyncIterable<Buffer | string>, shape: Shape): Promise<unknown> {
  let parser: SlimParser | null = null;
  let held: Buffer[] = [];
  let heldBytes = 0;
  let valid = true;
  for await (const piece of body) {
    if (!valid) continue;
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    try {
      if (parser) {
        parser.push(chunk);
        continue;
      }
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < WHOLE_BELOW_BYTES) continue;
      parser = new SlimParser(shape);
      for (const early of held) parser.push(early);
      held = [];
    } catch {
      valid = false;
    }
  }
  if (!valid) return undefined;
  try {
    return parser ? parser.end() : slim(JSON.parse(Buffer.concat(held).toString('utf8')), shape);
  } catch {
    return undefined;
  }
}

/** The same, of a whole text: for tests, and answers already read. */
export function slimJsonText(text: string, shape: Shape, chunkBytes = 64 * 1024): unknown {
  const parser = new SlimParser(shape);
  const bytes = Buffer.from(text);
  try {
    for (let start = 0; start < bytes.length; start += chunkBytes) parser.push(bytes.subarray(start, start + chunkBytes));
    return parser.end();
  } catch {
    return undefined;
  }
}
