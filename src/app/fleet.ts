// Many hosts at once: a live feed per host, all collecting in parallel, for the explorer's Hosts
// view; and a one-shot check of each for `stowage check` with several hosts. A host that does not
// answer within its deadline is reported as such and holds up no other.
import { describeAddress } from '../engine/connection/address.js';
import type { HostEntry } from '../engine/connection/hosts.js';
import { addressKey, oneLine } from '../engine/connection/hosts.js';
import { collectHost } from '../engine/collect.js';
import { connectEngine } from '../engine/dockerode-engine.js';
import type { Engine, EngineOptions } from '../engine/engine.js';
import { StowageError } from '../errors.js';
import { buildSnapshot } from '../model/snapshot.js';
import type { Snapshot } from '../model/types.js';
import type { LiveFeed } from './host-feed.js';

/** How long one host may take, from its first request to its last, when checking several. */
export const hostDeadlineMs = (options: EngineOptions) => 4 * options.requestTimeoutMs;

/**
 * What each request of a host in a fleet may take: as one host's, except that `system df` is cut
 * to the host's deadline, so a slow walk of volumes cannot outlast it.
 */
export function fleetEngineOptions(options: EngineOptions): EngineOptions {
  return { ...options, diskUsageTimeoutMs: Math.min(options.diskUsageTimeoutMs, hostDeadlineMs(options)) };
}

export const noAnswerMessage = (entry: HostEntry, deadlineMs: number) =>
  `${entry.address ? describeAddress(entry.address) : entry.name} gave no answer within ${Number((deadlineMs / 1000).toFixed(1))} s; check that its engine runs, or raise --timeout`;

export interface FleetHost {
  entry: HostEntry;
  /** null for an entry that cannot be reached at all (its error says why). */
  feed: LiveFeed | null;
  /** Its deadline passed before it answered (it may still answer later). */
  timedOut: boolean;
}

export interface FleetState {
  hosts: readonly FleetHost[];
  /** The feeds have been asked to collect. */
  started: boolean;
}

export interface Fleet {
  getState(): FleetState;
  subscribe(listener: () => void): () => void;
  /** Starts every host's collection, once; later calls do nothing. */
  start(): void;
  /** Collects every host again. */
  refresh(): void;
  readonly deadlineMs: number;
}

/**
 * A feed per entry, made by `feedFor` (a host already open in the explorer passes its own feed in
 * `reuse`, by address). Each feed's changes are the fleet's; a host still connecting when its
 * deadline passes is marked as timed out.
 */
export function fleetOf(
  entries: HostEntry[],
  feedFor: (entry: HostEntry) => LiveFeed,
  deadlineMs: number,
  reuse: ReadonlyMap<string, LiveFeed> = new Map(),
): Fleet {
  const listeners = new Set<() => void>();
  const reused = new Set(reuse.values());
  let state: FleetState = {
    hosts: entries.map((entry) => ({
      entry,
      feed: entry.address ? reuse.get(addressKey(entry.address)) ?? feedFor(entry) : null,
      timedOut: false,
    })),
    started: false,
  };
  const changed = () => {
    state = { ...state, hosts: [...state.hosts] };
    for (const listener of listeners) listener();
  };
  const timers = new Set<NodeJS.Timeout>();
  const watchDeadline = (index: number) => {
    const host = state.hosts[index];
    if (!host?.feed) return;
    const feed = host.feed;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const current = state.hosts[index];
      if (!current || feed.getState().status !== 'connecting') return;
      (state.hosts as FleetHost[])[index] = { ...current, timedOut: true };
      changed();
    }, deadlineMs);
    timer.unref();
    timers.add(timer);
  };
  state.hosts.forEach((host, index) => {
    host.feed?.subscribe(() => {
      const current = state.hosts[index];
      if (!current) return;
      if (current.timedOut && host.feed?.getState().status !== 'connecting') (state.hosts as FleetHost[])[index] = { ...current, timedOut: false };
      changed();
    });
  });
  const collectAll = (all: boolean) => {
    state.hosts.forEach((host, index) => {
      if (!host.feed) return;
      // A reused feed was started by whoever made it: the first start leaves it alone.
      if (!all && reused.has(host.feed)) return;
      watchDeadline(index);
      host.feed.refresh();
    });
  };
  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    start: () => {
      if (state.started) return;
      state = { ...state, started: true };
      collectAll(false);
      changed();
    },
    refresh: () => collectAll(true),
    deadlineMs,
  };
}

/** One host checked: its snapshot, or why it could not be checked. */
export interface HostCheck {
  entry: HostEntry;
  snapshot: Snapshot | null;
  error: string | null;
}

/**
 * Checks every entry in parallel, each within its deadline: a host that hangs is reported as
 * giving no answer while the others finish. `helper`: whether a helper container may be made to
 * read host facts (not with --read-only).
 */
export async function checkHosts(
  entries: HostEntry[],
  options: EngineOptions,
  helper: boolean,
  connect: (address: NonNullable<HostEntry['address']>, options: EngineOptions) => Promise<Engine> = connectEngine,
): Promise<HostCheck[]> {
  const deadlineMs = hostDeadlineMs(options);
  const engineOptions = fleetEngineOptions(options);
  return Promise.all(entries.map(async (entry): Promise<HostCheck> => {
    const address = entry.address;
    if (!address) return { entry, snapshot: null, error: entry.error ?? 'no address' };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StowageError(noAnswerMessage(entry, deadlineMs))), deadlineMs);
    });
    try {
      const snapshot = await Promise.race([
        (async () => {
          const engine = await connect(address, engineOptions);
          const { raw, warnings } = await collectHost(engine, undefined, { helperEngine: helper ? engine : null });
          return buildSnapshot(raw, warnings);
        })(),
        deadline,
      ]);
      return { entry, snapshot, error: null };
    } catch (error) {
      return { entry, snapshot: null, error: oneLine(error) };
    } finally {
      clearTimeout(timer);
    }
  }));
}
