/**
 * A word for a POSIX shell command line that people paste: left bare when it holds only characters
 * no shell treats specially, otherwise in single quotes (a quote inside written as '\'').
 */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
