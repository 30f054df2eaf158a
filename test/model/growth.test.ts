// The growth arithmetic on made-up sample series: rates over the last few samples, never
// negative, restarted by a rotated or truncated log, unmoved by missing samples.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addGrowthSample, addSignedSample, byGrowth, bytesPerSecond, type ContainerGrowth, containerGrowth, describeDuration,
  fullInSeconds, GROWTH_WINDOW, type Series,
} from '../../src/model/growth.js';

const grow = (samples: [number, number | null][], add = addGrowthSample): Series =>
  samples.reduce<Series>((series, [seconds, bytes]) => add(series, { time: seconds * 1000, bytes }), []);

describe('growth rates', () => {
  it('a first sample has no rate, two give bytes per second', () => {
    assert.equal(bytesPerSecond(grow([[0, 100]])), null);
    assert.equal(bytesPerSecond(grow([])), null);
    assert.equal(bytesPerSecond(grow([[0, 100], [2, 300]])), 100);
  });

  it('a size that does not change grows at 0', () => {
    assert.equal(bytesPerSecond(grow([[0, 5000], [1, 5000], [2, 5000]])), 0);
  });

  it('the rate is over the last few samples only: a writer that stopped falls to 0', () => {
    const samples: [number, number][] = [];
    for (let second = 0; second < 10; second++) samples.push([second, second * 1000]);
    for (let second = 10; second < 10 + GROWTH_WINDOW; second++) samples.push([second, 10_000]);
    const series = grow(samples);
    assert.equal(series.length, GROWTH_WINDOW);
    assert.equal(bytesPerSecond(series), 0);
  });

  it('a log rotated or truncated restarts the rate: never negative, and known again from the next sample', () => {
    const truncated = grow([[0, 1000], [1, 2000], [2, 3000], [3, 10]]);
    assert.equal(bytesPerSecond(truncated), null);
    assert.equal(bytesPerSecond(addGrowthSample(truncated, { time: 4000, bytes: 1010 })), 1000);
  });

  it('missing samples are skipped: the rate spans the known ones', () => {
    assert.equal(bytesPerSecond(grow([[0, 0], [1, null], [2, null], [4, 4000]])), 1000);
    assert.equal(bytesPerSecond(grow([[0, null], [1, null]])), null);
  });

  it('two samples at the same time give no rate rather than a division by zero', () => {
    assert.equal(bytesPerSecond(grow([[1, 0], [1, 500]])), null);
  });

  it('free bytes may go down: their rate is negative while the file system fills', () => {
    const free = grow([[0, 10_000], [1, 9000], [2, 8000]], addSignedSample);
    assert.equal(bytesPerSecond(free), -1000);
  });
});

describe('full in', () => {
  it('is free bytes over the rate they shrink at', () => {
    assert.equal(fullInSeconds(8000, -1000), 8);
  });
  it('is null when the free bytes do not shrink, or are unknown', () => {
    assert.equal(fullInSeconds(8000, 0), null);
    assert.equal(fullInSeconds(8000, 50), null);
    assert.equal(fullInSeconds(null, -1), null);
    assert.equal(fullInSeconds(8000, null), null);
  });
  it('reads in minutes, hours or days', () => {
    assert.equal(describeDuration(20), '~1 min');
    assert.equal(describeDuration(240), '~4 min');
    assert.equal(describeDuration(3 * 3600), '~3 h');
    assert.equal(describeDuration(5 * 86400), '~5 days');
  });
});

describe('a container\'s growth', () => {
  const container = (name: string, layer: number | null, volumes: number | null, log: number | null): ContainerGrowth => ({
    id: name, name, layerBytes: null, volumeBytes: null, logBytes: null,
    layerBytesPerSecond: layer, volumeBytesPerSecond: volumes, logBytesPerSecond: log,
  });
  it('sums the known parts; unknown only when no part is known (a remote log is unknown, not 0)', () => {
    assert.equal(containerGrowth(container('a', 10, 0, null)), 10);
    assert.equal(containerGrowth(container('a', null, null, null)), null);
  });
  it('sorts fastest first, unknown last', () => {
    const sorted = [container('idle', 0, 0, 0), container('unknown', null, null, null), container('writer', 5000, 0, 1)].sort(byGrowth);
    assert.deepEqual(sorted.map((c) => c.name), ['writer', 'idle', 'unknown']);
  });
});

