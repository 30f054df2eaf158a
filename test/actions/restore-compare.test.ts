// The restore's read-back check: every entry of the backup must come back with the same type,
// size, mode, owner and link target; a new volume must hold nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differences } from '../../src/actions/restore.js';
import { recoveryLine } from '../../src/actions/recovery-line.js';
import { restoreCommandLine } from '../../src/actions/restore-safety.js';
import type { EngineAddress } from '../../src/engine/connection/address.js';
import type { Recovery } from '../../src/engine/helper-container.js';

const shape = (over: Partial<{ type: string; size: number; mode: number; uid: number; gid: number; linkPath: string }> = {}) =>
  ({ type: '0', size: 3, mode: 0o644, uid: 0, gid: 0, linkPath: '', ...over });

describe('comparing a restored volume with its backup', () => {
  const backup = new Map([['', shape({ type: '5', size: 0, mode: 0o750, uid: 1000, gid: 1000 })], ['a/link', shape({ type: '2', size: 0, mode: 0o777, linkPath: '../../etc/passwd' })], ['f', shape()]]);

  it('accepts an exact copy', () => {
    assert.deepEqual(differences(backup, new Map(backup), true), []);
  });

  it('names a root whose owner changed, a link that points elsewhere, a file with more bytes', () => {
    const restored = new Map(backup);
    restored.set('', shape({ type: '5', size: 0, mode: 0o755 }));
    restored.set('a/link', shape({ type: '2', size: 0, mode: 0o777, linkPath: 'passwd' }));
    restored.set('f', shape({ size: 4 }));
    const found = differences(backup, restored, true);
    assert.equal(found.length, 3);
    assert.match(found[0] ?? '', /^\(the volume root\): backup has type 5, 0 bytes, mode 750, owner 1000:1000, volume has type 5, 0 bytes, mode 755, owner 0:0$/);
    assert.match(found[1] ?? '', /-> \.\.\/\.\.\/etc\/passwd, volume has .*-> passwd$/);
  });

  it('counts extra entries only in a new volume, and missing ones always', () => {
    const restored = new Map(backup);
    restored.set('extra', shape());
    assert.deepEqual(differences(backup, restored, true), ['extra: not in the backup']);
    assert.deepEqual(differences(backup, restored, false), []);
    restored.delete('f');
    assert.match(differences(backup, restored, false)[0] ?? '', /^f: backup has .*, volume has missing$/);
  });
});

describe('what the next start says after a killed run', () => {
  const address: EngineAddress = { kind: 'unix', socketPath: '/run/x/docker.sock', source: '--host' };
  const nothing: Recovery = { started: [], removedFiles: [], removedVolumes: [], partialRestores: [], helpers: 0, foreign: [], problems: [] };

  it('one line naming what was undone, or nothing', () => {
    assert.equal(recoveryLine(nothing, address), null);
    assert.equal(
      recoveryLine({ ...nothing, started: ['app'], removedFiles: ['/b/.x.partial-0011aabb'], helpers: 1 }, address),
      'an earlier stowage run was interrupted: started app again; removed /b/.x.partial-0011aabb; removed 1 helper container',
    );
  });

  it('names a partially restored volume and its way back, from labels shown and quoted', () => {
    const partial = { volume: 'data', file: '/b/new.tar.gz', safetyBackup: "/b/it's\x1b[2J.tar.gz", safetyBackupThere: true };
    const line = recoveryLine({ ...nothing, partialRestores: [partial], helpers: 1 }, address) ?? '';
    assert.equal(
      line,
      "an earlier stowage run was interrupted: volume data holds a partial restore of /b/new.tar.gz; its contents before are in /b/it's\\e[2J.tar.gz: " +
        "`stowage restore $'/b/it\\'s\\E[2J.tar.gz' --volume data --confirm-non-empty data --host unix:///run/x/docker.sock` (entries the partial restore added stay: for exactly the contents before, restore it into a new volume); removed 1 helper container",
    );
    assert.doesNotMatch(line, /\x1b/);
    assert.match(recoveryLine({ ...nothing, partialRestores: [{ ...partial, safetyBackupThere: false }] }, address) ?? '', /were saved to \S+, which is gone: restore it from another backup$/);
    assert.match(recoveryLine({ ...nothing, partialRestores: [{ ...partial, safetyBackup: null }] }, address) ?? '', /; it was empty before: run the restore again with `stowage restore \/b\/new\.tar\.gz --volume data/);
  });
});

describe('the way back after a restore over data', () => {
  it('names the engine as it was chosen: a context by its name (its TLS files go with it), an address with its scheme', () => {
    const tls = { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem', verify: true };
    const throughContext: EngineAddress = { kind: 'tcp', hostname: 'prod.example', port: 2376, tls, source: 'context "prod east"' };
    assert.equal(restoreCommandLine('/b/v.tar.gz', 'v', throughContext), "stowage restore /b/v.tar.gz --volume v --confirm-non-empty v --context 'prod east'");
    const byAddress: EngineAddress = { kind: 'tcp', hostname: 'prod.example', port: 2376, tls, source: '--host' };
    assert.equal(restoreCommandLine('/b/v.tar.gz', 'v', byAddress), 'stowage restore /b/v.tar.gz --volume v --confirm-non-empty v --host https://prod.example:2376');
  });
});
