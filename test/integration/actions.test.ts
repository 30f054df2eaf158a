// Backup, restore and prune on a real engine: what they write, what they refuse, and that they
// act on exactly what was shown.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBackup } from '../../src/actions/backup.js';
import { executePrune } from '../../src/actions/prune.js';
import { runRestore } from '../../src/actions/restore.js';
import { backupsOfVolume } from '../../src/actions/backup-manifest.js';
import type { Engine } from '../../src/engine/engine.js';
import { planBackup } from '../../src/model/backup-plan.js';
import { planPrune } from '../../src/model/prune-plan.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { runCli, CLI } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { connectTo, snapshotOf } from '../support/snapshot-of.js';
import { tarOf } from '../support/tar-writer.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

/** Paths, types, sizes, modes, and a digest of every file's content. */
function treeListing(mountpoint: string): string {
  const listing = execFileSync('find', ['.', '-mindepth', '1', '-printf', '%P %y %s %m %l\\n'], { cwd: mountpoint, encoding: 'utf8' });
  return listing.split('\n').filter(Boolean).sort().map((line) => {
    const [path = '', type] = line.split(' ');
    const content = type === 'f' ? createHash('sha256').update(readFileSync(join(mountpoint, path))).digest('hex').slice(0, 16) : '';
    return `${line} ${content}`;
  }).join('\n');
}

describe('backup, restore and prune on a real engine', () => {
  let engine: RunningEngine;
  let connected: Engine;
  const out = scratchDir('stw-backups-');
  const mountpointOf = (volume: string) => docker(engine, 'volume', 'inspect', '-f', '{{.Mountpoint}}', volume);

  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    const script = [
      'mkdir -p /d/conf /d/data/deep/er /d/empty',
      'echo "secret" > /d/conf/app.env && chmod 600 /d/conf/app.env',
      'echo "#!/bin/sh" > /d/run.sh && chmod 755 /d/run.sh',
      'dd if=/dev/urandom of=/d/data/blob bs=1k count=2048 2>/dev/null',
      'for i in $(seq 1 150); do echo "row $i" > /d/data/deep/er/r$i; done',
      'ln -s conf/app.env /d/link',
    ].join(' && ');
    await docker(engine, 'volume', 'create', 'appdata');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'appdata:/d', BUSYBOX, 'sh', '-c', script);
    await docker(engine, 'run', '-d', '--name', 'app', '--network', 'none', '-v', 'appdata:/d', BUSYBOX);
    await docker(engine, 'volume', 'create', 'big');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'big:/b', BUSYBOX, 'dd', 'if=/dev/urandom', 'of=/b/random', 'bs=1M', 'count=96');
    connected = await connectTo(engine);
  });
  after(async () => engine?.stop());

  it('backs up and restores into a new volume the same tree: paths, sizes, modes, contents', async () => {
    for (const level of [6, null]) {
      const snapshot = await snapshotOf(engine);
      const plan = planBackup(snapshot, 'appdata', new Date(), level !== null);
      assert.ok(plan);
      assert.deepEqual(plan.writers.map((writer) => writer.container.name), ['app']);
      const result = await runBackup(connected, plan, { directory: out, level, stopWriters: false, engineDescription: 'test' });
      assert.ok(result.file.endsWith(level === null ? '.tar' : '.tar.gz'));
      assert.equal(statSync(result.file).mode & 0o777, 0o600);
      assert.match(readFileSync(`${result.file}.sha256`, 'utf8'), new RegExp(`^${result.sha256}  `));
      const manifest = JSON.parse(readFileSync(`${result.file}.manifest.json`, 'utf8')) as { volume: string; entries: number };
      assert.deepEqual([manifest.volume, manifest.entries], ['appdata', result.entries]);
      const target = `restored-${level ?? 'plain'}`;
      const restored = await runRestore(connected, result.file, target, false, { engineDescription: 'test' });
      assert.equal(restored.created, true);
      assert.equal(treeListing(await mountpointOf(target)), treeListing(await mountpointOf('appdata')));
    }
  });

  it('stops the writers when asked and starts them again, also when the backup is cancelled', async () => {
    const snapshot = await snapshotOf(engine);
    const plan = planBackup(snapshot, 'appdata', new Date('2026-01-01T00:00:00Z'), true);
    assert.ok(plan);
    const controller = new AbortController();
    let sawStopped = false;
    const attempt = runBackup(connected, plan, {
      directory: out, level: 9, stopWriters: true, signal: controller.signal, engineDescription: 'test',
      onProgress: () => {
        sawStopped ||= execFileSync('docker', ['-H', engine.host, 'inspect', '-f', '{{.State.Running}}', 'app'], { encoding: 'utf8' }).trim() === 'false';
        controller.abort();
      },
    });
    await assert.rejects(attempt, /backup cancelled; nothing was written/);
    assert.ok(sawStopped, 'app was stopped during the backup');
    assert.equal(await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'app'), 'true');
    assert.equal(existsSync(join(out, plan.fileName)), false);
    assert.deepEqual(readdirSync(out).filter((name) => name.includes('20260101T000000Z')), []);
  });

  it('leaves no file under the final name when killed mid-backup', async () => {
    const child = spawn(process.execPath, [CLI, 'backup', '--volume', 'big', '--level', '9', '--output', out, '--host', engine.host], { stdio: 'ignore' });
    const partial = () => readdirSync(out).find((name) => name.startsWith('.big-') && name.includes('.partial-'));
    await waitFor('the backup to start writing', () => partial() !== undefined, 30_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.deepEqual(readdirSync(out).filter((name) => name.startsWith('big-')), [], 'nothing under a final name');
  });

  it('refuses a damaged backup, and one with paths outside the volume', async () => {
    const snapshot = await snapshotOf(engine);
    const plan = planBackup(snapshot, 'appdata', new Date('2026-02-02T00:00:00Z'), true);
    assert.ok(plan);
    const result = await runBackup(connected, plan, { directory: out, level: 1, stopWriters: false, engineDescription: 'test' });
    const bytes = readFileSync(result.file);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8((bytes.readUInt8(middle) ^ 0xff) & 0xff, middle);
    const damaged = join(out, 'damaged.tar.gz');
    writeFileSync(damaged, bytes);
    writeFileSync(`${damaged}.sha256`, readFileSync(`${result.file}.sha256`));
    await assert.rejects(runRestore(connected, damaged, 'never-made', false, { engineDescription: 'test' }), /does not match its \.sha256/);

    const evil = join(out, 'evil.tar');
    writeFileSync(evil, tarOf([{ name: 'ok.txt', content: 'fine' }, { name: '../escape.txt', content: 'out' }]));
    writeFileSync(`${evil}.sha256`, `${createHash('sha256').update(readFileSync(evil)).digest('hex')}  evil.tar\n`);
    await assert.rejects(runRestore(connected, evil, 'never-made', false, { engineDescription: 'test' }), /entry outside the volume \(\.\.\/escape\.txt\)/);
    assert.equal(await docker(engine, 'volume', 'ls', '-q', '--filter', 'name=never-made'), '', 'no volume was made');
  });

  it('restores into a volume that holds data only when its name is typed again', async () => {
    const backups = readdirSync(out).filter((name) => name.startsWith('appdata-') && name.endsWith('.tar.gz'));
    const file = join(out, backups[0] ?? '');
    await assert.rejects(runRestore(connected, file, 'appdata', true, { engineDescription: 'test' }), /holds \d+ entries; .*--confirm-non-empty appdata/);
    const result = await runRestore(connected, file, 'appdata', true, { engineDescription: 'test', confirmNonEmpty: 'appdata' });
    assert.equal(result.created, false);
    // What it held is kept beside the backup, restorable as any backup of it.
    assert.match(result.safetyBackup ?? '', new RegExp(`^${out}/appdata-before-restore-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
    assert.ok((await backupsOfVolume(out, 'appdata')).includes(basename(result.safetyBackup ?? '')));
  });

  it('prunes exactly the previewed set: what is created or taken into use after the preview survives', async () => {
    await docker(engine, 'volume', 'create', 'old-named');
    await docker(engine, 'volume', 'create', 'reused-named');
    await docker(engine, 'create', '--name', 'stopped-one', '--network', 'none', '-v', '/scratch', BUSYBOX);
    const plan = planPrune(await snapshotOf(engine), ['stopped-containers', 'anonymous-volumes', 'named-volumes']);
    const names = plan.items.map((item) => item.name);
    assert.ok(names.includes('stopped-one') && names.includes('old-named') && names.includes('reused-named'));
    assert.ok(plan.items.some((item) => item.type === 'volume' && item.kind === 'stopped-containers'), "stopped-one's anonymous volume");

    await docker(engine, 'volume', 'create', 'made-after-preview');
    await docker(engine, 'create', '--name', 'new-user', '--network', 'none', '-v', 'reused-named:/x', BUSYBOX);
    const outcome = await executePrune(connected, plan.items);

    const remaining = (await docker(engine, 'volume', 'ls', '-q')).split('\n');
    assert.ok(remaining.includes('made-after-preview'), 'created after the preview: untouched');
    assert.ok(remaining.includes('reused-named'), 'taken into use after the preview: kept');
    assert.ok(!remaining.includes('old-named'));
    assert.deepEqual(outcome.skipped.map(({ item }) => item.name), ['reused-named']);
    assert.match(outcome.skipped[0]?.reason ?? '', /in use/);
    assert.equal(await docker(engine, 'ps', '-aq', '--filter', 'name=stopped-one'), '');
  });

  it('refuses every action in read-only mode and on saved snapshots', async () => {
    for (const args of [['prune', '--read-only'], ['backup', '--volume', 'x', '--read-only'], ['restore', 'f', '--volume', 'x', '--read-only'], ['prune', '--demo']]) {
      const result = await runCli([...args, '--yes', '--host', engine.host].filter((arg) => !(arg === '--host' && args.includes('--demo')) && !(arg === engine.host && args.includes('--demo'))));
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /read-only|acts on a live engine/);
    }
  });
});
