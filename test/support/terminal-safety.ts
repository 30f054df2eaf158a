// Assertions on the bytes a program wrote to a terminal or a pipe: nothing from outside may reach
// it as a control sequence or a control character.
import assert from 'node:assert/strict';

/** Characters that act on a terminal, by class; ESC, CR and LF are judged apart. */
const CONTROL_CLASSES: [string, RegExp][] = [
  ['BEL', /\x07/],
  ['backspace', /\x08/],
  ['another C0 control', /[\x00-\x06\x0b\x0c\x0e-\x1a\x1c-\x1f]/],
  ['DEL', /\x7f/],
  ['a C1 control (U+0080-U+009F)', /[\u0080-\u009f]/],
  ['a byte that is not UTF-8 (decoded as U+FFFD)', /\ufffd/],
  ['a bidi control', /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/],
  ['a line or paragraph separator', /[\u2028\u2029]/],
];

function context(text: string, index: number): string {
  return JSON.stringify(text.slice(Math.max(0, index - 60), index + 60));
}

function assertNoControls(text: string, what: string): void {
  for (const [name, pattern] of CONTROL_CLASSES) {
    const match = pattern.exec(text);
    assert.equal(match, null, `${what} holds ${name}: ${match ? context(text, match.index) : ''}`);
  }
}

/** Output to a pipe (the report, check, error messages): text and newlines, no escape of any kind. */
export function assertPlainText(text: string, what: string): void {
  assertNoControls(text, what);
  for (const [name, pattern] of [['ESC', /\x1b/], ['CR', /\r/]] as const) {
    const match = pattern.exec(text);
    assert.equal(match, null, `${what} holds ${name}: ${match ? context(text, match.index) : ''}`);
  }
}

/**
 * What the explorer wrote to its terminal, between entering and leaving the alternate screen
 * (around it is the shell's own output): only CSI sequences (ESC [), which the app writes itself;
 * never OSC, DCS, APC, PM or SOS, nor a bare CR, nor any other control character.
 */
export function assertExplorerBytes(raw: Buffer, what: string): void {
  const text = raw.toString('utf8');
  const start = text.indexOf('\x1b[?1049h');
  const end = text.lastIndexOf('\x1b[?1049l');
  assert.ok(start >= 0 && end > start, `${what}: the explorer entered and left the alternate screen`);
  const app = text.slice(start, end);
  assertNoControls(app, what);
  for (const [name, pattern] of [
    ['OSC (ESC ])', /\x1b\]/], ['DCS (ESC P)', /\x1bP/], ['APC (ESC _)', /\x1b_/], ['PM (ESC ^)', /\x1b\^/], ['SOS (ESC X)', /\x1bX/],
    ['an escape other than CSI', /\x1b[^[]/], ['a CR not followed by LF', /\r(?!\n)/],
  ] as const) {
    const match = pattern.exec(app);
    assert.equal(match, null, `${what} holds ${name}: ${match ? context(app, match.index) : ''}`);
  }
}
