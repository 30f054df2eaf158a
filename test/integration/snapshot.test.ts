// The snapshot of a host holding every storage situation of the seed documents, checked against
// what real engines report: Docker 20.10 (API 1.41), 26.1 (API 1.45), and 26.1 with the
// containerd image store that Docker 29 uses by default.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { RawDiskUsage } from '../../src/engine/raw.js';
import type { Snapshot } from '../../src/model/types.js';
import { docker } from '../support/docker-cli.js';
import { engineGet } from '../support/engine-api.js';
import { type EngineName, type RunningEngine, startEngine } from '../support/engines.js';
import { createSituations, MiB, PG_DATA, type Situations } from '../support/situations.js';
import { containerNamed, snapshotOf, volumeNamed } from '../support/snapshot-of.js';

const HEX_NAME = /^[0-9a-f]{64}$/;

const ENGINES: { name: EngineName; api: string; driver: string; containerdStore: boolean }[] = [
  { name: '20.10', api: '1.41', driver: 'overlay2', containerdStore: false },
  { name: '26.1', api: '1.45', driver: 'overlay2', containerdStore: false },
  { name: '26.1-containerd', api: '1.45', driver: 'overlayfs', containerdStore: true },
];

for (const expected of ENGINES) {
  describe(`snapshot on Docker ${expected.name}`, () => {
    let engine: RunningEngine;
    let situations: Situations;
    let snapshot: Snapshot;

    before(async () => {
      engine = await startEngine(expected.name);
      situations = await createSituations(engine);
      snapshot = await snapshotOf(engine);
    });
    after(async () => engine?.stop());

    it('names the engine, its pinned API version and storage driver', () => {
      assert.match(snapshot.engine.serverVersion, new RegExp(`^${expected.name.slice(0, 4).replace('.', '\\.')}`));
      assert.equal(snapshot.engine.apiVersion, expected.api);
      assert.equal(snapshot.engine.storageDriver, expected.driver);
      assert.equal(snapshot.engine.imageStore, expected.containerdStore ? 'containerd' : 'graphdriver');
      assert.equal(snapshot.engine.rootDir, `${engine.dir}/data`);
      assert.equal(snapshot.engine.host, engine.host);
      assert.deepEqual(snapshot.warnings, []);
    });

    it('puts database data in a named volume under that volume, with its size', () => {
      const pg = containerNamed(snapshot, 'pg-named');
      assert.equal(pg.volumes.length, 1);
      const [mount] = pg.volumes;
      assert.deepEqual({ ...mount, sizeBytes: undefined }, {
        name: 'pgdata', anonymous: false, destination: PG_DATA, readOnly: false, sizeBytes: undefined,
      });
      assert.ok((mount?.sizeBytes ?? 0) >= 2 * MiB, `pgdata holds the 2 MiB written, got ${mount?.sizeBytes}`);
      assert.deepEqual(volumeNamed(snapshot, 'pgdata').containers, ['pg-named']);
    });

    it("shows an image's VOLUME without -v as an anonymous volume", () => {
      const pg = containerNamed(snapshot, 'pg-anon');
      assert.equal(pg.volumes.length, 1);
      const [mount] = pg.volumes;
      assert.equal(mount?.anonymous, true);
      assert.match(mount?.name ?? '', HEX_NAME);
      assert.equal(mount?.destination, PG_DATA);
      assert.ok((mount?.sizeBytes ?? 0) >= MiB);
      assert.equal(volumeNamed(snapshot, mount?.name ?? '').anonymous, true);
    });

    it('counts database files written inside the container as its writable layer', async () => {
      const mysql = containerNamed(snapshot, 'mysql-in-layer');
      assert.equal(mysql.state, 'exited');
      assert.deepEqual([mysql.volumes, mysql.bindMounts, mysql.tmpfs], [[], [], []]);
      assert.ok((mysql.writableLayer.sizeBytes ?? 0) >= 3 * MiB, `got ${mysql.writableLayer.sizeBytes}`);
      const sizeRw = Number(await docker(engine, 'inspect', '--size', '-f', '{{.SizeRw}}', 'mysql-in-layer'));
      assert.equal(mysql.writableLayer.sizeBytes, sizeRw);
      if (expected.containerdStore) {
        assert.equal(mysql.writableLayer.path, null, 'the containerd store gives no UpperDir');
      } else {
        assert.ok(existsSync(`${mysql.writableLayer.path}/var/lib/mysql/ibdata1`), `${mysql.writableLayer.path} holds the file`);
      }
    });

    it('lists bind mounts with read-only and propagation, including a source the engine created', () => {
      const web = containerNamed(snapshot, 'web-binds');
      const site = web.bindMounts.find((bind) => bind.destination === '/usr/share/nginx/html');
      assert.deepEqual({ ...site, host: undefined }, {
        source: `${situations.hostDir}/site`, destination: '/usr/share/nginx/html', readOnly: true, propagation: 'rprivate', host: undefined,
      });
      assert.deepEqual([site?.host?.exists, site?.host?.type, site?.host?.empty], [true, 'directory', false]);
      const uploads = web.bindMounts.find((bind) => bind.destination === '/uploads');
      assert.equal(uploads?.source, situations.missingBindSource);
      assert.equal(uploads?.readOnly, false);
      assert.ok(statSync(situations.missingBindSource).isDirectory(), 'the engine created the missing source');
      assert.deepEqual([uploads?.host?.type, uploads?.host?.empty, uploads?.host?.uid], ['directory', true, 0]);
    });

    it('reads tmpfs sizes from --tmpfs and --mount, unbounded as null, next to the memory limit', () => {
      const cache = containerNamed(snapshot, 'tmpfs-cache');
      assert.equal(cache.memoryLimitBytes, 64 * MiB);
      const sizes = Object.fromEntries(cache.tmpfs.map((mount) => [mount.destination, mount.sizeBytes]));
      assert.deepEqual(sizes, { '/big': 256 * MiB, '/cache': 32 * MiB, '/scratch': null });
      assert.ok(cache.tmpfs.find((mount) => mount.destination === '/cache')?.options.includes('size=32m'));
    });

    it('marks a read-only root and the tmpfs it writes to', () => {
      const roRoot = containerNamed(snapshot, 'ro-root');
      assert.equal(roRoot.readOnlyRootfs, true);
      assert.equal(containerNamed(snapshot, 'tmpfs-cache').readOnlyRootfs, false);
      const sizes = Object.fromEntries(roRoot.tmpfs.map((mount) => [mount.destination, mount.sizeBytes]));
      assert.deepEqual(sizes, { '/run': null, '/tmp': 16 * MiB });
      assert.equal(roRoot.memoryLimitBytes, null);
    });

    it('shows one volume shared writable and read-only, with both users', () => {
      const shared = volumeNamed(snapshot, 'shared-data');
      assert.deepEqual(shared.containers, ['shared-reader', 'shared-writer']);
      assert.equal(shared.refCount, 2);
      assert.equal(shared.dangling, false);
      assert.equal(containerNamed(snapshot, 'shared-reader').volumes[0]?.readOnly, true);
      assert.equal(containerNamed(snapshot, 'shared-writer').volumes[0]?.readOnly, false);
    });

    it('finds dangling volumes, named with its bytes and anonymous', () => {
      const orphan = volumeNamed(snapshot, 'orphan-uploads');
      assert.deepEqual([orphan.dangling, orphan.anonymous, orphan.refCount], [true, false, 0]);
      assert.ok((orphan.sizeBytes ?? 0) >= 4 * MiB);
      const leftovers = snapshot.volumes.filter((volume) => volume.dangling && volume.anonymous);
      assert.equal(leftovers.length, 1, 'the volume `docker rm` without -v left behind');
      assert.match(leftovers[0]?.name ?? '', HEX_NAME);
      if (expected.name !== '20.10') assert.ok('com.docker.volume.anonymous' in (leftovers[0]?.labels ?? {}));
    });

    it("reads a compose project's volume from Compose's labels", () => {
      const volume = volumeNamed(snapshot, 'shop_dbdata');
      assert.equal(volume.composeProject, 'shop');
      assert.equal(volume.composeVolume, 'dbdata');
      assert.equal(volume.anonymous, false);
      assert.equal(containerNamed(snapshot, 'shop-db-1').composeProject, 'shop');
      assert.deepEqual(volume.containers, ['shop-db-1']);
    });

    it('measures an uncapped json log, and reads the cap of a capped one', () => {
      const chatty = containerNamed(snapshot, 'chatty');
      assert.equal(chatty.log.driver, 'json-file');
      assert.equal(chatty.log.maxSizeBytes, null);
      assert.ok(chatty.log.path && existsSync(chatty.log.path));
      assert.equal(chatty.log.sizeBytes, statSync(chatty.log.path).size);
      assert.ok((chatty.log.sizeBytes ?? 0) > situations.chattyLines * 30, `got ${chatty.log.sizeBytes}`);
      const pg = containerNamed(snapshot, 'pg-named');
      assert.deepEqual([pg.log.maxSizeBytes, pg.log.maxFiles], [10_000_000, 3]);
    });

    it("agrees with the engine's own system df, volume by volume and in total", async () => {
      const df = await engineGet<RawDiskUsage>(engine, `/v${expected.api}/system/df`);
      for (const reported of df.Volumes ?? []) {
        const volume = volumeNamed(snapshot, reported.Name);
        assert.equal(volume.sizeBytes, reported.UsageData?.Size, `size of ${reported.Name}`);
        assert.equal(volume.refCount, reported.UsageData?.RefCount, `users of ${reported.Name}`);
      }
      const volumeNames = (await docker(engine, 'volume', 'ls', '-q')).split('\n');
      assert.equal(snapshot.volumes.length, volumeNames.length);
      assert.equal(snapshot.diskUsage.volumes.count, volumeNames.length);
      const danglingBytes = snapshot.volumes.filter((v) => v.dangling).reduce((sum, v) => sum + (v.sizeBytes ?? 0), 0);
      assert.equal(snapshot.diskUsage.volumes.reclaimableBytes, danglingBytes);
      const containerIds = (await docker(engine, 'ps', '-aq')).split('\n');
      assert.equal(snapshot.containers.length, containerIds.length);
      assert.equal(snapshot.diskUsage.containers.count, containerIds.length);
      assert.equal(snapshot.diskUsage.images.count, 2);
      assert.equal(snapshot.diskUsage.images.sizeBytes, df.LayersSize);
    });
  });
}
