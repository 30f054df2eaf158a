import { resolveAddress } from '../../src/engine/connection/resolve.js';
import { collectHost } from '../../src/engine/collect.js';
import { connectEngine } from '../../src/engine/dockerode-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import type { ContainerStorage, Snapshot, VolumeUsage } from '../../src/model/types.js';
import type { RunningEngine } from './engines.js';

export async function connectTo(engine: RunningEngine): Promise<Engine> {
  return connectEngine(resolveAddress({ host: engine.host, env: {} }));
}

export async function snapshotOf(engine: RunningEngine | Engine): Promise<Snapshot> {
  const connected = 'apiVersion' in engine ? engine : await connectTo(engine);
  const { raw, warnings } = await collectHost(connected, undefined, { helperEngine: connected });
  return buildSnapshot(raw, warnings);
}

export function containerNamed(snapshot: Snapshot, name: string): ContainerStorage {
  const container = snapshot.containers.find((candidate) => candidate.name === name);
  if (!container) throw new Error(`no container "${name}" in the snapshot: ${snapshot.containers.map((c) => c.name).join(', ')}`);
  return container;
}

export function volumeNamed(snapshot: Snapshot, name: string): VolumeUsage {
  const volume = snapshot.volumes.find((candidate) => candidate.name === name);
  if (!volume) throw new Error(`no volume "${name}" in the snapshot`);
  return volume;
}
