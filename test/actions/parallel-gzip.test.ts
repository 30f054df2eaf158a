// The backup's compressor: blocks compressed in worker threads come out as one gzip stream that
// gunzip turns back into exactly the input, whatever the sizes of the chunks that went in.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { parallelGzip } from '../../src/actions/parallel-gzip.js';

const MB = 1024 * 1024;

/** Input with repeats (so it compresses) cut into chunks of uneven sizes around the 1 MB block. */
function chunksOf(total: number, sizes: number[]): Buffer[] {
  const text = Buffer.from(Array.from({ length: 4000 }, (_, index) => `line ${index} ${index % 7 ? 'of text' : randomBytes(8).toString('hex')}\n`).join(''));
  const data = Buffer.alloc(total);
  for (let offset = 0; offset < total; offset += text.length) text.copy(data, offset, 0, Math.min(text.length, total - offset));
  const chunks: Buffer[] = [];
  for (let offset = 0, index = 0; offset < total; index++) {
    const size = Math.min(sizes[index % sizes.length] as number, total - offset);
    chunks.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');

test('gunzip gives back the input exactly, for chunks smaller than, equal to and larger than a block', async () => {
  for (const [total, sizes] of [[0, [1]], [1, [1]], [MB, [MB]], [3 * MB + 17, [65_536, 1, 300_001]], [2 * MB + 5, [3 * MB]]] as [number, number[]][]) {
    const chunks = chunksOf(total, sizes);
    const compressed = await buffer(Readable.from(chunks).pipe(parallelGzip(6, 2)));
    assert.equal(digest(gunzipSync(compressed)), digest(Buffer.concat(chunks)), `${total} bytes in chunks of ${sizes.join(', ')}`);
    if (total > MB) assert.ok(compressed.length < total / 2, 'and it is compressed');
  }
});
