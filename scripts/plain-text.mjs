// What the plain-text patch (scripts/build-options.mjs) puts before each dependency file that
// makes an Intl.Segmenter: a segmenter that answers plain text itself and makes ICU's only when needed.

/**
 * The characters besides printable ASCII that stowage itself draws (separators, arrows, ellipsis,
 * spinner, box drawing): each is one column wide (East Asian Width narrow, neutral or ambiguous,
 * taken as narrow), and each is a grapheme of its own beside any other of them, ASCII or ESC.
 * A test holds each to that against string-width and Intl.Segmenter (test/tui/plain-text.test.ts).
 */
export const NARROW_SYMBOLS = '\\u00B5\\u00B7\\u00D7\\u2013\\u2014\\u2026\\u2190-\\u2193\\u2212\\u23CE\\u2500-\\u257F\\u25B8\\u2800-\\u28FF';

/**
 * Intl.Segmenter made on first need, and not needed for plain text: printable ASCII, ESC and the
 * symbols above, where every UTF-16 unit is a grapheme of its own (UAX #29: none of them extends,
 * joins or prepends; ESC is a control, a break on both sides; no CR, so no CR LF). Segments of
 * such text are given as Intl's would be (segment, index, input; iterable; containing()).
 * Making the first Intl.Segmenter loads ICU's break rules: most of 10 ms before the first frame.
 */
export const PLAIN_SEGMENTER_SOURCE = `
const __stowagePlain = /^[\\x1B\\x20-\\x7E${NARROW_SYMBOLS}]*$/;
function __stowagePlainSegments(input) {
  const at = (index) => ({ segment: input[index], index, input });
  return {
    containing(index = 0) { index = Math.floor(Number(index) || 0); return index >= 0 && index < input.length ? at(index) : undefined; },
    *[Symbol.iterator]() { for (let index = 0; index < input.length; index++) yield at(index); },
  };
}
function __stowageSegmenter(locales, options) {
  let real;
  const get = () => (real ??= new Intl.Segmenter(locales, options));
  const graphemes = (options?.granularity ?? 'grapheme') === 'grapheme';
  return {
    segment(input) { const text = String(input); return graphemes && __stowagePlain.test(text) ? __stowagePlainSegments(text) : get().segment(text); },
    resolvedOptions: () => get().resolvedOptions(),
  };
}
`;
