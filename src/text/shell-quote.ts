// Words for the commands in fix texts, which people paste into a shell: quoted so that the shell
// reads back exactly the path or name, and written without a control character so that printing
// the command shows it exactly (it never needs `displayable`'s escapes).
import { needsEscape } from './displayable.js';

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

const ANSI_C_NAMED: Record<string, string> = {
  '\\': '\\\\', "'": "\\'", '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x07': '\\a', '\b': '\\b', '\v': '\\v', '\f': '\\f', '\x1b': '\\E',
};

function ansiC(character: string): string {
  const named = ANSI_C_NAMED[character];
  if (named) return named;
  if (!needsEscape(character)) return character;
  // Its UTF-8 bytes, \xHH each: unlike \u, bash reads them alike in every locale.
  let bytes = '';
  for (const byte of Buffer.from(character, 'utf8')) bytes += `\\x${byte.toString(16).padStart(2, '0')}`;
  return bytes;
}

/**
 * A word for a shell command line that people paste: bare when it holds only characters no shell
 * treats specially; in single quotes (a quote inside written as '\'') when it holds no character
 * `displayable` escapes; else in bash/zsh ANSI-C quotes, $'...', with \n, \E and \xHH.
 */
export function shellQuote(word: string): string {
  if (word !== '' && BARE.test(word)) return word;
  if (!needsEscape(word)) return `'${word.replaceAll("'", `'\\''`)}'`;
  let quoted = '';
  for (const character of word) quoted += ansiC(character);
  return `$'${quoted}'`;
}

/** A field of a CSV record as Go's encoding/csv reads it: quoted, `"` doubled, when it holds a comma, quote or line break or starts with a space. */
function csvField(field: string): string {
  return /[",\r\n]|^\s/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * A docker `--mount` flag with its value, for a fix to paste: the CLI reads the value as one CSV
 * record (`type=bind,source=…`), so each field is CSV-quoted, then the whole is shell-quoted.
 */
export function mountFlag(fields: [key: string, value: string][]): string {
  return `--mount ${shellQuote(fields.map(([key, value]) => csvField(`${key}=${value}`)).join(','))}`;
}
