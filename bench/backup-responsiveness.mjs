// Keys during a backup: the explorer runs a backup on its main thread (gzip in worker threads),
// so how late that thread's event loop runs bounds how late a key is answered. Runs one backup
// as the explorer does and prints the event-loop delay's p95 and max, in ms.
// `node bench/backup-responsiveness.mjs HOST VOLUME DIRECTORY`
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runBackup } from '../dist/src/actions/backup.js';
import { collectHost } from '../dist/src/engine/collect.js';
import { resolveAddress } from '../dist/src/engine/connection/resolve.js';
import { connectEngine } from '../dist/src/engine/dockerode-engine.js';
import { planBackup } from '../dist/src/model/backup-plan.js';
import { buildSnapshot } from '../dist/src/model/snapshot.js';

const [host, volume, directory] = process.argv.slice(2);
const engine = await connectEngine(resolveAddress({ host }));
const { raw, warnings } = await collectHost(engine, undefined, { skip: true });
const snapshot = buildSnapshot(raw, warnings);
const plan = planBackup(snapshot, volume, new Date(), true);
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
await runBackup(engine, plan, { directory, level: 6, stopWriters: false, engineDescription: host, onProgress: () => undefined });
delay.disable();
console.log((delay.percentile(95) / 1e6).toFixed(1), (delay.max / 1e6).toFixed(1));
