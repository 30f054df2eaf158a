// Reproducible random input for the fuzz tests, biased toward what attacks a terminal.

/** A small seeded generator (mulberry32): the same failures on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces of hostile and ordinary text: sequences whole, and single characters of each class. */
const PIECES = [
  '\x1b]52;c;aGVsbG8=\x07', '\x1b]0;title\x1b\\', '\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\', '\x1bPq#0\x1b\\', '\x1b[2J', '\x1b_apc\x1b\\',
  '\u009b31m', '\u009d0;t\u009c', '\x07', '\r', '\b', '\n', '\t', '\0', '\x7f', '\u202e', '\u2066', '\u200f', '\u2028', '\ufeff',
  '\ud800', '\udc00', '😀', '日本', 'ï', ' ', "'", '"', '$(touch /tmp/pwned)', '`id`', ';', '&', '|', '*', '?', '~', '!', '#',
  '/srv/data /etc', 'a', 'Z', '0', '-', '.', '/', ':', '=', '%', '@',
];

export function randomText(random: () => number, pieces: number): string {
  let text = '';
  for (let index = 0; index < pieces; index++) {
    text += random() < 0.8
      ? PIECES[Math.floor(random() * PIECES.length)]
      : String.fromCodePoint(Math.floor(random() * (random() < 0.5 ? 0x300 : 0x110000)));
  }
  return text;
}

export function randomBytes(random: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) {
    const roll = random();
    // Lead bytes, continuation bytes and C0 more often than their share.
    bytes[index] = roll < 0.3 ? 0x80 + Math.floor(random() * 0x40) : roll < 0.5 ? 0xc0 + Math.floor(random() * 0x40) : roll < 0.6 ? Math.floor(random() * 0x20) : Math.floor(random() * 256);
  }
  return bytes;
}
