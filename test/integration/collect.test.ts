import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Engine } from '../../src/engine/engine.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { connectTo, snapshotOf } from '../support/snapshot-of.js';

describe('collecting from a host that changes underneath', () => {
  let engine: RunningEngine;
  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    for (const name of ['stays', 'goes']) await docker(engine, 'create', '--name', name, '--network', 'none', BUSYBOX);
  });
  after(async () => engine?.stop());

  it('skips a container removed between list and inspect', async () => {
    const connected = await connectTo(engine);
    // The real engine's list, then a real `docker rm` before stowage inspects.
    const racing: Engine = Object.create(connected, {
      listContainers: {
        value: async () => {
          const listed = await connected.listContainers();
          await docker(engine, 'rm', 'goes');
          return listed;
        },
      },
    }) as Engine;
    const snapshot = await snapshotOf(racing);
    assert.deepEqual(snapshot.containers.map((container) => container.name), ['stays']);
    assert.deepEqual(snapshot.warnings, []);
  });
});
