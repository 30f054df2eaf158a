// A read-only session holds nothing that can change the host: its feed has no writing engine,
// the engine it reads through has no write methods, and it makes no helper container, not even
// to read a remote host's paths or a volume. tsc checks the type half (@ts-expect-error lines).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { liveFeed } from '../../src/app/host-feed.js';
import { NO_HELPER_IN_READ_ONLY, treeStore } from '../../src/app/tree-store.js';
import { collectHost } from '../../src/engine/collect.js';
import type { EngineAddress } from '../../src/engine/connection/address.js';
import { DEFAULT_ENGINE_OPTIONS, type Engine, type EngineWrites, readsOnly } from '../../src/engine/engine.js';
import { waitFor } from '../support/wait.js';

/** Every write: a write added to EngineWrites must be added here (tsc says so). */
const WRITES: Record<keyof EngineWrites, true> = {
  importImage: true, createContainer: true, removeContainer: true, deleteContainer: true, deleteVolume: true,
  deleteImage: true, deleteBuildCache: true, startContainer: true, stopContainer: true, createVolume: true, putArchive: true,
};

/** A remote engine: stowage is not on its host, so its paths are read through a helper when that is allowed. */
const REMOTE: EngineAddress = { kind: 'tcp', hostname: 'engine.example', port: 2375, tls: null, source: 'test' };

/** An engine with no containers that records every write asked of it. */
function recordingEngine(): Engine & { writes: string[] } {
  const writes: string[] = [];
  const write = (name: keyof EngineWrites) => async () => void writes.push(name);
  return {
    writes,
    address: REMOTE,
    apiVersion: '1.45',
    version: { Version: '26.1.0', ApiVersion: '1.45' },
    info: async () => ({ Driver: 'overlay2', DockerRootDir: '/var/lib/docker', ServerVersion: '26.1.0' }),
    ping: async () => undefined,
    listContainers: async () => [],
    listContainersWithLabel: async () => [],
    inspectContainer: async () => null,
    listVolumes: async () => [],
    diskUsage: async () => ({ LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] }),
    diskUsageOf: async () => ({ LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] }),
    containerChanges: async () => [],
    readArchive: async () => null,
    statPath: async () => null,
    imageId: async () => null,
    importImage: async () => (writes.push('importImage'), `sha256:${'0'.repeat(64)}`),
    createContainer: async () => (writes.push('createContainer'), 'helper'),
    removeContainer: write('removeContainer'),
    deleteContainer: write('deleteContainer'),
    deleteVolume: write('deleteVolume'),
    deleteImage: write('deleteImage'),
    deleteBuildCache: async () => (writes.push('deleteBuildCache'), { deleted: [], reclaimedBytes: 0 }),
    startContainer: write('startContainer'),
    stopContainer: write('stopContainer'),
    createVolume: write('createVolume'),
    putArchive: write('putArchive'),
  };
}

const collected = (feed: { getState(): { status: string; progress?: unknown } }) => () => {
  const state = feed.getState();
  return state.status === 'ready' && state.progress === null;
};

describe('a read-only live feed', () => {
  it('offers the engine’s reads alone, and no writing engine', async () => {
    const engine = recordingEngine();
    const feed = liveFeed(REMOTE, DEFAULT_ENGINE_OPTIONS, loadDemoSnapshot, true, async () => engine);
    if (!feed.readOnly) throw new Error('liveFeed(…, true) gave a writable feed');
    feed.start();
    await waitFor('the collection to finish', collected(feed));

    assert.equal('engine' in feed, false, 'no engine() member at all');
    const reads = feed.engineReads();
    assert.ok(reads, 'the reads are there once the engine answered');
    assert.notEqual(reads, engine, 'not the connected engine itself, which can write');
    assert.deepEqual(Object.keys(WRITES).filter((name) => name in reads), [], 'the reads object has no write method');
    assert.deepEqual(engine.writes, [], 'collecting a remote host made no helper');

    const typeChecks = () => {
      // @ts-expect-error a read-only feed has no writing engine
      void feed.engine();
      // @ts-expect-error the engine's reads cannot delete
      void reads.deleteVolume('data');
      // @ts-expect-error nor be handed to what makes a helper container
      void collectHost(reads, undefined, { helperEngine: reads });
    };
    void typeChecks;
  });

  it('refuses a volume only a helper could read, and makes none', async () => {
    const engine = recordingEngine();
    const trees = treeStore(() => readsOnly(engine), () => null);
    trees.open({ kind: 'volume', name: 'pgdata', mountpoint: null });
    await waitFor('the scan to end', () => trees.getState().status === 'failed');
    const state = trees.getState();
    assert.equal(state.status === 'failed' && state.error, NO_HELPER_IN_READ_ONLY);
    assert.deepEqual(engine.writes, []);
  });
});

describe('a writable live feed', () => {
  it('offers the engine with its writes, and reads a remote host through a helper it removes', async () => {
    const engine = recordingEngine();
    const feed = liveFeed(REMOTE, DEFAULT_ENGINE_OPTIONS, loadDemoSnapshot, false, async () => engine);
    if (feed.readOnly) throw new Error('liveFeed(…, false) gave a read-only feed');
    feed.start();
    await waitFor('the collection to finish', collected(feed));

    assert.equal(feed.engine(), engine);
    assert.equal(feed.engineReads(), engine);
    assert.deepEqual(engine.writes, ['importImage', 'createContainer', 'removeContainer']);
  });

  it('offers no engine while the demo is shown instead', async () => {
    const feed = liveFeed(REMOTE, DEFAULT_ENGINE_OPTIONS, loadDemoSnapshot, false, async () => recordingEngine());
    if (feed.readOnly) throw new Error('liveFeed(…, false) gave a read-only feed');
    feed.start();
    await waitFor('the collection to finish', collected(feed));
    feed.openDemo();
    assert.equal(feed.engine(), null);
    assert.equal(feed.engineReads(), null);
  });
});
