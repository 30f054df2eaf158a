// The drill-down's totals against du on real volumes and writable layers, read directly and
// through the engine.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Engine } from '../../src/engine/engine.js';
import { nodeAt, sortedChildren, type TreeNode } from '../../src/model/tree.js';
import { scanLayerThroughEngine, scanVolumeThroughEngine } from '../../src/scan/engine-scan.js';
import { scanLocalDirectory, scanWithNode } from '../../src/scan/local-scan.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { DIR_FILE_BYTES, fillScript, HOSTILE_FILE_NAMES, INVALID_DIR, OSC_DIR } from '../support/hostile.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { connectTo } from '../support/snapshot-of.js';

const du = (path: string) => Number(execFileSync('du', ['--apparent-size', '-s', '-B1', path], { encoding: 'utf8' }).split('\t')[0]);
const fileBytes = (path: string) =>
  [...new Set(execFileSync('find', [path, '-type', 'f', '-printf', '%i %s\\n'], { encoding: 'utf8' }).trim().split('\n'))]
    .reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);

describe('the drill-down scan', () => {
  let engine: RunningEngine;
  let connected: Engine;
  let mountpoint: string;
  let upperDir: string;
  let containerId: string;
  let hostileMountpoint: string;

  before(async () => {
    engine = await startEngine('26.1');
    await importFixtureImages(engine);
    await docker(engine, 'volume', 'create', 'tree');
    const script = [
      'mkdir -p /v/a/b /v/c /v/empty',
      'dd if=/dev/zero of=/v/a/big bs=1k count=300 2>/dev/null',
      'dd if=/dev/zero of=/v/a/b/mid bs=1k count=70 2>/dev/null',
      'ln /v/a/big /v/a/hardlink',
      'ln -s a/big /v/link',
      'for i in $(seq 1 300); do echo "file $i" > /v/c/f$i; done',
      'mkdir -p /var/lib/mysql && dd if=/dev/zero of=/var/lib/mysql/ibdata1 bs=1k count=512 2>/dev/null',
    ].join(' && ');
    containerId = await docker(engine, 'run', '-d', '--network', 'none', '-v', 'tree:/v', BUSYBOX, 'sh', '-c', script);
    await docker(engine, 'wait', containerId);
    mountpoint = await docker(engine, 'volume', 'inspect', '-f', '{{.Mountpoint}}', 'tree');
    await docker(engine, 'volume', 'create', 'hostile');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'hostile:/d', BUSYBOX, 'sh', '-c', fillScript());
    hostileMountpoint = await docker(engine, 'volume', 'inspect', '-f', '{{.Mountpoint}}', 'hostile');
    upperDir = await docker(engine, 'inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', containerId);
    connected = await connectTo(engine);
  });
  after(async () => engine?.stop());

  it('totals a volume exactly as du --apparent-size does, hard links once', async () => {
    const tree = await scanLocalDirectory(mountpoint);
    assert.equal(tree.sizeBytes, du(mountpoint));
    const entries = Number(execFileSync('sh', ['-c', `find ${mountpoint} -mindepth 1 | wc -l`], { encoding: 'utf8' }));
    assert.equal(tree.items, entries - 1, 'the second name of the hard link is not counted again');
    assert.deepEqual(sortedChildren(tree).map((node) => node.name).slice(0, 2), ['a', 'c']);
    assert.equal(nodeAt(tree, ['c'])?.items, 300);
    assert.equal(nodeAt(tree, ['a', 'b'])?.sizeBytes, du(`${mountpoint}/a/b`));
  });

  it('totals a writable layer exactly as du does: what docker rm would destroy', async () => {
    const tree = await scanLocalDirectory(upperDir);
    assert.equal(tree.sizeBytes, du(upperDir));
    assert.ok((nodeAt(tree, ['var', 'lib', 'mysql', 'ibdata1'])?.sizeBytes ?? 0) === 512 * 1024);
  });

  it('counts the same file bytes through the engine, without running anything', async () => {
    const progress: number[] = [];
    const tree = await scanVolumeThroughEngine(connected, 'tree', (p) => progress.push(p.items));
    assert.equal(tree.sizeBytes, fileBytes(mountpoint), 'tar headers carry file sizes, not directory sizes');
    assert.equal(nodeAt(tree, ['c'])?.items, 300);
    assert.ok(progress.length > 0);
    assert.equal(await docker(engine, 'ps', '-aq', '--filter', 'label=io.stowage.helper'), '', 'the helper is removed');
  });

  // Names are bytes: control characters, and bytes that are not UTF-8 (0xff, 0xc3 0x28, a raw 0x9b).
  const latin1 = (bytes: Buffer) => bytes.toString('latin1');
  const assertEveryHostileName = (tree: TreeNode) => {
    for (const name of HOSTILE_FILE_NAMES) assert.ok(nodeAt(tree, [latin1(name)]), `${JSON.stringify(latin1(name))} is listed`);
    assert.equal(nodeAt(tree, [latin1(INVALID_DIR), 'inside'])?.sizeBytes, DIR_FILE_BYTES, 'a directory named in bytes that are not UTF-8 opens');
    assert.equal(nodeAt(tree, [latin1(OSC_DIR), 'new\nline'])?.sizeBytes, 5);
    assert.equal(tree.items, HOSTILE_FILE_NAMES.length + 4);
  };

  for (const [how, scan] of [['GNU find', scanLocalDirectory], ['the Node walk', scanWithNode]] as const) {
    it(`lists, sizes and opens names that are not UTF-8 or hold controls, read with ${how}`, async () => {
      const tree = await scan(hostileMountpoint);
      assert.equal(tree.sizeBytes, du(hostileMountpoint));
      assertEveryHostileName(tree);
    });
  }

  it('lists, sizes and opens the same names through the engine', async () => {
    const tree = await scanVolumeThroughEngine(connected, 'hostile');
    assert.equal(tree.sizeBytes, fileBytes(hostileMountpoint));
    assertEveryHostileName(tree);
  });

  it("sizes a writable layer through the engine from the container's changes", async () => {
    const tree = await scanLayerThroughEngine(connected, containerId);
    assert.equal(nodeAt(tree, ['var', 'lib', 'mysql', 'ibdata1'])?.sizeBytes, 512 * 1024);
    assert.equal(tree.sizeBytes, fileBytes(upperDir));
  });
});
