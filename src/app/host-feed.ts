// Where the explorer's data comes from: a live engine (structure first, sizes as they arrive),
// the bundled demo, or a snapshot file. The views read its state and send it intents.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EngineAddress } from '../engine/connection/address.js';
import { describeAddress } from '../engine/connection/address.js';
import { type CollectProgress, type CollectResult, collectHost } from '../engine/collect.js';
import { connectEngine } from '../engine/dockerode-engine.js';
import { type Engine, type EngineOptions, type EngineReads, readsOnly } from '../engine/engine.js';
import { StowageError } from '../errors.js';
import { buildSnapshot, buildSnapshotInTurns } from '../model/snapshot.js';
import type { Snapshot } from '../model/types.js';
import { createStore, type Store, type WritableStore } from './store.js';

export type Origin = { kind: 'live' } | { kind: 'demo' } | { kind: 'file'; path: string };

export type FeedState =
  | { status: 'connecting'; address: string }
  | { status: 'unreachable'; address: string; message: string }
  | {
      status: 'ready';
      origin: Origin;
      snapshot: Snapshot;
      /** null once everything is collected. */
      progress: CollectProgress | null;
      refreshing: boolean;
      /** The last refresh's failure, shown until the next one succeeds. */
      error: string | null;
    };

export interface HostFeed extends Store<FeedState> {
  /** Collect again, keeping what is shown until the new data is complete. */
  refresh(): void;
  /** Show the bundled demo instead (offered when no engine answers). */
  openDemo(): void;
  /** No action may change the host: demo, snapshot files, --read-only. */
  readonly readOnly: boolean;
}

class Feed<ReadOnly extends boolean = boolean> implements HostFeed {
  private readonly store: WritableStore<FeedState>;
  private generation = 0;

  constructor(
    state: FeedState,
    readonly readOnly: ReadOnly,
    private readonly loadDemo: () => Snapshot,
    private readonly collect: ((feed: Feed) => Promise<void>) | null,
  ) {
    this.store = createStore(state);
  }

  getState = () => this.store.getState();

  subscribe = (listener: () => void) => this.store.subscribe(listener);

  set(state: FeedState) {
    this.store.set(state);
  }

  refresh = () => {
    if (this.collect) void this.collect(this);
  };

  openDemo = () => {
    this.generation++;
    this.set({ status: 'ready', origin: { kind: 'demo' }, snapshot: this.loadDemo(), progress: null, refreshing: false, error: null });
  };

  nextGeneration() {
    return ++this.generation;
  }

  isCurrent(generation: number) {
    return generation === this.generation;
  }
}

/**
 * Inspect requests in flight while the explorer collects: dockerd answers them on the same cores
 * that draw the screen, and with 2 at a time rather than 8 a key on a host of 5,000 containers
 * reaches the screen in under 50 ms at p95 instead of 70–100, for a collection about a fifth
 * longer, which the explorer shows as it goes.
 */
const EXPLORER_INSPECT_CONCURRENCY = 2;

/**
 * The first partial result (the lists alone) is shown at once. Later ones are built into a
 * snapshot over several event-loop turns and shown in a turn of their own, so a key pressed
 * meanwhile is answered between them instead of waiting for all of it (tens of milliseconds on a
 * host with thousands of containers). One is built at a time; results that arrive meanwhile
 * replace each other, and only the latest is built next.
 */
class PartialUpdates {
  private waiting: CollectResult | null = null;
  private building = false;
  private shown = false;

  constructor(private readonly show: (partial: CollectResult, snapshot: Snapshot) => void) {}

  push(partial: CollectResult): void {
    if (!this.shown) {
      this.shown = true;
      this.show(partial, buildSnapshot(partial.raw, partial.warnings));
      return;
    }
    this.waiting = partial;
    if (!this.building) void this.build();
  }

  private async build(): Promise<void> {
    this.building = true;
    while (this.waiting) {
      await nextTurn();
      const latest = this.waiting;
      this.waiting = null;
      const snapshot = await buildSnapshotInTurns(latest.raw, latest.warnings);
      await nextTurn();
      this.show(latest, snapshot);
    }
    this.building = false;
  }
}

interface LiveFeedBase extends HostFeed {
  /** Starts collecting; call it as early as possible: the explorer shows what it has. */
  start(): void;
  /**
   * The live engine's reads, for the drill-down's scans; null until it answers, after it failed,
   * and while the demo is shown instead.
   */
  engineReads(): EngineReads | null;
}

/** A live engine in --read-only mode. It holds no engine that can change the host: not even a helper is made. */
export interface ReadOnlyLiveFeed extends LiveFeedBase {
  readonly readOnly: true;
}

/** A live engine that the explorer's actions may change. */
export interface WritableLiveFeed extends LiveFeedBase {
  readonly readOnly: false;
  /** The same engine as `engineReads()`, with its writes: for prune, backup, restore and recovery. */
  engine(): Engine | null;
}

/** Narrow on `readOnly` to reach `engine()`: a read-only feed has no such member at all. */
export type LiveFeed = ReadOnlyLiveFeed | WritableLiveFeed;

/** The engine as a feed may use it: its reads alone when read-only. */
interface Connection {
  reads: EngineReads;
  writable: Engine | null;
}

/**
 * A feed of a live engine; `start()` it as early as possible. `connect` is the engine's client
 * (tests give a stand-in). Read-only, the connected engine is kept as its reads alone.
 */
export function liveFeed(
  address: EngineAddress,
  engineOptions: EngineOptions,
  loadDemo: () => Snapshot,
  readOnly: boolean,
  connect: (address: EngineAddress, options: EngineOptions) => Promise<Engine> = connectEngine,
): LiveFeed {
  let connection: Connection | null = null;
  const where = describeAddress(address);
  const open = async (): Promise<Connection> => {
    const engine = await connect(address, engineOptions);
    return readOnly ? { reads: readsOnly(engine), writable: null } : { reads: engine, writable: engine };
  };
  const collect = async (feed: Feed) => {
    const generation = feed.nextGeneration();
    const before = feed.getState();
    const shown = before.status === 'ready' && before.origin.kind === 'live' ? before : null;
    if (shown) feed.set({ ...shown, refreshing: true });
    else feed.set({ status: 'connecting', address: where });
    try {
      connection ??= await open();
      let done = false;
      const partials = new PartialUpdates((partial, snapshot) => {
        if (done || !feed.isCurrent(generation)) return;
        feed.set({ status: 'ready', origin: { kind: 'live' }, snapshot, progress: partial.progress, refreshing: false, error: null });
      });
      const final = await collectHost(connection.reads, (partial) => {
        // A first load shows the structure at once; a refresh keeps the old picture until it is complete.
        if (!shown) partials.push(partial);
      }, { helperEngine: connection.writable, listsFirst: true, inspectConcurrency: EXPLORER_INSPECT_CONCURRENCY });
      done = true;
      if (!feed.isCurrent(generation)) return;
      const snapshot = await buildSnapshotInTurns(final.raw, final.warnings);
      if (!feed.isCurrent(generation)) return;
      feed.set({ status: 'ready', origin: { kind: 'live' }, snapshot, progress: null, refreshing: false, error: null });
    } catch (error) {
      if (!feed.isCurrent(generation)) return;
      const message = error instanceof StowageError ? error.message : String(error);
      connection = null;
      if (shown) feed.set({ ...shown, refreshing: false, error: message });
      else feed.set({ status: 'unreachable', address: where, message });
    }
  };
  const initial: FeedState = { status: 'connecting', address: where };
  // Only while the live engine is what is shown: the demo has no data to read.
  const whileLive = <T>(feed: HostFeed, value: T | null): T | null => {
    const state = feed.getState();
    return state.status === 'ready' && state.origin.kind === 'live' ? value : null;
  };
  if (readOnly) {
    const feed = new Feed(initial, true, loadDemo, collect);
    return Object.assign(feed, { start: () => feed.refresh(), engineReads: () => whileLive(feed, connection?.reads ?? null) });
  }
  const feed = new Feed(initial, false, loadDemo, collect);
  return Object.assign(feed, {
    start: () => feed.refresh(),
    engineReads: () => whileLive(feed, connection?.reads ?? null),
    engine: () => whileLive(feed, connection?.writable ?? null),
  });
}

/** A feed of a snapshot that does not change: the demo, or a file saved with --json. */
export function staticFeed(snapshot: Snapshot, origin: Origin, loadDemo: () => Snapshot): HostFeed {
  return new Feed({ status: 'ready', origin, snapshot, progress: null, refreshing: false, error: null }, true, loadDemo, null);
}
