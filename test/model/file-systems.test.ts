// Which file system holds which of Docker's bytes, how full it is, and the findings of a full
// disk: fed with a raw statfs reading like the engine's host gives, on the demo host.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diskHeadline, diskLines } from '../../components/derive/disk-lines.js';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { isSnapshot } from '../../src/app/snapshot-shape.js';
import type { RawFileSystems } from '../../src/engine/raw.js';
import { describeFileSystems, rootFileSystem } from '../../src/model/file-systems.js';
import { deriveFindings } from '../../src/model/findings.js';
import type { ContainerStorage, Snapshot } from '../../src/model/types.js';
import { textReport } from '../../src/report/text-report.js';

const MB = 1_000_000;
const BLOCK = 4096;

/** The demo host with one container `noisy` logging `logBytes`, its data root on a disk of `sizeBytes` with `freeBytes` left. */
function hostWith({ sizeBytes, freeBytes, logBytes, inodes = 1000, freeInodes = 900 }: { sizeBytes: number; freeBytes: number; logBytes: number; inodes?: number; freeInodes?: number }): Snapshot {
  const demo = loadDemoSnapshot();
  const base = demo.containers[0] as ContainerStorage;
  const rootDir = '/var/lib/docker';
  const logPath = `${rootDir}/containers/abc/abc-json.log`;
  const noisy: ContainerStorage = { ...base, name: 'noisy', bindMounts: [], volumes: [], log: { ...base.log, driver: 'json-file', path: logPath, sizeBytes: logBytes, maxSizeBytes: null } };
  const raw: RawFileSystems = {
    method: 'local',
    list: [{ paths: [rootDir, logPath], mountPoint: '/', statfs: { bsize: BLOCK, blocks: sizeBytes / BLOCK, bfree: freeBytes / BLOCK, bavail: freeBytes / BLOCK, files: inodes, ffree: freeInodes } }],
    byPath: { [rootDir]: 0, [logPath]: 0 },
  };
  const engine = { ...demo.engine, rootDir };
  const fileSystems = describeFileSystems({ rootDir, containers: [noisy], volumes: [], diskUsage: demo.diskUsage, raw });
  const snapshot = { ...demo, engine, containers: [noisy], volumes: [], fileSystems };
  return { ...snapshot, findings: deriveFindings(snapshot) };
}

const about = (snapshot: Snapshot, id: string) => snapshot.findings.filter((finding) => finding.id === id);

describe('file systems', () => {
  it("puts images, layers, build cache and a log under the root dir on the root dir's file system", () => {
    const snapshot = hostWith({ sizeBytes: 10_000 * MB * 0.4096, freeBytes: 4096 * MB * 0.1, logBytes: 300 * MB });
    const root = rootFileSystem(snapshot);
    assert.ok(root);
    assert.deepEqual(root.holds, ['engine root dir', 'log of noisy']);
    assert.equal(root.docker.images, snapshot.diskUsage.images.sizeBytes);
    assert.equal(root.docker.logs, 300 * MB);
    assert.equal(root.usedBytes, (root.sizeBytes ?? 0) - (root.freeBytes ?? 0));
  });

  it('reports a remote host unknown, never 0, and still counts what Docker has on it', () => {
    const demo = loadDemoSnapshot();
    const [root] = describeFileSystems({ rootDir: '/var/lib/docker', containers: demo.containers, volumes: demo.volumes, diskUsage: demo.diskUsage, raw: null });
    assert.equal(root?.sizeBytes, null);
    assert.equal(root?.freeBytes, null);
    assert.equal(root?.docker.notDockers, null);
    assert.equal(root?.docker.images, demo.diskUsage.images.sizeBytes);
  });

  it('a snapshot saved before file systems were read is still a snapshot: disk unknown', () => {
    const demo = loadDemoSnapshot();
    delete demo.fileSystems;
    assert.ok(isSnapshot(demo));
    assert.deepEqual(diskHeadline(demo), { text: 'disk ?', severity: null });
    assert.ok(isSnapshot(hostWith({ sizeBytes: 4096 * MB, freeBytes: 0, logBytes: 300 * MB })));
  });
});

describe('full disk findings', () => {
  it('a disk at 100% is a danger that names the log with its share, and the remedy truncates it', () => {
    const snapshot = hostWith({ sizeBytes: 4096 * 150_000, freeBytes: 0, logBytes: 500 * MB });
    const [full] = about(snapshot, 'disk-full');
    assert.equal(full?.severity, 'danger');
    assert.match(full?.title ?? '', /^disk \/ is 100% full: 0 B free of 614\.4 MB; the log of noisy holds 81% of it/);
    assert.deepEqual(full?.remedy, { kind: 'truncate-log', container: 'noisy' });
    assert.match(full?.fix ?? '', /sudo truncate -s 0 \/var\/lib\/docker\/containers\/abc\/abc-json\.log/);
    assert.match(full?.fix ?? '', /max-size=10m/);
    assert.equal(snapshot.findings[0]?.severity, 'danger');
    assert.deepEqual(diskHeadline(snapshot), { text: 'disk 100% full: 0 B free of 614 MB', severity: 'danger' });
  });

  it('85% used is a warning; under 1 GB free makes it a danger; a roomy disk gives none', () => {
    const gb = 1000 * MB;
    const at = (usedShare: number, size = 409_600 * 1_000_000) => hostWith({ sizeBytes: size, freeBytes: Math.round((size * (1 - usedShare)) / BLOCK) * BLOCK, logBytes: MB });
    assert.equal(about(at(0.86), 'disk-nearly-full')[0]?.severity, 'warning');
    assert.equal(about(at(0.96), 'disk-full')[0]?.severity, 'danger');
    assert.equal(about(at(0.9, 4096 * 2_000_000), 'disk-full').length, 1, `0.8 GB free of ${8.2 * gb}`);
    assert.deepEqual(at(0.5).findings.filter((finding) => finding.id.startsWith('disk-')), []);
    // A small, empty disk is not full for having under 1 GB free.
    assert.deepEqual(at(0.1, 4096 * 100_000).findings.filter((finding) => finding.id.startsWith('disk-')), []);
  });

  it('inodes: 95% used is a danger, 85% a warning', () => {
    const disk = { sizeBytes: 4096 * 1_000_000, freeBytes: 4096 * 900_000, logBytes: MB };
    assert.equal(about(hostWith({ ...disk, freeInodes: 40 }), 'inodes-full')[0]?.severity, 'danger');
    assert.equal(about(hostWith({ ...disk, freeInodes: 120 }), 'inodes-nearly-full')[0]?.severity, 'warning');
    assert.deepEqual(about(hostWith({ ...disk, freeInodes: 500 }), 'inodes-nearly-full'), []);
  });

  it("a log's severity rises with its share of its disk, not only with its size", () => {
    const small = hostWith({ sizeBytes: 4096 * 100_000, freeBytes: 4096 * 50_000, logBytes: 150 * MB });
    assert.equal(about(small, 'log-large')[0]?.severity, 'danger', '150 MB is 37% of a 410 MB disk');
    assert.match(about(small, 'log-large')[0]?.title ?? '', /\(37% of its disk\)/);
    assert.deepEqual(about(small, 'log-large')[0]?.remedy, { kind: 'truncate-log', container: 'noisy' });
    const big = hostWith({ sizeBytes: 4096 * 10_000_000, freeBytes: 4096 * 5_000_000, logBytes: 150 * MB });
    assert.equal(about(big, 'log-large')[0]?.severity, 'warning', 'the same log on a 41 GB disk');
    const noShare = hostWith({ sizeBytes: 4096 * 10_000, freeBytes: 4096 * 5_000, logBytes: 5 * MB });
    assert.deepEqual(about(noShare, 'log-large'), [], 'a 5 MB log is no news, whatever its share');
  });
});

describe('the disk view and the report', () => {
  it('draws one bar per file system with a legend, within 80 columns', () => {
    const snapshot = hostWith({ sizeBytes: 4096 * 150_000, freeBytes: 4096 * 15_000, logBytes: 350 * MB });
    const lines = diskLines(snapshot, false, true);
    const bar = lines.find((line) => line.startsWith('    ['));
    assert.match(bar ?? '', /^ {4}\[I*L+\.*-* *\]$/);
    assert.equal(bar?.length, 46);
    assert.ok(lines.some((line) => /L logs 57%/.test(line) && /free 10%/.test(line)), lines.join('\n'));
    for (const line of lines.slice(0, 6)) assert.ok(line.length <= 80, line);
    assert.match(textReport(snapshot), /File systems:\n {2}\/ \(engine root dir\), holding log of noisy\n {4}size 614 MB, used 553 MB \(90%\), free 61\.4 MB, inodes 1000, free inodes 900 \(10% used\)\n {4}images [^,]+, writable layers [^,]+, volumes 0 B, logs 350 MB/);
  });
});
