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
  const code = character.codePointAt(0) as number;
  // Below 0x80 a byte; above, the character (bash and zsh write \u as UTF-8).
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A word for a shell command line that people paste: bare when it holds only characters no shell
 * treats specially; in single quotes (a quote inside written as '\'') when it holds no character
 * `displayable` escapes; else in bash/zsh ANSI-C quotes, $'...', with \n, \E, \xHH and \uHHHH.
 */
export function shellQuote(word: string): string {
  if (word !== '' && BARE.test(word)) return word;
  if (!needsEscape(word)) return `'${word.replaceAll("'", `'\\''`)}'`;
  let quoted = '';
  for (const character of word) quoted += ansiC(character);
  return `$'${quoted}'`;
}
