// A Podman 4.3 host, from answers captured from a real Podman service (test/fixtures/
// engine-podman-4.3.json, `npm run fixtures:capture -- podman`): the places its answers differ
// from Docker's, and what stowage shows of them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSnapshot, snapshotShapeError } from '../../src/app/snapshot-shape.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { checkReport } from '../../src/report/check-report.js';
import { textReport } from '../../src/report/text-report.js';
import { loadFixture } from '../support/fixtures.js';
import { HEX_NAMED } from '../support/podman-situations.js';

describe('a Podman 4.3 host (captured)', () => {
  const raw = loadFixture('engine-podman-4.3');
  const snapshot = buildSnapshot(raw);
  const named = (name: string) => {
    const found = snapshot.containers.find((container) => container.name === name);
    assert.ok(found, `no container ${name}`);
    return found;
  };

  it("is called Podman, from /version's components, in the snapshot, the report and check", () => {
    assert.equal(snapshot.engine.product, 'podman');
    assert.equal(snapshot.engine.serverVersion, '4.3.1');
    assert.match(textReport(snapshot).split('\n')[0] ?? '', /^Podman 4\.3\.1 \(API 1\.41\)/);
    assert.match(checkReport(snapshot, 'danger').text, /\(Podman 4\.3\.1\)/);
    assert.equal(buildSnapshot(loadFixture('engine-26.1')).engine.product, 'docker');
  });

  it("takes anonymity from Podman's own mark: a named volume with a 64-hex name stays named", () => {
    const byName = new Map(snapshot.volumes.map((volume) => [volume.name, volume]));
    assert.deepEqual([byName.get(HEX_NAMED)?.anonymous, byName.get(HEX_NAMED)?.anonymousInferred], [false, false]);
    const anonymous = snapshot.volumes.filter((volume) => volume.anonymous);
    assert.deepEqual(anonymous.map((volume) => volume.containers.join(',') || 'dangling').sort(), ['app', 'dangling', 'pg']);
    assert.ok(anonymous.every((volume) => !volume.anonymousInferred));
    // Without Podman's list (its compatible one has no mark), nothing is taken for anonymous.
    const unmarked = buildSnapshot({ ...raw, volumes: raw.volumes.map(({ Anonymous: _, ...volume }) => volume) });
    assert.deepEqual(unmarked.volumes.filter((volume) => volume.anonymous), []);
  });

  it('reads --tmpfs from HostConfig.Tmpfs with its size= option, and passes over the image mount', () => {
    const app = named('app');
    assert.deepEqual(app.tmpfs.map((mount) => [mount.destination, mount.sizeBytes]), [['/scratch', 10 * 1024 * 1024], ['/unbounded', null]]);
    assert.deepEqual(app.volumes.map((volume) => volume.destination).sort(), ['/cache', '/data']);
    assert.deepEqual(app.bindMounts.map((bind) => bind.destination), ['/srv']);
    assert.ok(raw.inspects.some((inspect) => inspect.Mounts?.some((mount) => mount.Type === 'image')), 'the fixture holds an image mount');
  });

  it("gives k8s-file logs their file and cap from Podman's own inspect, and a none log no file", () => {
    assert.deepEqual([named('app').log.driver, named('app').log.maxSizeBytes], ['k8s-file', null]);
    assert.match(named('app').log.path ?? '', /\/userdata\/ctr\.log$/);
    assert.deepEqual([named('capped').log.maxSizeBytes, named('capped').log.maxFiles], [10_000_000, 1]);
    assert.deepEqual(named('quiet').log, { driver: 'none', path: null, sizeBytes: null, maxSizeBytes: null, maxFiles: null });
    assert.match(textReport(snapshot), /log none \(no log kept\)/);
  });

  it('gives a journald log no file, even where Podman names a path for it', () => {
    const journald = raw.inspects.map((inspect) => (inspect.Name === '/quiet'
      ? { ...inspect, LogPath: '/var/lib/containers/x/userdata/ctr.log', HostConfig: { ...inspect.HostConfig, LogConfig: { Type: 'journald', Config: null } } }
      : inspect));
    const quiet = buildSnapshot({ ...raw, inspects: journald }).containers.find((container) => container.name === 'quiet');
    assert.deepEqual([quiet?.log.driver, quiet?.log.path, quiet?.log.sizeBytes], ['journald', null, null]);
  });

  it('counts system df from its item lists: no counts or Reclaimable from Podman, LayersSize 0, no build cache', () => {
    assert.equal(raw.df?.LayersSize, 0);
    const { images, containers, volumes, buildCache } = snapshot.diskUsage;
    assert.equal(images.sizeBytes, (raw.df?.Images ?? []).reduce((sum, image) => sum + (image.Size ?? 0), 0));
    assert.ok((images.sizeBytes ?? 0) > 1_000_000);
    assert.deepEqual([containers.count, volumes.count], [raw.df?.Containers?.length, raw.df?.Volumes?.length]);
    assert.deepEqual(buildCache, { count: 0, activeCount: 0, sizeBytes: 0, reclaimableBytes: 0 });
    assert.doesNotMatch(textReport(snapshot), /NaN|undefined/);
  });

  it("names images as Podman's image list does, though its system df gives tags alone: a dangling one has none", () => {
    assert.ok(raw.df?.Images?.some((image) => image.RepoTags?.includes('<none>')) === false, 'the engine layer replaced the names');
    const tags = snapshot.images.map((image) => image.tags.join(',')).sort();
    assert.deepEqual(tags, ['', 'localhost/fixture/busybox:1', 'localhost/fixture/old:1', 'localhost/fixture/postgres:17']);
    assert.ok(snapshot.images.every((image) => /^sha256:[0-9a-f]{64}$/.test(image.id)));
  });

  it("flags Podman's socket in a container, and never suggests podman volume prune, which takes named volumes too", () => {
    const socket = snapshot.findings.find((finding) => finding.id === 'engine-socket-mounted');
    assert.deepEqual([socket?.containers, socket?.mount], [['socket-user'], '/run/podman/podman.sock']);
    assert.match(socket?.title ?? '', /the Podman engine socket/);
    const anonymous = snapshot.findings.find((finding) => finding.id === 'dangling-anonymous-volumes');
    assert.match(anonymous?.fix ?? '', /^podman volume rm [0-9a-f]{12}\n {2}# not podman volume prune: it removes unused named volumes too$/);
    const named = snapshot.findings.find((finding) => finding.id === 'dangling-named-volume' && finding.subject.name === 'precious');
    assert.match(named?.why ?? '', /`podman volume prune`/);
    assert.doesNotMatch(textReport(snapshot), /not Docker's/);
    assert.match(textReport(snapshot), /not Podman's/);
  });

  it('is a valid snapshot file with engine.product, as is one saved before it was read', () => {
    const saved = JSON.parse(JSON.stringify(snapshot)) as unknown;
    const engine = (saved as { engine: Record<string, unknown> }).engine;
    assert.equal(snapshotShapeError(saved), null);
    delete engine.product;
    assert.ok(isSnapshot(saved));
    engine.product = 'moby';
    assert.equal(snapshotShapeError(saved), 'engine.product should be one of docker, podman');
  });
});
