// The snapshot model fed with answers captured from real engines holding the seed situations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSnapshot } from '../../src/model/snapshot.js';
import type { Snapshot } from '../../src/model/types.js';
import { CAPTURED, loadFixture } from '../support/fixtures.js';

const MiB = 1024 * 1024;
const container = (snapshot: Snapshot, name: string) => {
  const found = snapshot.containers.find((candidate) => candidate.name === name);
  assert.ok(found, `container ${name}`);
  return found;
};

for (const fixture of CAPTURED) {
  describe(`the snapshot of ${fixture}`, () => {
    const raw = loadFixture(fixture);
    const snapshot = buildSnapshot(raw);

    it('is the same for the same input', () => {
      assert.deepEqual(buildSnapshot(loadFixture(fixture)), snapshot);
    });

    it('has one entry per inspected container and per volume, sorted by name', () => {
      assert.equal(snapshot.containers.length, raw.inspects.length);
      assert.equal(snapshot.volumes.length, raw.volumes.length);
      const names = snapshot.containers.map((c) => c.name);
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    });

    it('flags a tmpfs larger than the memory limit through its numbers', () => {
      const cache = container(snapshot, 'tmpfs-cache');
      const big = cache.tmpfs.find((mount) => mount.destination === '/big');
      assert.ok(big?.sizeBytes && cache.memoryLimitBytes && big.sizeBytes > cache.memoryLimitBytes);
      assert.equal(cache.tmpfs.length, 3, '--mount tmpfs listed in both HostConfig.Mounts and .Mounts counts once');
    });

    it('gives the writable layer a path only where the driver has an UpperDir', () => {
      const layer = container(snapshot, 'mysql-in-layer').writableLayer;
      if (fixture === 'engine-26.1-containerd') assert.equal(layer.path, null);
      else assert.match(layer.path ?? '', /\/overlay2\/[0-9a-f]{64}\/diff$/);
      assert.ok((layer.sizeBytes ?? 0) >= 3 * MiB);
    });

    it('gives a layer that holds nothing 0 bytes, not unknown, once system df ran', () => {
      assert.ok(snapshot.containers.every((c) => c.writableLayer.sizeBytes !== null));
      for (const listed of raw.df?.Containers ?? []) {
        const layer = snapshot.containers.find((c) => c.id === listed.Id)?.writableLayer;
        assert.equal(layer?.sizeBytes, listed.SizeRw ?? 0);
      }
      if (fixture !== 'engine-26.1-containerd') assert.equal(container(snapshot, 'chatty').writableLayer.sizeBytes, 0);
    });

    it('counts the users of each volume from the containers that mount it', () => {
      for (const volume of snapshot.volumes) {
        const users = snapshot.containers.filter((c) => c.volumes.some((mount) => mount.name === volume.name));
        assert.deepEqual(volume.containers, users.map((c) => c.name).sort());
        assert.equal(volume.dangling, users.length === 0);
      }
    });

    it('has unknown sizes, not zeros, when system df could not be computed', () => {
      const withoutDf = buildSnapshot({ ...raw, df: null }, ['sizes are unknown: timed out']);
      assert.ok(withoutDf.volumes.every((volume) => volume.sizeBytes === null));
      assert.ok(withoutDf.containers.every((c) => c.writableLayer.sizeBytes === null));
      assert.equal(withoutDf.diskUsage.volumes.sizeBytes, null);
      assert.equal(withoutDf.diskUsage.images.reclaimableBytes, null);
      assert.deepEqual(withoutDf.warnings, ['sizes are unknown: timed out']);
    });

    it('reads the log size from what was read on the host, and null when nothing was', () => {
      const chatty = container(snapshot, 'chatty');
      assert.equal(chatty.log.sizeBytes, raw.logSizes[chatty.id] ?? null);
      const unread = buildSnapshot({ ...raw, logSizes: {} });
      assert.ok(unread.containers.every((c) => c.log.sizeBytes === null));
    });
  });
}

describe('structure before details', () => {
  it('shows a container known only from the list with its volumes and binds, marked pending', () => {
    const raw = loadFixture('engine-26.1');
    const early = buildSnapshot({ ...raw, inspects: [], df: null });
    assert.equal(early.containers.length, raw.containers.length);
    const web = early.containers.find((c) => c.name === 'web-binds');
    assert.equal(web?.detailsPending, true);
    assert.deepEqual(web?.bindMounts.map((b) => [b.destination, b.readOnly]).sort(), [['/uploads', false], ['/usr/share/nginx/html', true]]);
    assert.equal(early.containers.find((c) => c.name === 'pg-named')?.volumes[0]?.name, 'pgdata');
    assert.ok(buildSnapshot(raw).containers.every((c) => c.detailsPending === undefined));
  });

  it('lists images and build cache biggest first', () => {
    const snapshot = buildSnapshot(loadFixture('docker-29.api-reference'));
    const sizes = snapshot.images.map((image) => image.sizeBytes ?? 0);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
    assert.ok(snapshot.images.length >= 2 && snapshot.buildCache.length >= 1);
  });
});

describe('anonymous volumes across engine versions', () => {
  it('uses the 64-hex name on Docker 20.10, which has no label', () => {
    const snapshot = buildSnapshot(loadFixture('engine-20.10'));
    const anonymous = snapshot.volumes.filter((volume) => volume.anonymous);
    assert.equal(anonymous.length, 2, 'the image VOLUME one and the leftover');
    assert.ok(anonymous.every((volume) => /^[0-9a-f]{64}$/.test(volume.name)));
  });

  it('trusts only the label on Docker 26 and later: a named volume with a hex name stays named', () => {
    const raw = loadFixture('engine-26.1');
    const hexName = 'a'.repeat(64);
    raw.volumes.push({ Name: hexName, Driver: 'local', Labels: {} });
    const volume = buildSnapshot(raw).volumes.find((candidate) => candidate.name === hexName);
    assert.equal(volume?.anonymous, false);
  });
});
