// Captures what real engines answer for the seed situations, for the pure model tests:
// `npm run fixtures:capture` writes test/fixtures/engine-<version>.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectHost } from '../../src/engine/collect.js';
import { type EngineName, PROJECT_ROOT, startEngine } from './engines.js';
import { createSituations } from './situations.js';
import { connectTo } from './snapshot-of.js';

const names: EngineName[] = ['20.10', '26.1', '26.1-containerd'];
for (const name of names) {
  const engine = await startEngine(name);
  try {
    await createSituations(engine);
    const connected = await connectTo(engine);
    const { raw } = await collectHost(connected, undefined, { helperEngine: connected });
    const file = join(PROJECT_ROOT, 'test', 'fixtures', `engine-${name}.json`);
    writeFileSync(file, `${JSON.stringify({ _source: `captured from dockerd ${raw.version.Version} by test/support/capture-fixtures.ts`, ...raw }, null, 1)}\n`);
    console.log(`wrote ${file}`);
  } finally {
    await engine.stop();
  }
}
