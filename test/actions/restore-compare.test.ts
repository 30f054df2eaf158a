// The restore's read-back check: every entry of the backup must come back with the same type,
// size, mode, owner and link target; a new volume must hold nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differences } from '../../src/actions/restore.js';
import { recoveryLine } from '../../src/engine/helper-container.js';

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
  it('one line naming what was undone, or nothing', () => {
    assert.equal(recoveryLine({ started: [], removedFiles: [], removedVolumes: [], helpers: 0, foreign: [], problems: [] }), null);
    assert.equal(
      recoveryLine({ started: ['app'], removedFiles: ['/b/.x.partial-0011aabb'], removedVolumes: [], helpers: 1, foreign: [], problems: [] }),
      'an earlier stowage run was interrupted: started app again; removed /b/.x.partial-0011aabb; removed 1 helper container',
    );
  });
});
