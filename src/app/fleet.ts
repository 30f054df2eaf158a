// Many hosts at once: a live feed per host, all collecting in parallel, for the explorer's Hosts
// view; and a one-shot check of each for `stowage check` with several hosts. A host that does not
// answer within its deadline is reported as such and holds up no other. One engine reached by
// several addresses (contexts naming links to one socket, a socket and a tcp port) is collected
// once and shown once, its other names beside it.
import { describeAddress } from '../engine/connection/address.js';
import type { HostEntry } from '../engine/connection/hosts.js';
import { addressKey, oneLine } from '../engine/connection/hosts.js';
import { collectHost } from '../engine/collect.js';
import { connectEngine } from '../engine/dockerode-engine.js';
import type { Engine, EngineOptions } from '../engine/engine.js';
import type { RawInfo } from '../engine/raw.js';
import { StowageError } from '../errors.js';
import { buildSnapshot } from '../model/snapshot.js';
import type { Snapshot } from '../model/types.js';
import type { LiveFeed } from './host-feed.js';
import { createStore, type Store } from './store.js';

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

/**
 * What makes two addresses the same engine: its /info `ID` (Docker's and Podman's own), with the
 * host name beside it so that machines cloned with the engine's state are still told apart; the
 * address when the engine gives no ID.
 */
export function engineIdentity(info: RawInfo, address: NonNullable<HostEntry['address']>): string {
  return typeof info.ID === 'string' && info.ID ? `id:${info.ID} ${info.Name ?? ''}` : `address:${addressKey(address)}`;
}

/** Connects and asks /info: the identity of the engine at `entry`, or null when it cannot be asked. */
export async function identifyEngine(
  entry: HostEntry,
  options: EngineOptions,
  connect: (address: NonNullable<HostEntry['address']>, options: EngineOptions) => Promise<Engine> = connectEngine,
): Promise<string | null> {
  if (!entry.address) return null;
  try {
    return engineIdentity(await (await connect(entry.address, options)).info(), entry.address);
  } catch {
    return null;
  }
}

export interface FleetHost {
  entry: HostEntry;
  /** null for an entry that cannot be reached at all (its error says why). */
  feed: LiveFeed | null;
  /** Its deadline passed before it answered (it may still answer later). */
  timedOut: boolean;
  /** The key of the host this one is the same engine as, which is shown (and collected) for both. */
  sameAs: string | null;
  /** The other entries that are this same engine. */
  alsoAs: readonly HostEntry[];
}

export interface FleetState {
  hosts: readonly FleetHost[];
  /** The feeds have been asked to collect. */
  started: boolean;
}

export interface Fleet extends Store<FleetState> {
  /** Starts every host's collection, once; later calls do nothing. */
  start(): void;
  /** Collects every host again. */
  refresh(): void;
  readonly deadlineMs: number;
}

/**
 * A feed per entry, made by `feedFor` (a host already open in the explorer passes its own feed in
 * `reuse`, by address). Each feed's changes are the fleet's; a host still connecting when its
 * deadline passes is marked as timed out. With `identify`, each host's engine is asked who it is
 * before it is collected: one already being collected under another entry is not collected again,
 * and its row is folded into that one's (a reused feed keeps its own row).
 */
export function fleetOf(
  entries: HostEntry[],
  feedFor: (entry: HostEntry) => LiveFeed,
  deadlineMs: number,
  reuse: ReadonlyMap<string, LiveFeed> = new Map(),
  identify: ((entry: HostEntry) => Promise<string | null>) | null = null,
): Fleet {
  const reused = new Set(reuse.values());
  /** The rows as they are now; each change is shown as a new state, so a state once shown never changes. */
  const hosts: FleetHost[] = entries.map((entry) => ({
    entry,
    feed: entry.address ? reuse.get(addressKey(entry.address)) ?? feedFor(entry) : null,
    timedOut: false,
    sameAs: null,
    alsoAs: [],
  }));
  let started = false;
  const store = createStore<FleetState>({ hosts: [...hosts], started });
  const changed = () => store.set({ hosts: [...hosts], started });
  const timers = new Set<NodeJS.Timeout>();
  const watchDeadline = (index: number) => {
    if (!hosts[index]?.feed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      // The feed it shows then: a host folded into another's row shows that one's.
      const current = hosts[index];
      if (!current || current.feed?.getState().status !== 'connecting') return;
      hosts[index] = { ...current, timedOut: true };
      changed();
    }, deadlineMs);
    timer.unref();
    timers.add(timer);
  };
  for (const feed of new Set(hosts.flatMap((host) => (host.feed ? [host.feed] : [])))) {
    feed.subscribe(() => {
      hosts.forEach((current, index) => {
        if (current.timedOut && current.feed === feed && feed.getState().status !== 'connecting') hosts[index] = { ...current, timedOut: false };
      });
      changed();
    });
  }
  /** The host whose feed collects each engine identity, and the hosts whose identity is known. */
  const owners = new Map<string, number>();
  const identified = new Set<number>();
  /** Hosts whose identity has been asked and not answered yet. */
  const asking = new Set<number>();
  /** `from`'s row goes into `into`'s, which shows `feed` (the one already collecting). */
  const fold = (from: number, into: number, feed: LiveFeed | null) => {
    const folded = hosts[from] as FleetHost;
    const kept = hosts[into] as FleetHost;
    hosts[from] = { ...folded, sameAs: kept.entry.key, alsoAs: [] };
    hosts.forEach((other, index) => {
      if (other.sameAs === folded.entry.key) hosts[index] = { ...other, sameAs: kept.entry.key };
    });
    const alsoAs = [...kept.alsoAs, folded.entry, ...folded.alsoAs].sort((a, b) => entries.indexOf(a) - entries.indexOf(b));
    hosts[into] = { ...kept, feed, alsoAs };
    changed();
  };
  /** Asks who the engine is, then collects it unless another host's feed already does. */
  const identifyThen = (index: number, collect: boolean) => {
    const host = hosts[index] as FleetHost;
    asking.add(index);
    void (identify as NonNullable<typeof identify>)(host.entry).then((identity) => {
      asking.delete(index);
      identified.add(index);
      const owner = identity === null ? undefined : owners.get(identity);
      if (owner === undefined) {
        if (identity !== null) owners.set(identity, index);
        if (collect) host.feed?.refresh();
        return;
      }
      // The row is the first in the list's order, or the one the explorer shows; either way it
      // shows the feed already collecting.
      const collecting = hosts[owner]?.feed ?? null;
      const keepOwner = reused.has(collecting as LiveFeed) || (owner < index && !reused.has(host.feed as LiveFeed));
      if (keepOwner) return fold(index, owner, collecting);
      owners.set(identity as string, index);
      fold(owner, index, reused.has(host.feed as LiveFeed) ? host.feed : collecting);
    });
  };
  const collectAll = (all: boolean) => {
    hosts.forEach((host, index) => {
      if (!host.feed || host.sameAs !== null) return;
      // A reused feed was started by whoever made it: the first start leaves it alone.
      const first = !all && reused.has(host.feed);
      if (!first) watchDeadline(index);
      // Still being identified: that answer collects it (asked again, it would fold into itself).
      if (asking.has(index)) return;
      if (identify && !identified.has(index)) identifyThen(index, !first);
      else if (!first) host.feed.refresh();
    });
  };
  return {
    getState: store.getState,
    subscribe: store.subscribe,
    start: () => {
      if (started) return;
      started = true;
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
  /** The other entries that are this same engine, checked once with it. */
  alsoAs: HostEntry[];
}

/**
 * Checks every entry in parallel, each within its deadline: a host that hangs is reported as
 * giving no answer while the others finish. An engine already being checked under another entry
 * (by its /info identity) is not collected again: it is named on that entry's result. `helper`:
 * whether a helper container may be made to read host facts (not with --read-only).
 */
export async function checkHosts(
  entries: HostEntry[],
  options: EngineOptions,
  helper: boolean,
  connect: (address: NonNullable<HostEntry['address']>, options: EngineOptions) => Promise<Engine> = connectEngine,
): Promise<HostCheck[]> {
  const deadlineMs = hostDeadlineMs(options);
  const engineOptions = fleetEngineOptions(options);
  /** The entry checking each engine identity; and, for each entry folded into another, that one. */
  const owners = new Map<string, number>();
  const sameAs = new Map<number, number>();
  const checks = await Promise.all(entries.map(async (entry, index): Promise<HostCheck | null> => {
    const address = entry.address;
    if (!address) return { entry, snapshot: null, error: entry.error ?? 'no address', alsoAs: [] };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StowageError(noAnswerMessage(entry, deadlineMs))), deadlineMs);
    });
    try {
      const snapshot = await Promise.race([
        (async () => {
          const engine = await connect(address, engineOptions);
          const identity = engineIdentity(await engine.info(), address);
          const owner = owners.get(identity);
          if (owner !== undefined) return void sameAs.set(index, owner);
          owners.set(identity, index);
          const { raw, warnings } = await collectHost(engine, undefined, { helperEngine: helper ? engine : null });
          return buildSnapshot(raw, warnings);
        })(),
        deadline,
      ]);
      return snapshot ? { entry, snapshot, error: null, alsoAs: [] } : null;
    } catch (error) {
      return { entry, snapshot: null, error: oneLine(error), alsoAs: [] };
    } finally {
      clearTimeout(timer);
    }
  }));
  // Each engine once, in the list's order, under the first of its entries (whichever collected it).
  const groups = checks.flatMap((check, index) => {
    if (!check) return [];
    const members = entries.flatMap((member, other) => (other === index || sameAs.get(other) === index ? [{ member, other }] : []));
    return [{ check, members }];
  });
  groups.sort((a, b) => (a.members[0]?.other ?? 0) - (b.members[0]?.other ?? 0));
  return groups.map(({ check, members }) => ({ ...check, entry: members[0]?.member ?? check.entry, alsoAs: members.slice(1).map(({ member }) => member) }));
}
