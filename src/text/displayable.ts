// The one boundary for text from outside (names, paths, labels, messages an engine, a container or
// a file system gave): made displayable before it is drawn or printed. Control characters, bidi
// overrides and line separators are shown as visible escapes, and bytes that are not UTF-8 as
// `\xHH`, so nothing such text holds reaches the terminal as a control sequence or splits a row.
// `--json` never goes through here: it stays exact.

/**
 * Characters shown escaped: C0, DEL, C1, bidi controls, line and paragraph separators, the BOM,
 * and (with the u flag, where a valid pair is one code point) lone surrogate halves.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/u;
/** Every such character (global: for `replace`, never for `test`). */
export const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

const NAMED: Record<number, string> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
};

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  const named = NAMED[code];
  if (named) return named;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** Whether `text` holds a character that `displayable` would show as an escape. */
export function needsEscape(text: string): boolean {
  return UNSAFE.test(text);
}

/** `text` with every character that could act on a terminal shown as a visible escape. */
export function displayable(text: string): string {
  // Most names need nothing: one test, no copy.
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, escapeCharacter);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes from a file system (a file name, a path) for the screen: valid UTF-8 as text, through
 * `displayable`; every byte that is not part of a valid UTF-8 sequence as `\xHH`, never dropped.
 */
export function displayableBytes(bytes: Uint8Array): string {
  try {
    return displayable(strictUtf8.decode(bytes));
  } catch {
    return displayable(decodeEscapingInvalid(bytes));
  }
}

/** UTF-8 decoding that turns each byte outside a valid sequence into the text `\xHH`. */
function decodeEscapingInvalid(bytes: Uint8Array): string {
  let text = '';
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length === 0) {
      text += `\\x${(bytes[index] as number).toString(16).padStart(2, '0')}`;
      index += 1;
    } else {
      text += strictUtf8.decode(bytes.subarray(index, index + length));
      index += length;
    }
  }
  return text;
}

/** The length of the valid UTF-8 sequence at `index`, or 0 when none starts there (RFC 3629). */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const first = bytes[index] as number;
  if (first < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[index + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first === 0xe0) return continuation(1, 0xa0) && continuation(2) ? 3 : 0;
  if (first === 0xed) return continuation(1, 0x80, 0x9f) && continuation(2) ? 3 : 0;
  if (first >= 0xe1 && first <= 0xef) return continuation(1) && continuation(2) ? 3 : 0;
  if (first === 0xf0) return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0;
  if (first >= 0xf1 && first <= 0xf3) return continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
  if (first === 0xf4) return continuation(1, 0x80, 0x8f) && continuation(2) && continuation(3) ? 4 : 0;
  return 0;
}
