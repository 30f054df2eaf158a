// The rule backup and restore share: an entry that could be written outside the volume. The
// backup names it as not carried, the restore refuses the file (test/integration/actions.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TarEntry } from '../../src/engine/tar-headers.js';
import { entryLeavesVolume, leavesVolume } from '../../src/actions/volume-path.js';

/** A path's bytes as the tar parser gives them: one character per byte. */
const binary = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('a path that leaves the volume', () => {
  it('is absolute, or climbs with .. anywhere, even when it comes back', () => {
    for (const path of ['/etc/passwd', '/', '//x', '..', '../x', 'a/../../b', 'a/..', 'a/../b', './../x', '././..', 'a/b/../../../c']) {
      assert.equal(leavesVolume(path), true, path);
    }
  });

  it('holds a NUL, where a reader that stops is left with ..', () => {
    for (const path of ['..\0x', 'a\0/../b', 'x\0', '\0']) assert.equal(leavesVolume(path), true, JSON.stringify(path));
  });

  it('with a trailing slash is judged like without', () => {
    for (const path of ['../', 'a/../', '/etc/']) assert.equal(leavesVolume(path), true, path);
    for (const path of ['a/', './', 'a/b/']) assert.equal(leavesVolume(path), false, path);
  });

  it('is not a name that only looks like dots, in any script or encoding', () => {
    for (const path of ['...', '..a', 'a..', '.hidden/..x', '\u2025', '\uff0e\uff0e/x', '..\u200b/x', 'caf\u00e9/..\u0301', 'a\\..\\b', binary('日本/ファイル'), binary('\u00e9\u00e9')]) {
      assert.equal(leavesVolume(path), false, JSON.stringify(path));
    }
  });

  it('is caught in bytes that are not UTF-8 around the ..', () => {
    assert.equal(leavesVolume(`${binary('é')}\xff/../../x`), true);
    assert.equal(leavesVolume(binary('é/../x')), true);
  });

  it('stays inside when it is relative and plain: ., ./a, a/b, .//a', () => {
    for (const path of ['', '.', './a', 'a/b', './/a', 'a//b', '.config/x']) assert.equal(leavesVolume(path), false, path);
  });
});

describe('an entry that leaves the volume', () => {
  const entry = (type: TarEntry['type'], binaryPath: string, binaryLinkPath = ''): TarEntry => ({
    path: binaryPath, binaryPath, type, typeFlag: { file: '0', directory: '5', symlink: '2', hardlink: '1', other: '6' }[type],
    size: 0, mode: 0o644, uid: 0, gid: 0, mtime: 0, linkPath: binaryLinkPath, binaryLinkPath,
  });

  it('by its path, or as a hard link by the path it names; a symlink may point anywhere', () => {
    assert.equal(entryLeavesVolume(entry('file', '../escape.txt')), true);
    assert.equal(entryLeavesVolume(entry('hardlink', 'inside', '../../etc/shadow')), true);
    assert.equal(entryLeavesVolume(entry('hardlink', 'inside', '/etc/shadow')), true);
    assert.equal(entryLeavesVolume(entry('hardlink', 'inside', 'other/file')), false);
    assert.equal(entryLeavesVolume(entry('symlink', 'link', '../../../etc/passwd')), false);
    assert.equal(entryLeavesVolume(entry('symlink', 'link', '/etc/passwd')), false);
  });
});
