// `--json` output: the same text as JSON.stringify(value, null, 2), written a list element at a
// time, so a host with thousands of containers is never held as one string (and its copy in the
// write buffer) on top of the snapshot itself.
import { once } from 'node:events';

const CHUNK = 64 * 1024;

/** The pieces of JSON.stringify(value, null, 2): the top-level object's lists element by element. */
function* pieces(value: unknown): Generator<string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || 'toJSON' in value) {
    yield JSON.stringify(value, null, 2);
    return;
  }
  const entries = Object.entries(value).filter(([, field]) => field !== undefined && typeof field !== 'function' && typeof field !== 'symbol');
  if (!entries.length) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [index, [key, field]] of entries.entries()) {
    yield `${index ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(field) && field.length) {
      yield '[';
      for (const [position, element] of field.entries()) {
        // As JSON.stringify does in a list: what has no JSON form is null.
        const text = JSON.stringify(element, null, 2) ?? 'null';
        yield `${position ? ',' : ''}\n    ${text.replaceAll('\n', '\n    ')}`;
      }
      yield '\n  ]';
    } else {
      yield JSON.stringify(field, null, 2).replaceAll('\n', '\n  ');
    }
  }
  yield '\n}';
}

/** Writes `value` as JSON.stringify(value, null, 2) and a newline, in chunks, waiting when the reader is slow. */
export async function writeJson(out: NodeJS.WritableStream, value: unknown): Promise<void> {
  let buffer = '';
  for (const piece of pieces(value)) {
    buffer += piece;
    if (buffer.length >= CHUNK) {
      const drained = out.write(buffer);
      buffer = '';
      if (!drained) await once(out, 'drain');
    }
  }
  out.write(`${buffer}\n`);
}
