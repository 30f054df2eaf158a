// Captures what real engines answer for the seed situations, for the pure model tests:
// `npm run fixtures:capture` writes test/fixtures/engine-<version>.json (Docker) and
// engine-podman-4.3.json. Names given as arguments (`20.10`, `podman`) capture only those.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectHost } from '../../src/engine/collect.js';
import { type EngineName, PROJECT_ROOT, type RunningEngine, startEngine } from './engines.js';
import { startPodman } from './podman.js';
import { createPodmanSituations } from './podman-situations.js';
import { createSituations } from './situations.js';
import { connectTo } from './snapshot-of.js';

async function capture(engine: RunningEngine, file: string, situations: (engine: RunningEngine) => Promise<unknown>): Promise<void> {
  try {
    await situations(engine);
    const connected = await connectTo(engine);
    const { raw } = await collectHost(connected, undefined, { helperEngine: connected });
    const path = join(PROJECT_ROOT, 'test', 'fixtures', file);
    writeFileSync(path, `${JSON.stringify({ _source: `captured from ${engine.name === 'podman' ? 'podman' : 'dockerd'} ${raw.version.Version} by test/support/capture-fixtures.ts`, ...raw }, null, 1)}\n`);
    console.log(`wrote ${path}`);
  } finally {
    await engine.stop();
  }
}

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);
const names: EngineName[] = ['20.10', '26.1', '26.1-containerd'];
for (const name of names.filter(wanted)) await capture(await startEngine(name), `engine-${name}.json`, createSituations);
if (wanted('podman')) await capture(await startPodman(), 'engine-podman-4.3.json', createPodmanSituations);
