// How a command reaches what it reads: the engine --host or --context names (with --timeout) and
// its snapshot, or the saved one of --demo and --snapshot.
import { loadDemoSnapshot } from '../app/demo.js';
import { readSnapshotFile } from '../app/snapshot-file.js';
import { collectHost } from '../engine/collect.js';
import { resolveAddress } from '../engine/connection/resolve.js';
import { connectEngine } from '../engine/dockerode-engine.js';
import { type Engine, engineOptionsFor, type EngineOptions } from '../engine/engine.js';
import { buildSnapshot } from '../model/snapshot.js';
import type { Snapshot } from '../model/types.js';
import type { EngineChoice, LookChoice, SavedData } from './command.js';

export const engineOptions = (choice: EngineChoice): EngineOptions => engineOptionsFor(choice.timeoutMs);

export const chosenAddress = (choice: EngineChoice) => resolveAddress({ host: choice.host, context: choice.context });

export async function connect(choice: EngineChoice): Promise<Engine> {
  return connectEngine(chosenAddress(choice), engineOptions(choice));
}

/** `facts`: also read the host facts the findings need (an action does without them). */
export async function collectSnapshot(engine: Engine, readOnly: boolean, facts = true): Promise<Snapshot> {
  // --read-only makes no helper container: what only a helper could read stays unknown.
  const { raw, warnings } = await collectHost(engine, undefined, { helperEngine: readOnly ? null : engine, skip: !facts });
  return buildSnapshot(raw, warnings);
}

export const readSaved = (saved: SavedData): Snapshot => (saved.kind === 'demo' ? loadDemoSnapshot() : readSnapshotFile(saved.path));

/** The snapshot the explorer's plain report and check read: the saved one, or the engine's now. */
export async function lookedAt(choice: LookChoice): Promise<Snapshot> {
  return choice.saved ? readSaved(choice.saved) : collectSnapshot(await connect(choice), choice.readOnly);
}
