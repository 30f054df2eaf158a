// The sampler's policy and what it reports from a remote engine: layer sizes from `system df` of
// one kind, logs and the file system unknown (null), never 0.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { growthSampler, passGapMs } from '../../src/app/growth-sampler.js';
import { watchLine } from '../../src/commands/watch-command.js';
import type { EngineAddress } from '../../src/engine/connection/address.js';
import type { EngineReads } from '../../src/engine/engine.js';
import type { GrowthReport } from '../../src/model/growth.js';
import { waitFor } from '../support/wait.js';

const REMOTE: EngineAddress = { kind: 'tcp', hostname: 'engine.example', port: 2375, tls: null, source: 'test' };

/** A remote engine whose one container's layer grows by 1,000 bytes every `system df` of containers. */
function growingEngine(): EngineReads & { kinds: string[] } {
  let layer = 0;
  const kinds: string[] = [];
  const none = async () => null;
  return {
    kinds,
    address: REMOTE,
    apiVersion: '1.45',
    version: { Version: '26.1.0', ApiVersion: '1.45' },
    info: async () => ({ DockerRootDir: '/var/lib/docker' }),
    ping: async () => undefined,
    listContainers: async () => [],
    listContainersWithLabel: async () => [],
    inspectContainer: none,
    listVolumes: async () => [],
    diskUsage: async () => assert.fail('the whole system df is not asked for on API 1.45'),
    diskUsageOf: async (kind) => {
      kinds.push(kind);
      if (kind === 'volume') return { Volumes: [{ Name: 'data', UsageData: { Size: 42, RefCount: 1 } }] };
      layer += 1000;
      return { Containers: [{ Id: 'c1', Names: ['/writer'], SizeRw: layer, Mounts: [{ Type: 'volume', Name: 'data' }] }] };
    },
    containerChanges: none,
    readArchive: none,
    statPath: none,
    imageId: async () => null,
  };
}

describe('the growth sampler', () => {
  it('waits ten times a pass\'s duration before the next, and at least the interval', () => {
    assert.equal(passGapMs(1000, 20), 1000);
    assert.equal(passGapMs(1000, 2000), 20_000);
  });

  it('on a remote engine: layer and volume rates from system df by kind, the log and the file system unknown', async () => {
    const engine = growingEngine();
    const sampler = growthSampler(engine, { intervalMs: 20 });
    let last: GrowthReport | null = null;
    sampler.subscribe((report) => (last = report));
    sampler.start();
    try {
      await waitFor('a layer rate', () => (last as GrowthReport | null)?.containers[0]?.layerBytesPerSecond != null, 5000);
    } finally {
      sampler.stop();
    }
    const report = last as unknown as GrowthReport;
    const writer = report.containers[0]!;
    assert.equal(writer.name, 'writer');
    assert.ok(writer.layerBytesPerSecond! > 0);
    assert.equal(writer.volumeBytes, 42);
    assert.equal(writer.volumeBytesPerSecond, 0);
    assert.equal(writer.logBytes, null);
    assert.equal(writer.logBytesPerSecond, null);
    assert.equal(report.fileSystem, null);
    assert.deepEqual(new Set(engine.kinds), new Set(['container', 'volume']));
  });
});

describe('a watch line', () => {
  it('says how full the root is, when it fills, and the fastest writer with where it writes', () => {
    const line = watchLine({
      time: '2026-12-01T12:00:05Z',
      fileSystem: { path: '/var/lib/docker', freeBytes: 1.2e9, sizeBytes: 40e9, freeBytesPerSecond: -5e6, fullInSeconds: 240 },
      containers: [{ id: 'a', name: 'noisy\x1b[2J', layerBytes: 0, volumeBytes: 0, logBytes: 5, layerBytesPerSecond: 0, volumeBytesPerSecond: 0, logBytesPerSecond: 2.1e6 }],
    }, new Date(2026, 11, 1, 12, 0, 5));
    assert.equal(line, '12:00:05  root fs 97% used, 1.2 GB free, full in ~4 min  top: noisy\\e[2J +2.1 MB/s (log)');
  });
});
