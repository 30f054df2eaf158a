// stowage on a real Podman 4.3 service, started by the suite itself: found without flags, named
// Podman, its snapshot checked against what `podman inspect` and `podman volume inspect` say
// (named, anonymous, bind, tmpfs and image mounts, k8s-file and none logs, labels that attack the
// terminal), backup and restore round-tripping a volume, and prune going item by item.
import assert from 'node:assert/strict';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkLog, truncateLog } from '../../src/actions/truncate-log.js';
import { collectHost } from '../../src/engine/collect.js';
import type { Snapshot } from '../../src/model/types.js';
import { podman, podmanMissing, type RunningPodman, startPodman } from '../support/podman.js';
import { runCli, WITHOUT_MACHINE_SOCKETS } from '../support/run-cli.js';
import { createPodmanSituations, HEX_NAMED, OLD_IMAGE } from '../support/podman-situations.js';
import { BUSYBOX, PG_DATA } from '../support/situations.js';
import { connectTo, containerNamed, volumeNamed } from '../support/snapshot-of.js';
import { assertPlainText } from '../support/terminal-safety.js';
import { listing } from '../support/volume-listing.js';
import { scratchDir } from '../support/scratch.js';

interface PodmanMount { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }
interface PodmanInspect {
  Id: string;
  Mounts: PodmanMount[];
  Config: { Labels: Record<string, string> };
  HostConfig: { Tmpfs?: Record<string, string>; LogConfig: { Type: string; Path?: string; Size?: string } };
}
interface PodmanVolume { Name: string; Anonymous?: boolean; Mountpoint: string; Labels: Record<string, string> }

describe('stowage on Podman 4.3', { skip: podmanMissing() }, () => {
  let engine: RunningPodman;
  let host: string;
  const out = scratchDir('stp-out-');
  const inspect = async (name: string) => (JSON.parse(await podman(engine, 'inspect', name)) as PodmanInspect[])[0] as PodmanInspect;
  const volumeInspect = async (name: string) => (JSON.parse(await podman(engine, 'volume', 'inspect', name)) as PodmanVolume[])[0] as PodmanVolume;
  const json = async (...args: string[]) => {
    const result = await runCli(['--json', '--host', host, ...args]);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Snapshot;
  };

  before(async () => {
    engine = await startPodman();
    host = engine.host;
    await createPodmanSituations(engine);
  });
  after(async () => {
    await engine?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('is found without flags at $XDG_RUNTIME_DIR/podman/podman.sock, and named Podman', async () => {
    // Docker's own sockets come first: the CLI runs as on a machine that has none.
    const found = await runCli(['--json'], { XDG_RUNTIME_DIR: engine.runtimeDir }, WITHOUT_MACHINE_SOCKETS);
    assert.equal(found.code, 0, found.stderr);
    const snapshot = JSON.parse(found.stdout) as Snapshot;
    assert.equal(snapshot.engine.host, engine.host);
    assert.equal(snapshot.engine.product, 'podman');
    assert.equal(snapshot.engine.serverVersion, '4.3.1');
    const report = await runCli([], { XDG_RUNTIME_DIR: engine.runtimeDir }, WITHOUT_MACHINE_SOCKETS);
    assert.match(report.stdout.split('\n')[0] ?? '', /^Podman 4\.3\.1 \(API 1\.41\) at unix:\/\//);
    const check = await runCli(['check'], { XDG_RUNTIME_DIR: engine.runtimeDir }, WITHOUT_MACHINE_SOCKETS);
    assert.match(check.stdout, /\(Podman 4\.3\.1\)/);
  });

  it("reads each container's mounts as podman inspect gives them: named, anonymous, bind, tmpfs; an image mount is no write destination", async () => {
    const snapshot = await json();
    const app = containerNamed(snapshot, 'app');
    const reference = await inspect('app');
    const volumeMounts = reference.Mounts.filter((mount) => mount.Type === 'volume');
    assert.equal(volumeMounts.length, 2);
    for (const mount of volumeMounts) {
      const volume = await volumeInspect(mount.Name ?? '');
      const seen = app.volumes.find((candidate) => candidate.name === mount.Name);
      assert.deepEqual(seen && { destination: seen.destination, anonymous: seen.anonymous, readOnly: seen.readOnly },
        { destination: mount.Destination, anonymous: volume.Anonymous === true, readOnly: !mount.RW }, mount.Destination);
    }
    assert.deepEqual(app.volumes.map((volume) => [volume.destination, volume.anonymous]).sort(), [['/cache', true], ['/data', false]]);
    const bind = reference.Mounts.find((mount) => mount.Type === 'bind');
    assert.deepEqual(app.bindMounts.map((mount) => [mount.source, mount.destination, mount.readOnly]), [[bind?.Source, bind?.Destination, !bind?.RW]]);
    assert.ok(reference.Mounts.some((mount) => mount.Type === 'image'), 'podman reports the image mount');
    // `--tmpfs` is only in HostConfig.Tmpfs ("size=10m,rw,…"): 10 MiB, and no size at all.
    assert.deepEqual(Object.keys(reference.HostConfig.Tmpfs ?? {}).sort(), ['/scratch', '/unbounded']);
    assert.deepEqual(app.tmpfs.map((mount) => [mount.destination, mount.sizeBytes]).sort(), [['/scratch', 10 * 1024 * 1024], ['/unbounded', null]]);
    assert.equal(app.memoryLimitBytes, 8 * 1024 * 1024);
    assert.ok(snapshot.findings.some((finding) => finding.id === 'tmpfs-over-memory-limit' && finding.mount === '/scratch'));
    assert.ok(snapshot.findings.some((finding) => finding.id === 'tmpfs-unbounded-with-memory-limit' && finding.mount === '/unbounded'));
    // The image's VOLUME gives pg an anonymous volume, which Podman alone marks as such.
    const pg = containerNamed(snapshot, 'pg');
    assert.deepEqual(pg.volumes.map((volume) => [volume.destination, volume.anonymous]), [[PG_DATA, true]]);
    assert.ok(snapshot.findings.some((finding) => finding.id === 'stateful-anonymous-volume' && finding.containers.includes('pg')));
  });

  it('tells every volume named or anonymous as podman volume inspect does, whatever its name looks like, with exact labels', async () => {
    const snapshot = await json();
    const names = (await podman(engine, 'volume', 'ls', '-q')).split('\n').filter(Boolean).sort();
    assert.deepEqual(snapshot.volumes.map((volume) => volume.name).sort(), names);
    for (const name of names) {
      const reference = await volumeInspect(name);
      const volume = volumeNamed(snapshot, name);
      assert.equal(volume.anonymous, reference.Anonymous === true, name);
      // Podman marks them: nothing rests on the name's looks.
      assert.equal(volume.anonymousInferred, false, name);
      assert.equal(volume.mountpoint, reference.Mountpoint, name);
    }
    // Exactly what Podman holds, escape sequences and all.
    const labels = (await volumeInspect('appdata')).Labels;
    assert.match(labels.note ?? '', /^\x1b\]52;.*\u202e/);
    assert.deepEqual(volumeNamed(snapshot, 'appdata').labels, labels);
    assert.equal(containerNamed(snapshot, 'app').composeProject, (await inspect('app')).Config.Labels['com.docker.compose.project']);
    assert.deepEqual(snapshot.volumes.filter((volume) => volume.dangling).map((volume) => [volume.anonymous, volume.name === 'precious']).sort(),
      [[false, false], [false, true], [true, false]]);
    assert.ok((volumeNamed(snapshot, 'appdata').sizeBytes ?? 0) > 3 * 1024 * 1024, 'system df measured the volume');
  });

  it('reads the logs of k8s-file and none, and the cap Podman keeps only in its own inspect', async () => {
    const snapshot = await json();
    const app = await inspect('app');
    assert.equal(app.HostConfig.LogConfig.Type, 'k8s-file');
    assert.deepEqual(containerNamed(snapshot, 'app').log, { driver: 'k8s-file', path: app.HostConfig.LogConfig.Path, sizeBytes: 0, maxSizeBytes: null, maxFiles: null });
    assert.deepEqual(containerNamed(snapshot, 'capped').log.maxSizeBytes, 10_000_000);
    assert.deepEqual(containerNamed(snapshot, 'quiet').log, { driver: 'none', path: null, sizeBytes: null, maxSizeBytes: null, maxFiles: null });
    const uncapped = snapshot.findings.find((finding) => finding.id === 'log-uncapped');
    assert.match(uncapped?.title ?? '', /k8s-file/);
    assert.match(uncapped?.fix ?? '', /podman run --log-opt max-size=/);
    assert.ok(!uncapped?.containers.includes('capped') && !uncapped?.containers.includes('quiet'));
  });

  it('empties a k8s-file log in place, and says why a none log is not emptied', async () => {
    const path = (await inspect('capped')).HostConfig.LogConfig.Path ?? '';
    // conmon writes here once the container runs (it cannot start on this machine): its format.
    const lines = '2026-12-01T10:00:00.000000000+00:00 stdout F hello\n'.repeat(1000);
    writeFileSync(path, lines);
    const connected = await connectTo(engine);
    const id = (await inspect('capped')).Id;
    const result = await truncateLog(connected, await checkLog(connected, id));
    assert.deepEqual(result, { container: 'capped', driver: 'k8s-file', path, freedBytes: lines.length, running: false });
    assert.equal(statSync(path).size, 0);
    await assert.rejects(checkLog(connected, (await inspect('quiet')).Id), /cannot truncate the log of quiet: its log driver is none: it keeps no log/);
  });

  it('reads bind sources, users and logs through a helper that is never started, as on a remote Podman', async () => {
    const connected = await connectTo(engine);
    const { raw, warnings } = await collectHost(connected, undefined, { helperEngine: connected, throughEngine: true });
    assert.deepEqual(warnings, []);
    assert.equal(raw.hostFacts?.method, 'engine');
    const source = join(engine.dir, 'site');
    const local = statSync(source);
    const facts = raw.hostFacts?.paths[source];
    assert.deepEqual(facts && [facts.exists, facts.type, facts.empty, facts.uid, facts.gid, facts.mode],
      [true, 'directory', false, local.uid, local.gid, local.mode & 0o7777]);
    const app = await inspect('app');
    assert.deepEqual(raw.hostFacts?.users[app.Id], { uid: 0, gid: 0 });
    assert.equal(await podman(engine, 'ps', '-a', '-q', '--filter', 'label=io.stowage.helper'), '');
  });

  it('shows system df without counts or reclaimable figures from Podman, and no build cache, with nothing undefined', async () => {
    const snapshot = await json();
    const images = (await podman(engine, 'images', '-q', '--no-trunc')).split('\n').filter(Boolean);
    const { diskUsage } = snapshot;
    assert.ok(diskUsage.images.count >= images.length);
    assert.ok((diskUsage.images.sizeBytes ?? 0) > 1_000_000, `images hold busybox: ${diskUsage.images.sizeBytes}`);
    assert.equal(diskUsage.containers.count, (await podman(engine, 'ps', '-a', '-q')).split('\n').length);
    assert.equal(diskUsage.volumes.count, (await podman(engine, 'volume', 'ls', '-q')).split('\n').filter(Boolean).length);
    assert.deepEqual(diskUsage.buildCache, { count: 0, activeCount: 0, sizeBytes: 0, reclaimableBytes: 0 });
    for (const [kind, totals] of Object.entries(diskUsage)) {
      for (const value of Object.values(totals)) assert.ok(value === null || Number.isFinite(value), `${kind}: ${value}`);
    }
    const report = await runCli(['--host', host]);
    assert.equal(report.code, 0, report.stderr);
    assert.doesNotMatch(report.stdout, /NaN|undefined|\[object/);
    assertPlainText(report.stdout, 'the report of a Podman host');
    assertPlainText((await runCli(['check', '--host', host])).stdout, 'check on a Podman host');
  });

  it('backs up a volume and restores it into a new one with the same files, links, modes and contents', async () => {
    const backup = await runCli(['backup', '--volume', 'appdata', '--output', out, '--host', host]);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /verified/);
    const file = join(out, readdirSync(out).find((name) => name.endsWith('.tar.gz')) ?? '');
    const restore = await runCli(['restore', file, '--volume', 'appdata-restored', '--host', host]);
    assert.equal(restore.code, 0, restore.stderr);
    const original = listing((await volumeInspect('appdata')).Mountpoint);
    assert.match(original, /a\/link\tl\t\d+\t777\t0:0\t\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd/);
    assert.equal(listing((await volumeInspect('appdata-restored')).Mountpoint), original);
    // No helper container is left behind.
    assert.equal(await podman(engine, 'ps', '-a', '-q', '--filter', 'label=io.stowage.helper'), '');
  });

  it('names images as podman images does, and prunes the dangling one by its id', async () => {
    const snapshot = await json();
    const dangling = (await podman(engine, 'images', '-q', '--no-trunc', '--filter', 'dangling=true')).split('\n').filter(Boolean);
    assert.equal(dangling.length, 1);
    assert.deepEqual(snapshot.images.filter((image) => image.tags.length === 0).map((image) => image.id), dangling);
    assert.deepEqual(snapshot.images.find((image) => image.tags.includes(`localhost/${OLD_IMAGE}`))?.containers, 0);
    assert.ok(snapshot.images.some((image) => image.tags.includes(`localhost/${BUSYBOX}`)));
    const pruned = await runCli(['prune', '--kinds', 'dangling-images', '--yes', '--host', host]);
    assert.equal(pruned.code, 0, pruned.stderr);
    const left = (await podman(engine, 'images', '-q', '--no-trunc')).split('\n');
    assert.ok(!left.includes(dangling[0] ?? ''), 'the dangling image was removed');
    assert.equal(await podman(engine, 'images', '-q', `localhost/${OLD_IMAGE}`) !== '', true, 'the tagged one stays');
  });

  it('prunes item by item: the dangling anonymous volume goes, the dangling named one stays', async () => {
    const before = await json();
    const dangling = before.volumes.filter((volume) => volume.dangling && volume.anonymous).map((volume) => volume.name);
    assert.equal(dangling.length, 1);
    const pruned = await runCli(['prune', '--kinds', 'anonymous-volumes', '--yes', '--host', host]);
    assert.equal(pruned.code, 0, pruned.stderr);
    const left = (await podman(engine, 'volume', 'ls', '-q')).split('\n');
    assert.ok(!left.includes(dangling[0] ?? ''), 'the anonymous volume was removed');
    assert.ok(left.includes('precious'), 'named volumes stay');
    assert.ok(left.includes(HEX_NAMED), 'a named volume stays though its name is 64 hex digits');
  });
});
