import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownSize, parseSize } from '../../src/model/units.js';

describe('sizes as Docker writes them', () => {
  it('reads tmpfs sizes in binary units, as the kernel does', () => {
    assert.equal(parseSize('64m', 1024), 64 * 1024 * 1024);
    assert.equal(parseSize('1g', 1024), 1024 ** 3);
    assert.equal(parseSize('512k', 1024), 512 * 1024);
    assert.equal(parseSize('4096', 1024), 4096);
    assert.equal(parseSize('1.5G', 1024), 1.5 * 1024 ** 3);
  });

  it('reads log max-size in decimal units, as json-file does', () => {
    assert.equal(parseSize('10m', 1000), 10_000_000);
    assert.equal(parseSize('100MB', 1000), 100_000_000);
    assert.equal(parseSize('1k', 1000), 1000);
  });

  it('has no size for what is not an absolute size', () => {
    assert.equal(parseSize('50%', 1024), null);
    assert.equal(parseSize('', 1024), null);
    assert.equal(parseSize('lots', 1024), null);
  });

  it('treats -1 and a missing value from the engine as unknown, not zero', () => {
    assert.equal(knownSize(-1), null);
    assert.equal(knownSize(undefined), null);
    assert.equal(knownSize(0), 0);
  });
});
