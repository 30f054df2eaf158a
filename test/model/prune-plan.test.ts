import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { planBackup } from '../../src/model/backup-plan.js';
import { DEFAULT_PRUNE_KINDS, namedVolumeConfirmation, planPrune } from '../../src/model/prune-plan.js';

// The demo host was captured from a real engine holding the seed situations.
const demo = loadDemoSnapshot();

describe('a prune plan', () => {
  it('takes stopped containers, dangling anonymous volumes, dangling images and unused cache by default, not named volumes', () => {
    const plan = planPrune(demo, DEFAULT_PRUNE_KINDS);
    const stopped = demo.containers.filter((c) => ['exited', 'created', 'dead'].includes(c.state)).map((c) => c.name).sort();
    assert.deepEqual(plan.items.filter((i) => i.type === 'container').map((i) => i.name).sort(), stopped);
    assert.ok(plan.items.every((item) => !item.named));
    const danglingAnonymous = demo.volumes.filter((v) => v.dangling && v.anonymous).map((v) => v.name);
    assert.ok(danglingAnonymous.every((name) => plan.items.some((item) => item.name === name)));
    assert.equal(plan.totalBytes, plan.items.reduce((sum, item) => sum + (item.sizeBytes ?? 0), 0));
  });

  it('adds dangling named volumes only when asked, and asks for their name or count', () => {
    const plan = planPrune(demo, ['named-volumes']);
    assert.deepEqual(plan.items.map((item) => item.name), demo.volumes.filter((v) => v.dangling && !v.anonymous).map((v) => v.name));
    assert.equal(namedVolumeConfirmation(plan), plan.items.length === 1 ? plan.items[0]?.name : String(plan.items.length));
    assert.equal(namedVolumeConfirmation(planPrune(demo, DEFAULT_PRUNE_KINDS)), null);
  });

  it('never takes a volume a running container uses, nor a running container', () => {
    const plan = planPrune(demo, ['stopped-containers', 'anonymous-volumes', 'named-volumes']);
    const running = demo.containers.filter((c) => c.state === 'running');
    assert.ok(!plan.items.some((item) => running.some((c) => c.id === item.id || c.volumes.some((v) => v.name === item.name))));
  });
});

describe('a backup plan', () => {
  it('names the running containers that write to the volume, and the dump tool of a database', () => {
    const plan = planBackup(demo, 'pgdata', new Date('2026-11-23T14:05:09.123Z'), true);
    assert.equal(plan?.fileName, 'pgdata-20261123T140509Z.tar.gz');
    assert.deepEqual(plan?.writers.map((w) => [w.container.name, w.database?.dumpTool]), [['pg-named', 'pg_dumpall']]);
    assert.deepEqual(planBackup(demo, 'shared-data', new Date(), false)?.writers.map((w) => w.container.name), ['shared-writer'], 'the read-only user does not write');
    assert.equal(planBackup(demo, 'no-such-volume', new Date(), true), null);
  });
});
