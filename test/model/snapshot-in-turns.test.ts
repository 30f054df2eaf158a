// The explorer builds snapshots of a large host over several event-loop turns; what it builds
// must be the snapshot buildSnapshot gives, for every engine and with many containers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSnapshot, buildSnapshotInTurns } from '../../src/model/snapshot.js';
import { CAPTURED, loadFixture } from '../support/fixtures.js';

test('built over several turns, the snapshot is the one buildSnapshot gives', async () => {
  for (const fixture of CAPTURED) {
    const raw = loadFixture(fixture);
    // Over a thousand containers, so the build pauses between parts.
    const many = {
      ...raw,
      inspects: Array.from({ length: 1200 }, (_, index) => {
        const inspect = raw.inspects[index % raw.inspects.length]!;
        return { ...inspect, Id: `${inspect.Id}-${index}`, Name: `${inspect.Name}-${index}` };
      }),
    };
    for (const input of [raw, many]) {
      const collectedAt = input.collectedAt;
      assert.deepEqual(await buildSnapshotInTurns(input, ['a warning']), buildSnapshot({ ...input, collectedAt }, ['a warning']), fixture);
    }
  }
});
