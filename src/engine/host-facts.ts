// Facts that live outside the engine's answers: bind sources on the engine's host (owner, mode,
// empty or not), each container's user ids, database files in writable layers, log sizes.
// Read directly when stowage runs on the engine's host, else through the engine with the helper
// (never in --read-only mode, which has no engine that makes one).
import { lstat, opendir } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { statefulPathOf } from '../stateful-paths.js';
import { isLocal } from './connection/address.js';
import { mapWithLimit } from './concurrency.js';
import type { EngineReads } from './engine.js';
import { type HelperEngine, withHelper } from './helper-container.js';
import type { RawContainerInspect, RawHostFacts, RawPathFacts } from './raw.js';
import { tarEntries } from './tar-headers.js';

const CONCURRENCY = 8;
/** Where the helper sees the engine host's root. */
const HOST_ROOT = '/host';

async function localPathFacts(path: string): Promise<RawPathFacts | null> {
  try {
    const stat = await lstat(path);
    let empty: boolean | null = null;
    if (stat.isDirectory()) {
      const dir = await opendir(path);
      empty = (await dir.read()) === null;
      await dir.close();
    }
    return {
      exists: true,
      type: stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : stat.isSocket() ? 'socket' : 'other',
      empty,
      uid: stat.uid,
      gid: stat.gid,
      mode: stat.mode & 0o7777,
      mtimeMs: stat.mtimeMs,
    };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { exists: false, type: null, empty: null, uid: null, gid: null, mode: null, mtimeMs: null } : null;
  }
}

/** The first entries of a path's archive: the path itself, and whether anything lies below. */
async function archivePathFacts(engine: EngineReads, helper: string, path: string): Promise<RawPathFacts | null> {
  const stream = await engine.readArchive(helper, `${HOST_ROOT}${path}`, { small: true }).catch(() => null);
  if (!stream) return { exists: false, type: null, empty: null, uid: null, gid: null, mode: null, mtimeMs: null };
  try {
    let facts: RawPathFacts | null = null;
    for await (const entry of tarEntries(stream)) {
      if (facts) {
        facts.empty = false;
        break;
      }
      const type = entry.type === 'directory' ? 'directory' : entry.type === 'file' ? 'file' : 'other';
      facts = { exists: true, type, empty: type === 'directory' ? true : null, uid: entry.uid, gid: entry.gid, mode: entry.mode & 0o7777, mtimeMs: entry.mtime * 1000 };
      // Only a folder has entries below it; a file's bytes (a database of gigabytes) are not read.
      if (type !== 'directory') break;
    }
    return facts;
  } finally {
    stream.destroy();
  }
}

async function readSmallFile(stream: Readable | null): Promise<string | null> {
  if (!stream) return null;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    total += chunk.length;
    if (total > 4 * 1024 * 1024) break;
  }
  stream.destroy();
  const tar = Buffer.concat(chunks);
  const size = Number.parseInt(tar.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
  return tar.subarray(512, 512 + size).toString('utf8');
}

/** The ids a container runs as: numeric specs directly, names through its /etc/passwd and /etc/group. */
async function containerUser(engine: EngineReads, inspect: RawContainerInspect): Promise<{ uid: number; gid: number } | null> {
  const spec = inspect.Config?.User ?? '';
  if (spec === '') return { uid: 0, gid: 0 };
  const [userPart = '', groupPart] = spec.split(':');
  const lookup = async (file: string, name: string, field: number): Promise<number | null> => {
    const content = await readSmallFile(await engine.readArchive(inspect.Id, file, { small: true }).catch(() => null));
    const line = content?.split('\n').find((entry) => entry.split(':')[0] === name);
    const value = line ? Number.parseInt(line.split(':')[field] ?? '', 10) : Number.NaN;
    return Number.isInteger(value) ? value : null;
  };
  const uid = /^\d+$/.test(userPart) ? Number(userPart) : await lookup('/etc/passwd', userPart, 2);
  if (uid === null) return null;
  let gid: number | null;
  if (groupPart === undefined) {
    gid = /^\d+$/.test(userPart) ? 0 : await lookup('/etc/passwd', userPart, 3);
  } else {
    gid = /^\d+$/.test(groupPart) ? Number(groupPart) : await lookup('/etc/group', groupPart, 2);
  }
  return gid === null ? null : { uid, gid };
}

/** Paths written in the layer under well-known data paths, grouped by that data path. */
async function dataWrites(engine: EngineReads, inspect: RawContainerInspect, layerBytes: number | null): Promise<string[] | null> {
  // An empty layer (system df measured it) or a read-only root holds no database files.
  if (inspect.HostConfig?.ReadonlyRootfs || layerBytes === 0) return [];
  const changes = await engine.containerChanges(inspect.Id).catch(() => null);
  if (!changes) return null;
  const image = inspect.Config?.Image ?? '';
  const roots = new Set<string>();
  for (const change of changes) {
    if (change.Kind === 2) continue;
    const stateful = statefulPathOf(change.Path, image);
    if (stateful && change.Path !== stateful.path) roots.add(stateful.path);
  }
  return [...roots].sort();
}

export interface HostFactsOptions {
  /** Read host paths through the engine even when they are local (for tests and remote-like setups). */
  throughEngine?: boolean;
  /**
   * The engine that makes a helper container (and its empty image) to read the host's paths when
   * they are not on this machine. None in --read-only mode: those paths then stay unknown.
   */
  helperEngine?: HelperEngine | null;
  /** Read no host facts at all (prune, backup and restore need none). */
  skip?: boolean;
}

export interface CollectOptions extends HostFactsOptions {
  /** For a first screen: ask for the lists before starting system df, which would slow them. */
  listsFirst?: boolean;
  /** Inspect requests in flight at once (8 unless given). */
  inspectConcurrency?: number;
}

/** Reads the host facts of the inspected containers; log sizes through the engine when not local. */
export async function readHostFacts(
  engine: EngineReads,
  inspects: RawContainerInspect[],
  options: HostFactsOptions = {},
  /** Writable-layer bytes by container id, from system df, when known. */
  layerBytes: Map<string, number> = new Map(),
): Promise<{ facts: RawHostFacts; logSizes: Record<string, number | null> }> {
  const local = isLocal(engine.address) && !options.throughEngine && (await localPathFacts('/'))?.exists === true;
  const sources = [...new Set(inspects.flatMap((inspect) => (inspect.Mounts ?? []).filter((m) => m.Type === 'bind').map((m) => m.Source ?? '')))].filter(Boolean);
  const paths: Record<string, RawPathFacts | null> = {};
  const logSizes: Record<string, number | null> = {};
  if (local) {
    await mapWithLimit(sources, CONCURRENCY, async (source) => void (paths[source] = await localPathFacts(source)));
  } else if (options.helperEngine) {
    await withHelper(options.helperEngine, [{ type: 'bind', source: '/', target: HOST_ROOT, readOnly: true }], async (helper) => {
      await mapWithLimit(sources, CONCURRENCY, async (source) => void (paths[source] = await archivePathFacts(engine, helper, source)));
      await mapWithLimit(inspects, CONCURRENCY, async (inspect) => {
        logSizes[inspect.Id] = inspect.LogPath ? ((await engine.statPath(helper, `${HOST_ROOT}${inspect.LogPath}`).catch(() => null))?.size ?? null) : null;
      });
    }).catch(() => undefined);
  }
  const users: Record<string, { uid: number; gid: number } | null> = {};
  const writes: Record<string, string[] | null> = {};
  await mapWithLimit(inspects, CONCURRENCY, async (inspect) => {
    users[inspect.Id] = await containerUser(engine, inspect).catch(() => null);
    writes[inspect.Id] = await dataWrites(engine, inspect, layerBytes.get(inspect.Id) ?? null);
  });
  return { facts: { method: local ? 'local' : 'engine', paths, users, dataWrites: writes }, logSizes };
}
