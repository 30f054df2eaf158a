// A pass-through that hashes every byte it hands on: a backup's digest as it is written and as it
// is read back, and a restore's as the file is sent to the engine.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export class DigestStream extends Transform {
  private readonly hash = createHash('sha256');
  private passed = 0;

  /** The bytes handed on so far. */
  get bytes(): number {
    return this.passed;
  }

  /** The SHA-256 of every byte handed on, in hex: once, after the last. */
  sha256(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.passed += chunk.length;
    callback(null, chunk);
  }
}
