// Makes demo/snapshot.json, the host `stowage --demo` shows: the seed situations on a real
// Docker 26.1 engine, collected by stowage. The test engine's folders are renamed to the usual
// ones (/var/lib/docker, /srv), so the demo reads like a server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectHost } from '../../src/engine/collect.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { PROJECT_ROOT, startEngine } from './engines.js';
import { createBindTraps, createSituations } from './situations.js';
import { connectTo } from './snapshot-of.js';

const engine = await startEngine('26.1');
try {
  const situations = await createSituations(engine);
  await createBindTraps(engine, situations.hostDir);
  const connected = await connectTo(engine);
  const { raw, warnings } = await collectHost(connected, undefined, { helperEngine: connected });
  const text = JSON.stringify(buildSnapshot(raw, warnings), null, 1)
    .replaceAll(engine.host, 'unix:///var/run/docker.sock')
    .replaceAll(join(engine.dir, 'data'), '/var/lib/docker')
    .replaceAll(situations.hostDir, '/srv')
    .replaceAll(engine.socketPath, '/var/run/docker.sock');
  writeFileSync(join(PROJECT_ROOT, 'demo', 'snapshot.json'), `${text}\n`);
  console.log('wrote demo/snapshot.json');
} finally {
  await engine.stop();
}
