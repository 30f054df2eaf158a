// The pass-through backup and restore hash with: it hands every byte on unchanged, in order and
// under backpressure, and its digest is the file's as sha256sum gives it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { DigestStream } from '../../src/actions/digest-stream.js';

describe('the digest stream', () => {
  it("hands on every byte unchanged and gives their SHA-256 and count", async () => {
    const digest = new DigestStream();
    const out: Buffer[] = [];
    await pipeline(Readable.from([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')]), digest, new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }));
    assert.equal(Buffer.concat(out).toString(), 'abc');
    // `printf abc | sha256sum`
    assert.equal(digest.sha256(), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(digest.bytes, 3);
  });

  it('keeps the order of a large file read through a slow writer', async () => {
    const chunks = Array.from({ length: 200 }, (_, index) => Buffer.alloc(64 * 1024, index));
    const digest = new DigestStream();
    const expected = createHash('sha256');
    for (const chunk of chunks) expected.update(chunk);
    const written = createHash('sha256');
    let bytes = 0;
    await pipeline(Readable.from(chunks), digest, new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        written.update(chunk);
        bytes += chunk.length;
        setImmediate(callback);
      },
    }));
    const sha256 = expected.digest('hex');
    assert.equal(written.digest('hex'), sha256);
    assert.equal(digest.sha256(), sha256);
    assert.equal(digest.bytes, bytes);
    assert.equal(bytes, 200 * 64 * 1024);
  });
});
