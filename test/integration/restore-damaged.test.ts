// A backup file overwritten on disk while it is being restored: the restore must say the file is
// damaged or changed, naming it, and not blame the engine; the volume it made is removed again.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { openSync, readdirSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runRestore } from '../../src/actions/restore.js';
import type { Engine } from '../../src/engine/engine.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { runCli } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { connectTo } from '../support/snapshot-of.js';
import { scratchDir } from '../support/scratch.js';

describe('a backup changed on disk mid-restore, on 20.10', () => {
  let engine: RunningEngine;
  const out = scratchDir('stw-damaged-');
  let backup = '';

  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
    await docker(engine, 'volume', 'create', 'big');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'big:/b', BUSYBOX, 'dd', 'if=/dev/urandom', 'of=/b/random', 'bs=1M', 'count=24');
    const result = await runCli(['backup', '--volume', 'big', '--level', '1', '--output', out, '--host', engine.host]);
    assert.equal(result.code, 0, result.stderr);
    backup = join(out, readdirSync(out).find((file) => file.endsWith('.tar.gz')) ?? '');
  });
  after(async () => {
    await engine?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('says the file is damaged or changed, names it, and removes the volume it made', async () => {
    const connected = await connectTo(engine);
    // The real engine, with the file overwritten in place (past what was read ahead) the moment the sending starts.
    const overwriting: Engine = Object.assign(Object.create(connected) as Engine, {
      putArchive: (id: string, path: string, tar: NodeJS.ReadableStream) => {
        const descriptor = openSync(backup, 'r+');
        writeSync(descriptor, randomBytes(statSync(backup).size - 4_000_000), 0, undefined, 4_000_000);
        closeSync(descriptor);
        return connected.putArchive(id, path, tar);
      },
    });
    await assert.rejects(runRestore(overwriting, backup, 'big-restored', false, { engineDescription: 'test' }), (error: Error) => {
      assert.match(error.message, new RegExp(`^restoring ${backup} failed: ${backup} is damaged or was changed while it was read \\(.+\\): check it against its \\.sha256 \\(\`sha256sum -c\` in its folder\\), or restore another backup; the new volume big-restored was removed again$`));
      assert.doesNotMatch(error.message, /Docker engine|\n/);
      return true;
    });
    assert.ok(!(await docker(engine, 'volume', 'ls', '-q')).split('\n').includes('big-restored'), 'no volume was left behind');
  });
});
