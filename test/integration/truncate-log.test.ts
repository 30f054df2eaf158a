// Emptying a container's log on a real 20.10 engine, with running containers: the file sized for
// the confirmation is the one emptied, and a log whose folder became a link, that shares its bytes
// with another file, or that was swapped after it was shown, is refused with that file left whole.
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkLog, truncateLog } from '../../src/actions/truncate-log.js';
import type { Engine } from '../../src/engine/engine.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { connectTo } from '../support/snapshot-of.js';
import { waitFor } from '../support/wait.js';

const PRECIOUS = 'the only copy of something that matters\n';
/** 100 kB of log at once, then a line a second. */
const WRITER = ['sh', '-c', "head -c 100000 /dev/zero | tr '\\0' x; echo; while :; do echo alive; sleep 1; done"];

describe('emptying a log on a real engine', () => {
  let engine: RunningEngine;
  let connected: Engine;
  const ids: Record<string, string> = {};
  const logPaths: Record<string, string> = {};

  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
    for (const name of ['steady', 'linked-folder', 'hard-linked', 'swapped']) {
      ids[name] = await docker(engine, 'run', '-d', '--name', name, '--network', 'none', BUSYBOX, ...WRITER);
    }
    ids.stopped = await docker(engine, 'run', '-d', '--name', 'stopped', '--network', 'none', BUSYBOX, 'sh', '-c', "head -c 50000 /dev/zero | tr '\\0' y");
    await docker(engine, 'wait', 'stopped');
    for (const name of Object.keys(ids)) {
      logPaths[name] = await docker(engine, 'inspect', '-f', '{{.LogPath}}', name);
      await waitFor(`the log of ${name} to hold its first bytes`, () => (statSync(logPaths[name] ?? '', { throwIfNoEntry: false })?.size ?? 0) >= 50_000, 30_000);
    }
    connected = await connectTo(engine);
  });
  after(async () => engine?.stop());

  const refusal = (name: string, reason: RegExp) => new RegExp(`^cannot truncate the log of ${name}: ${reason.source}; nothing was changed$`);

  it('frees the bytes it showed while the container runs, and the engine writes on', async () => {
    const path = logPaths.steady ?? '';
    const target = await checkLog(connected, ids.steady ?? '');
    assert.deepEqual([target.container, target.path, target.running, target.inode], ['steady', path, true, BigInt(statSync(path).ino)]);
    assert.ok(target.sizeBytes >= 100_000, `sized ${target.sizeBytes} bytes`);
    const result = await truncateLog(connected, target);
    assert.ok(result.freedBytes >= target.sizeBytes, `freed ${result.freedBytes} of ${target.sizeBytes}`);
    assert.equal(result.running, true);
    assert.ok(statSync(path).size < 1000, 'the log is empty');
    assert.equal(await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'steady'), 'true');
    await waitFor('the engine to write on', () => statSync(path).size > 0, 10_000);
  });

  it('says a stopped container is not running', async () => {
    const target = await checkLog(connected, ids.stopped ?? '');
    assert.equal(target.running, false);
    const result = await truncateLog(connected, target);
    assert.deepEqual([result.running, result.freedBytes, statSync(logPaths.stopped ?? '').size], [false, target.sizeBytes, 0]);
  });

  it('refuses a container folder replaced by a link, and leaves the file it leads to whole', async () => {
    const folder = dirname(logPaths['linked-folder'] ?? '');
    // On the data root's file system, beside its containers folder: a rename and a link work there.
    const elsewhere = join(dirname(dirname(folder)), 'elsewhere');
    mkdirSync(elsewhere);
    renameSync(folder, join(elsewhere, 'moved'));
    symlinkSync(join(elsewhere, 'moved'), folder);
    const victim = join(elsewhere, 'moved', (logPaths['linked-folder'] ?? '').split('/').pop() ?? '');
    writeFileSync(`${victim}.new`, PRECIOUS);
    renameSync(`${victim}.new`, victim);
    await assert.rejects(checkLog(connected, ids['linked-folder'] ?? ''), { message: refusal('linked-folder', new RegExp(`${folder} is a symbolic link`)) });
    assert.equal(readFileSync(victim, 'utf8'), PRECIOUS);
  });

  it('refuses a log hard-linked to another file, and leaves that file whole', async () => {
    const path = logPaths['hard-linked'] ?? '';
    const victim = join(dirname(dirname(dirname(path))), 'victim');
    writeFileSync(victim, PRECIOUS);
    renameSync(path, `${path}.old`);
    linkSync(victim, path);
    await assert.rejects(checkLog(connected, ids['hard-linked'] ?? ''), { message: refusal('hard-linked', /\S+-json\.log has 2 names \(hard links\): another file shares its bytes/) });
    assert.equal(readFileSync(victim, 'utf8'), PRECIOUS);
  });

  it('refuses a file put in the log\'s place after the confirmation showed it, and leaves it whole', async () => {
    const path = logPaths.swapped ?? '';
    const target = await checkLog(connected, ids.swapped ?? '');
    writeFileSync(`${path}.new`, PRECIOUS);
    renameSync(`${path}.new`, path);
    await assert.rejects(truncateLog(connected, target), { message: refusal('swapped', /\S+-json\.log is not the file that was shown: it was replaced since/) });
    assert.equal(readFileSync(path, 'utf8'), PRECIOUS);
  });
});
