// The bundle's shortcut for plain text (scripts/plain-text.mjs, the plain-text patch): no Intl.Segmenter
// for printable ASCII, ESC and stowage's own symbols, and string-width's length-is-width for them.
// Both must give exactly what string-width and Intl.Segmenter give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import stringWidth from 'string-width';

interface Segment {
  segment: string;
  index: number;
  input: string;
}
interface Segments extends Iterable<Segment> {
  containing(index?: number): Segment | undefined;
}
type MakeSegmenter = (locales?: string, options?: { granularity?: string }) => { segment(text: string): Segments };

const plainText = (await import(new URL('../../../scripts/plain-text.mjs', import.meta.url).href)) as { NARROW_SYMBOLS: string; PLAIN_SEGMENTER_SOURCE: string };
const makeSegmenter = new Function(`${plainText.PLAIN_SEGMENTER_SOURCE}\nreturn __stowageSegmenter;`)() as MakeSegmenter;
const symbolPattern = new RegExp(`^[${plainText.NARROW_SYMBOLS}]$`, 'u');
const SYMBOLS = Array.from({ length: 0x10000 - 0x80 }, (_, index) => String.fromCharCode(0x80 + index)).filter((character) => symbolPattern.test(character));
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index));

/** A reproducible pseudo-random source (the cases are the same on every run). */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('the symbols are the ones stowage draws, each one column wide', () => {
  for (const used of ['…', '⏎', '─', '×', '·', '→', '↓', '↑', '—', '–', '⠼', '▸', '−', '←', 'µ', '│', '┌', '┘']) assert.ok(SYMBOLS.includes(used), used);
  for (const symbol of SYMBOLS) assert.equal(stringWidth(symbol), 1, `U+${symbol.charCodeAt(0).toString(16)}`);
});

test('plain text is as wide as it is long, and is segmented as Intl.Segmenter does, one unit a grapheme', () => {
  const next = random(16);
  const alphabet = [...ASCII, ...SYMBOLS, '\x1b', '\x1b[31m', '\x1b[0m'];
  const intl = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const ours = makeSegmenter(undefined, { granularity: 'grapheme' });
  for (let run = 0; run < 3000; run++) {
    const text = Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const plain = text.replace(/\x1b\[\d+m|\x1b/g, '');
    assert.equal(stringWidth(plain), plain.length, JSON.stringify(plain));
    const expected = [...intl.segment(text)].map(({ segment, index }) => [segment, index]);
    assert.deepEqual([...ours.segment(text)].map(({ segment, index }) => [segment, index]), expected, JSON.stringify(text));
    for (let index = -1; index <= text.length; index++) {
      const theirs = intl.segment(text).containing(index);
      const mine = ours.segment(text).containing(index);
      assert.deepEqual(mine && [mine.segment, mine.index, mine.input], theirs && [theirs.segment, theirs.index, theirs.input]);
    }
  }
});

test('other text, and other granularities, go to Intl.Segmenter', () => {
  const graphemes = makeSegmenter();
  for (const text of ['e\u0301', '👍🏽 ok', 'a\r\nb', '한국어', 'x\u200dy', '\u{1f1eb}\u{1f1f7}']) {
    assert.deepEqual([...graphemes.segment(text)].map((s) => s.segment), [...new Intl.Segmenter().segment(text)].map((s) => s.segment), text);
  }
  const words = makeSegmenter('en', { granularity: 'word' });
  assert.deepEqual([...words.segment('two words')].map((s) => s.segment), ['two', ' ', 'words']);
});
