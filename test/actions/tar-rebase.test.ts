// The restore's tar rewriter: every entry moves under volume/, links keep their targets (hard
// links move too), long names survive, contents and padding are untouched; and the parser
// refuses what is not a whole tar.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { TarFormatError, TarParser, tarEntries } from '../../src/engine/tar-headers.js';
import { rebaseTar } from '../../src/engine/tar-rebase.js';
import { tarOf } from '../support/tar-writer.js';
import { scratchDir } from '../support/scratch.js';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends `tar` through the rewriter in small, uneven chunks, as a socket would. */
async function rebased(tar: Buffer): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let at = 0, step = 1; at < tar.length; at += step, step = (step * 7) % 1500 + 1) pieces.push(tar.subarray(at, at + step));
  return collect(Readable.from(pieces).pipe(rebaseTar({ folder: 'volume' })));
}

describe('the restore tar rewriter', () => {
  it('moves every entry of a GNU tar with long names and links under volume/, contents intact', async () => {
    const dir = scratchDir('stw-rebase-');
    const long = join('x'.repeat(120), 'y'.repeat(150));
    mkdirSync(join(dir, 'src', long), { recursive: true });
    writeFileSync(join(dir, 'src', long, 'z'.repeat(200)), 'deep\n');
    writeFileSync(join(dir, 'src', 'file'), Buffer.alloc(1000, 7));
    symlinkSync('../../../../etc/passwd', join(dir, 'src', 'up'));
    symlinkSync('q'.repeat(180), join(dir, 'src', 'longlink'));
    linkSync(join(dir, 'src', 'file'), join(dir, 'src', 'hard'));
    const tar = execFileSync('tar', ['--format=gnu', '-C', join(dir, 'src'), '-cf', '-', '.'], { maxBuffer: 1 << 26 });
    const output = await rebased(tar);
    const entries = [];
    for await (const entry of tarEntries(Readable.from([output]))) entries.push(entry);
    assert.ok(entries.every((entry) => entry.path === 'volume' || entry.path.startsWith('volume/')), entries.map((e) => e.path).join(' '));
    assert.equal(entries.find((entry) => entry.path === 'volume/up')?.linkPath, '../../../../etc/passwd');
    assert.equal(entries.find((entry) => entry.path === 'volume/longlink')?.linkPath, 'q'.repeat(180));
    const hard = entries.find((entry) => entry.path === 'volume/hard' || entry.path === 'volume/file');
    assert.ok(hard);
    assert.ok(entries.some((entry) => entry.type === 'hardlink' && entry.linkPath.startsWith('volume/')), 'the hard link names its target under volume/');
    // GNU tar itself reads the result back to the same tree.
    mkdirSync(join(dir, 'out'));
    execFileSync('tar', ['-C', join(dir, 'out'), '-xf', '-'], { input: output });
    assert.equal(readFileSync(join(dir, 'out', 'volume', long, 'z'.repeat(200)), 'utf8'), 'deep\n');
    assert.deepEqual(readFileSync(join(dir, 'out', 'volume', 'file')), Buffer.alloc(1000, 7));
  });

  it('refuses bytes that are not a tar, and a tar cut short', () => {
    assert.throws(() => new TarParser({ entry: () => undefined }).write(Buffer.alloc(512, 65)), TarFormatError);
    const whole = tarOf([{ name: 'a.txt', content: 'x'.repeat(700) }]);
    const cut = new TarParser({ entry: () => undefined });
    cut.write(whole.subarray(0, 900));
    assert.throws(() => cut.end(), /truncated/);
    const noEnd = new TarParser({ entry: () => undefined });
    noEnd.write(whole.subarray(0, 1536));
    assert.throws(() => noEnd.end(), /no end marker/);
  });
});
