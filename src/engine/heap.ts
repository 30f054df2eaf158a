// How V8 sizes the heap, set as the process starts. A single executable cannot pass node flags
// (the #! line's --max-semi-space-size is lost there), and V8 fixes the young generation's
// largest size when it starts; these it reads as it runs:
// - the young generation grows from its first 1 MB a semi-space to 2 MB and no further, instead of
//   doubling up to 16 MB: most of what is allocated is answers that die within one request, and
//   2 × 16 MB of it was a fifth of the peak memory on a host of 5,000 containers (staying at 1 MB
//   took the same memory and a tenth longer, in more scavenges);
// - the old generation is collected when it has grown by half since the last full collection,
//   not up to fourfold: the explorer replaces snapshots of tens of MB as a collection goes on,
//   and each would otherwise stay until V8 next collects in full.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Both semi-spaces of the young generation at their largest. */
const YOUNG_GENERATION_BYTES = 2 * 2 * 2 ** 20;

setFlagsFromString('--heap-growing-percent=50');
let youngGrown = false;
// V8 grows the young generation only in a scavenge; once it has its size, growing stops.
const growth = new PerformanceObserver(() => {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (!young || young.space_size < YOUNG_GENERATION_BYTES) return;
  youngGrown = true;
  setFlagsFromString('--semi-space-growth-factor=1');
  growth.disconnect();
});
growth.observe({ entryTypes: ['gc'] });

/**
 * Runs `task` with these flags back at V8's defaults. V8 stamps a code cache with a hash of the
 * flags set when it is made and rejects it under others: a cache made under these (at the next
 * start the bundle is compiled before they are set) would never be used. The loaders that make
 * the code cache find this under a global symbol, since they run outside the bundle.
 */
export function atStartupFlags<T>(task: () => T): T {
  setFlagsFromString('--heap-growing-percent=0');
  setFlagsFromString('--semi-space-growth-factor=2');
  try {
    return task();
  } finally {
    setFlagsFromString('--heap-growing-percent=50');
    if (youngGrown) setFlagsFromString('--semi-space-growth-factor=1');
  }
}
(globalThis as Record<symbol, unknown>)[Symbol.for('stowage.atStartupFlags')] = atStartupFlags;

/** V8's full collection, without --expose-gc on the command line: only contexts made while it is set get `gc`. */
const fullCollection = (() => {
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
})();

/**
 * Collects garbage in full now: after a collection, what the answers left behind (most of what
 * was allocated, much of it promoted while requests were in flight) goes before a snapshot is
 * built on top of it. About 20 ms on a host of 5,000 containers: not while keys are answered.
 */
export function collectGarbage(): void {
  fullCollection();
}
