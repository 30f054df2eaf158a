// Docker 29 (API 1.52, containerd image store) cannot run here: its answers in
// test/fixtures/docker-29.api-reference.json are written from the Engine API reference, not captured.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { loadFixture } from '../support/fixtures.js';

describe('a Docker 29 host (from the API reference)', () => {
  const snapshot = buildSnapshot(loadFixture('docker-29.api-reference'));
  const named = (name: string) => snapshot.containers.find((c) => c.name === name);

  it('knows the containerd store and gives no writable-layer path, but keeps SizeRw', () => {
    assert.equal(snapshot.engine.imageStore, 'containerd');
    assert.equal(snapshot.engine.storageDriver, 'overlayfs');
    assert.deepEqual(named('old-job')?.writableLayer, { sizeBytes: 20971520, path: null, dataPaths: null });
  });

  it('reads tmpfs from --mount larger than the memory limit, and from --tmpfs', () => {
    const cache = named('cache');
    assert.deepEqual(cache?.tmpfs.map((t) => [t.destination, t.sizeBytes]), [['/scratch', 1073741824]]);
    assert.equal(cache?.memoryLimitBytes, 268435456);
    assert.equal(cache?.readOnlyRootfs, true);
    assert.deepEqual(named('shop-db-1')?.tmpfs.map((t) => [t.destination, t.sizeBytes]), [['/run/postgresql', 64 * 1024 * 1024]]);
  });

  it('labels the anonymous volume, finds the dangling one and the compose one', () => {
    const anonymous = snapshot.volumes.filter((v) => v.anonymous);
    assert.equal(anonymous.length, 1);
    assert.deepEqual(anonymous[0]?.containers, ['cache']);
    const uploads = snapshot.volumes.find((v) => v.name === 'old-uploads');
    assert.deepEqual([uploads?.dangling, uploads?.sizeBytes], [true, 104857600]);
    const pg = snapshot.volumes.find((v) => v.name === 'shop_pgdata');
    assert.deepEqual([pg?.composeProject, pg?.composeVolume, pg?.sizeBytes], ['shop', 'pgdata', 52428800]);
  });

  it('takes the totals from the per-kind summaries API 1.52 adds', () => {
    const raw = loadFixture('docker-29.api-reference');
    assert.equal(snapshot.diskUsage.volumes.sizeBytes, raw.df?.VolumeUsage?.TotalSize);
    assert.equal(snapshot.diskUsage.volumes.reclaimableBytes, raw.df?.VolumeUsage?.Reclaimable);
    assert.equal(snapshot.diskUsage.images.count, raw.df?.ImageUsage?.TotalCount);
  });

  it("reads the log caps, with the local driver's defaults", () => {
    assert.deepEqual([named('shop-db-1')?.log.maxSizeBytes, named('shop-db-1')?.log.maxFiles], [10_000_000, 3]);
    assert.deepEqual([named('cache')?.log.maxSizeBytes, named('cache')?.log.driver], [null, 'json-file']);
    assert.deepEqual(named('old-job')?.log, { driver: 'local', path: null, sizeBytes: null, maxSizeBytes: 20_000_000, maxFiles: 5 });
  });

  it('also reads the summaries under the names of the first v1.52 reference', () => {
    const raw = loadFixture('docker-29.api-reference');
    const { VolumeUsage, Volumes, ...rest } = raw.df ?? {};
    const renamed = buildSnapshot({ ...raw, df: { ...rest, VolumesDiskUsage: VolumeUsage ?? null } });
    assert.equal(renamed.diskUsage.volumes.sizeBytes, VolumeUsage?.TotalSize);
    assert.equal(renamed.volumes.find((v) => v.name === 'old-uploads')?.sizeBytes, 104857600);
  });
});
