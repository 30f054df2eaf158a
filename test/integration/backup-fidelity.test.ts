// "Verified" means restorable: on real 20.10 and 26.1 engines, data with links above the volume's
// root, absolute links, hard links and long names restores exactly (the root's mode and owner
// too); what the engine's archive cannot carry is named; a restore reads its file once, and
// anything wrong (not a tar, truncated, refused by the engine) leaves no volume behind.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type EngineName, type RunningEngine, startEngine } from '../support/engines.js';
import { runCli } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { tarOf } from '../support/tar-writer.js';
import { connectTo } from '../support/snapshot-of.js';
import { runRestore } from '../../src/actions/restore.js';
import { waitFor } from '../support/wait.js';
import { listing } from '../support/volume-listing.js';
import { scratchDir } from '../support/scratch.js';

const sha256File = (file: string) => writeFileSync(`${file}.sha256`, `${createHash('sha256').update(readFileSync(file)).digest('hex')}  x\n`);

for (const name of ['20.10', '26.1'] as EngineName[]) {
  describe(`backups that restore exactly, on ${name}`, () => {
    let engine: RunningEngine;
    const out = scratchDir('stw-fidelity-');
    const mountpointOf = (volume: string) => docker(engine, 'volume', 'inspect', '-f', '{{.Mountpoint}}', volume);
    const volumes = async () => (await docker(engine, 'volume', 'ls', '-q')).split('\n').filter(Boolean).sort();
    let backup = '';

    before(async () => {
      engine = await startEngine(name);
      await importFixtureImages(engine);
      await docker(engine, 'volume', 'create', 'real-data');
      const deep = `${'x'.repeat(120)}/${'y'.repeat(150)}`;
      await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'real-data:/d', BUSYBOX, 'sh', '-c', [
        `mkdir -p /d/a/b /d/${deep}`, 'echo hi > /d/a/file', `echo deep > /d/${deep}/${'z'.repeat(200)}`,
        'ln -s ../../../../etc/passwd /d/a/link', 'ln -s ../../.. /d/a/b/up', 'ln -s /etc/hostname /d/abs',
        'ln /d/a/file /d/a/hard', `ln -s ${'q'.repeat(200)} /d/longlink`, 'chmod 0750 /d', 'chmod 4755 /d/a/file',
      ].join(' && '));
      const mountpoint = await mountpointOf('real-data');
      chownSync(mountpoint, 1000, 1000);
      execFileSync('python3', ['-c', `import socket,os;s=socket.socket(socket.AF_UNIX);s.bind('${mountpoint}/app.sock');os.setxattr('${mountpoint}/a/file','user.note',b'x')`]);
      // Names that are not UTF-8, as a directory, a file in it, and a link's target.
      const bytes = (...parts: (string | number[])[]) => Buffer.concat([Buffer.from(`${mountpoint}/`), ...parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))]);
      mkdirSync(bytes('dir', [0xff, 0xfe]));
      writeFileSync(bytes('dir', [0xff, 0xfe], '/caf', [0xe9]), 'latin-1 name');
      symlinkSync(Buffer.from([0x64, 0x69, 0x72, 0xff, 0xfe]), bytes('to-', [0xc3, 0x28]));
      execFileSync('truncate', ['-s', '101M', join(mountpoint, 'disk.img')]);
      writeFileSync(join(mountpoint, 'disk.img'), 'head', { flag: 'r+' });
    });
    after(async () => engine?.stop());

    it('restores links above the root, absolute and hard links, long names and the root itself exactly', async () => {
      const result = await runCli(['backup', '--volume', 'real-data', '--output', out, '--host', engine.host]);
      assert.equal(result.code, 0, result.stderr);
      backup = join(out, readdirSync(out).find((file) => file.endsWith('.tar.gz')) ?? '');
      const restore = await runCli(['restore', backup, '--volume', 'restored', '--host', engine.host]);
      assert.equal(restore.code, 0, restore.stderr);
      // The socket is the one entry the engine's archive skips (named below).
      assert.equal(listing(await mountpointOf('restored')), listing(await mountpointOf('real-data'), (path) => path === 'app.sock'));
    });

    it('names what the archive cannot carry, in the result line and the manifest', async () => {
      const manifest = JSON.parse(readFileSync(`${backup}.manifest.json`, 'utf8')) as { notCarried: { path: string; kind: string; restoredBytes?: number; attributes?: string[] }[]; checkedOnThisMachine: string[] };
      assert.deepEqual(manifest.checkedOnThisMachine, ['sockets', 'sparse files', 'xattrs']);
      const byKind = (kind: string) => manifest.notCarried.filter((item) => item.kind === kind);
      assert.deepEqual(byKind('socket').map((item) => item.path), ['app.sock']);
      assert.deepEqual(byKind('sparse').map((item) => [item.path, item.restoredBytes]), [['disk.img', 101 * 1024 * 1024]]);
      assert.ok(byKind('xattr').some((item) => item.path === 'a/file' && item.attributes?.includes('user.note')));
      assert.equal(byKind('refused').length, 0, 'every entry restores through the engine');
    });

    it('reads the backup once: a file swapped in by name during the restore is not what is restored', async () => {
      await docker(engine, 'volume', 'create', 'big');
      await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'big:/b', BUSYBOX, 'dd', 'if=/dev/urandom', 'of=/b/random', 'bs=1M', 'count=64');
      const result = await runCli(['backup', '--volume', 'big', '--level', '1', '--output', out, '--host', engine.host]);
      assert.equal(result.code, 0, result.stderr);
      const file = join(out, readdirSync(out).find((candidate) => candidate.startsWith('big-') && candidate.endsWith('.tar.gz')) ?? '');
      const impostor = join(out, 'impostor.tar.gz');
      execFileSync('sh', ['-c', `tar -C /etc -czf ${impostor} hostname`]);
      const restoring = runCli(['restore', file, '--volume', 'big-restored', '--host', engine.host]);
      await waitFor('the restore to create its volume', async () => (await volumes()).includes('big-restored'), 30_000);
      renameSync(impostor, file);
      const restore = await restoring;
      assert.equal(restore.code, 0, restore.stderr);
      const original = readFileSync(join(await mountpointOf('big'), 'random'));
      assert.deepEqual(readFileSync(join(await mountpointOf('big-restored'), 'random')).equals(original), true);
    });

    it('creates nothing for a file that is not a tar or is truncated, and removes the volume the engine refused to fill', async () => {
      const before = await volumes();
      const notTar = join(out, 'notes.tar');
      writeFileSync(notTar, 'these are notes, not a tar archive\n'.repeat(40));
      sha256File(notTar);
      let result = await runCli(['restore', notTar, '--volume', 'never-1', '--host', engine.host]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^stowage: \S+notes\.tar is not a complete tar: this is not a tar archive \(bad header at byte 0\); nothing was restored\n$/);

      const truncated = join(out, 'cut.tar.gz');
      writeFileSync(truncated, readFileSync(backup).subarray(0, 4000));
      sha256File(truncated);
      result = await runCli(['restore', truncated, '--volume', 'never-2', '--host', engine.host]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^stowage: \S+cut\.tar\.gz is not a complete \.tar\.gz: its gzip data ends early \(it is truncated\); nothing was restored\n$/);
      truncateSync(truncated, 3000);
      result = await runCli(['restore', truncated, '--volume', 'never-2', '--host', engine.host]);
      assert.match(result.stderr, /does not match its \.sha256 and its gzip data ends early/);

      // A hard link to nothing: the engine refuses it half-way, with its own message.
      const dangling = join(out, 'dangling.tar');
      writeFileSync(dangling, tarOf([{ name: 'ok.txt', content: 'fine' }, { name: 'link', type: '1', linkname: 'missing' }]));
      sha256File(dangling);
      result = await runCli(['restore', dangling, '--volume', 'never-3', '--host', engine.host]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^stowage: restoring \S+ failed: .*failed to write into \/ of container \w+: HTTP (500|404) .+; the new volume never-3 was removed again\n$/);
      assert.doesNotMatch(result.stderr, /unexpected error/);
      assert.deepEqual(await volumes(), before, 'no volume was left behind');
    });

    it('leaves alone a volume made under the same name since the host was read, data and all', async () => {
      await docker(engine, 'volume', 'create', 'made-meanwhile');
      await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'made-meanwhile:/d', BUSYBOX, 'sh', '-c', 'echo mine > /d/keep');
      // As a restore planned on an older snapshot would: the volume taken for new.
      await assert.rejects(runRestore(await connectTo(engine), backup, 'made-meanwhile', false, { engineDescription: 'test' }), /made-meanwhile exists already .*nothing was restored/);
      assert.ok((await volumes()).includes('made-meanwhile'), 'the volume is still there');
      assert.equal(await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'made-meanwhile:/d', BUSYBOX, 'ls', '/d'), 'keep', 'and holds only its own data');
    });
  });
}
