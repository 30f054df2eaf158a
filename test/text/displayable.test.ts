// The one boundary for text from outside, fuzzed: over every code point, every one- and two-byte
// string, and random strings and byte strings, nothing that can act on a terminal comes out,
// nothing is dropped, and what comes out reads back as what went in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayable, displayableBytes } from '../../src/text/displayable.js';
import { randomBytes, randomText, seeded } from './random.js';

/** Written from the classes, not from the implementation's regex. */
function actsOnTerminal(code: number): boolean {
  return (
    code < 0x20 || // C0: ESC, BEL, CR, LF, BS, ...
    (code >= 0x7f && code <= 0x9f) || // DEL and C1: CSI U+009B, OSC U+009D, ...
    code === 0x061c || code === 0x200e || code === 0x200f || // bidi marks
    (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || // bidi embeddings, overrides, isolates
    code === 0x2028 || code === 0x2029 || // line and paragraph separators
    code === 0xfeff || // BOM, zero width
    (code >= 0xd800 && code <= 0xdfff) // a lone surrogate half
  );
}

/** Fails when `shown` holds a character that could act on a terminal. */
function assertInert(shown: string, input: unknown): void {
  for (const character of shown) {
    const code = character.codePointAt(0) as number;
    assert.ok(!actsOnTerminal(code), `U+${code.toString(16)} passed through for ${JSON.stringify(input)}: ${JSON.stringify(shown)}`);
  }
}

const NAMED: Record<string, number> = { e: 0x1b, n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, a: 0x07, '0': 0x00, v: 0x0b, f: 0x0c };
const ESCAPE = /\\(?:([enrtbav0f])|x([0-9a-f]{2})|u\{([0-9a-f]+)\})/g;

/** Reads displayable's escapes back into the characters they stand for. */
function undo(shown: string): string {
  return shown.replace(ESCAPE, (_, named: string, hex: string, code: string) =>
    String.fromCharCode(named ? (NAMED[named] as number) : Number.parseInt(hex ?? code, 16)));
}

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The platform's strict decoder, one code point at a time: what displayableBytes must agree with. */
function reference(bytes: Uint8Array): string {
  let shown = '';
  for (let index = 0; index < bytes.length;) {
    let length = 1;
    let text: string | null = null;
    for (; length <= 4 && index + length <= bytes.length; length++) {
      try {
        const decoded = fatal.decode(bytes.subarray(index, index + length));
        if ([...decoded].length === 1) {
          text = decoded;
          break;
        }
      } catch {
        // Not a whole character yet.
      }
    }
    if (text === null) {
      shown += `\\x${(bytes[index] as number).toString(16).padStart(2, '0')}`;
      index += 1;
    } else {
      shown += displayable(text);
      index += length;
    }
  }
  return shown;
}

describe('displayable', () => {
  it('leaves text with nothing to escape as it is', () => {
    for (const text of ['', 'postgres-data', '/var/lib/docker/volumes/x/_data', 'naïve 日本語 😀', 'a\\nb', ' ~!@#$%^&*()']) {
      assert.equal(displayable(text), text);
    }
  });

  it('shows every control character, bidi control and separator as an escape, and every other code point as itself', () => {
    for (let code = 0; code <= 0x10ffff; code++) {
      const character = String.fromCodePoint(code);
      const shown = displayable(character);
      if (!actsOnTerminal(code)) {
        if (shown !== character) assert.fail(`U+${code.toString(16)} was changed to ${shown}`);
        continue;
      }
      assertInert(shown, character);
      assert.match(shown, /^\\(?:[enrtbav0f]|x[0-9a-f]{2}|u\{[0-9a-f]+\})$/, `U+${code.toString(16)}`);
      assert.equal(undo(shown), character);
    }
  });

  it('names the common controls and writes the others in hex', () => {
    assert.equal(displayable('\x1b]52;c;aGk=\x07'), '\\e]52;c;aGk=\\a');
    assert.equal(displayable('a\nb\rc\td\be\0f\vg\fh'), 'a\\nb\\rc\\td\\be\\0f\\vg\\fh');
    assert.equal(displayable('\u009b31m \x7f \x01'), '\\x9b31m \\x7f \\x01');
    assert.equal(displayable('evil\u202Etxt.exe \u2066x\u2069 \u2028'), 'evil\\u{202e}txt.exe \\u{2066}x\\u{2069} \\u{2028}');
    assert.equal(displayable('\ud800 and \udfff alone, \ud83d\ude00 paired'), '\\u{d800} and \\u{dfff} alone, 😀 paired');
  });

  it('random strings: nothing that acts on a terminal comes out, and the escapes read back as the input', () => {
    const random = seeded(52);
    for (let round = 0; round < 20_000; round++) {
      const text = randomText(random, 1 + Math.floor(random() * 40)).replaceAll('\\', '/');
      const shown = displayable(text);
      assertInert(shown, text);
      assert.equal(undo(shown), text);
      assert.ok(!shown.includes('\n') && !shown.includes('\r'), 'one row');
    }
  });
});

describe('displayableBytes', () => {
  it('agrees with the strict decoder on every byte and every pair of bytes', () => {
    for (let first = 0; first < 256; first++) {
      const one = Uint8Array.of(first);
      assert.equal(displayableBytes(one), reference(one));
      for (let second = 0; second < 256; second++) {
        const two = Uint8Array.of(first, second);
        const shown = displayableBytes(two);
        if (shown !== reference(two)) assert.fail(`${first.toString(16)} ${second.toString(16)}: ${shown} vs ${reference(two)}`);
        assertInert(shown, two);
      }
    }
  });

  it('keeps every byte that is not UTF-8 as \\xHH, never dropped', () => {
    assert.equal(displayableBytes(Buffer.from([0x61, 0xff, 0x62])), 'a\\xffb');
    assert.equal(displayableBytes(Buffer.from([0xc3, 0x28])), '\\xc3(');
    assert.equal(displayableBytes(Buffer.from([0x9b, 0x32, 0x4a])), '\\x9b2J', 'the raw 8-bit CSI');
    assert.equal(displayableBytes(Buffer.from([0xc2, 0x9b, 0x32, 0x4a])), '\\x9b2J', 'CSI as UTF-8');
    assert.equal(displayableBytes(Buffer.from([0xed, 0xa0, 0x80])), '\\xed\\xa0\\x80', 'an encoded surrogate is not UTF-8');
    assert.equal(displayableBytes(Buffer.from([0xf0, 0x9f, 0x98])), '\\xf0\\x9f\\x98', 'a cut-off sequence');
    assert.equal(displayableBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x61])), '\\u{feff}a', 'a leading BOM is shown, not swallowed');
    assert.equal(displayableBytes(Buffer.from('naïve 日本語 😀')), 'naïve 日本語 😀');
  });

  it('random byte strings: as the strict decoder reads them, and nothing that acts on a terminal', () => {
    const random = seeded(9);
    for (let round = 0; round < 20_000; round++) {
      const bytes = randomBytes(random, 1 + Math.floor(random() * 24));
      const shown = displayableBytes(bytes);
      assertInert(shown, bytes);
      assert.equal(shown, reference(bytes));
    }
  });
});
