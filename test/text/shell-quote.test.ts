// Paths in fix commands are pasted into a shell: bash must read back exactly the word, and the
// quoted word must print as it is (no character that displayable would escape).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { displayable } from '../../src/text/displayable.js';
import { shellQuote } from '../../src/text/shell-quote.js';
import { yamlScalar, yamlString } from '../../src/text/yaml-quote.js';
import { randomText, seeded } from './random.js';

/** What bash makes of the quoted words, in the C locale: each argument's bytes. */
function bashReads(quoted: string[]): Buffer[] {
  const output = execFileSync('bash', ['--norc', '--noprofile', '-c', `printf '%s\\0' ${quoted.join(' ')}`], { env: { PATH: process.env.PATH } });
  const words: Buffer[] = [];
  let start = 0;
  for (let index = output.indexOf(0); index >= 0; index = output.indexOf(0, start)) {
    words.push(output.subarray(start, index));
    start = index + 1;
  }
  return words;
}

describe('shellQuote', () => {
  it('leaves plain paths bare and single-quotes what a shell would split or run', () => {
    assert.equal(shellQuote('/srv/data'), '/srv/data');
    assert.equal(shellQuote('mysql-data:/var/lib/mysql'), 'mysql-data:/var/lib/mysql');
    assert.equal(shellQuote('/srv/data /etc'), "'/srv/data /etc'");
    assert.equal(shellQuote('/srv/$(touch /tmp/pwned)'), "'/srv/$(touch /tmp/pwned)'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote(''), "''");
  });

  it('writes control characters as ANSI-C escapes, so the command holds none', () => {
    assert.equal(shellQuote('/srv/a\nb'), "$'/srv/a\\nb'");
    assert.equal(shellQuote('/x\x1b]52;c;aGk=\x07'), "$'/x\\E]52;c;aGk=\\a'");
    assert.equal(shellQuote("/it's\u009b\u202e"), "$'/it\\'s\\xc2\\x9b\\xe2\\x80\\xae'");
    assert.equal(shellQuote('/a\\b\x01'), "$'/a\\\\b\\x01'");
  });

  it('random words: bash reads back exactly each word, and the quoted word prints as it is', () => {
    const random = seeded(1);
    const words = Array.from({ length: 3000 }, () =>
      // A shell word cannot hold NUL, nor a lone surrogate (no bytes stand for one).
      randomText(random, 1 + Math.floor(random() * 12)).replace(/[\0\ud800-\udfff]/gu, '_'));
    const quoted = words.map(shellQuote);
    for (const [index, word] of quoted.entries()) assert.equal(displayable(word), word, `${JSON.stringify(words[index])} quoted as ${word}`);
    for (let start = 0; start < words.length; start += 500) {
      const read = bashReads(quoted.slice(start, start + 500));
      words.slice(start, start + 500).forEach((word, offset) => assert.deepEqual(read[offset], Buffer.from(word), `${JSON.stringify(word)} quoted as ${quoted[start + offset]}`));
    }
  });
});

describe('yaml quoting for compose snippets', () => {
  it('leaves plain names bare and quotes what YAML would read otherwise', () => {
    assert.equal(yamlScalar('pgdata'), 'pgdata');
    assert.equal(yamlScalar('true'), '"true"');
    assert.equal(yamlScalar('123'), '"123"');
    assert.equal(yamlScalar('a: b'), '"a: b"');
    assert.equal(yamlScalar('x\x1b[2J\u202e'), '"x\\u001b[2J\\u202e"');
  });

  it('random values: a JSON string (a YAML double-quoted scalar) that reads back exactly and prints as it is', () => {
    const random = seeded(7);
    for (let round = 0; round < 5000; round++) {
      const value = randomText(random, 1 + Math.floor(random() * 10)).replace(/[\ud800-\udfff]/gu, '_');
      const quoted = yamlString(value);
      assert.equal(JSON.parse(quoted), value);
      assert.equal(displayable(quoted), quoted);
    }
  });
});
