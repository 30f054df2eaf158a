// Where the time to the first frame goes: module loading, connecting, listing (with df running).
const started = performance.now();
const { resolveAddress } = await import('../dist/src/engine/connection/resolve.js');
const { connectEngine } = await import('../dist/src/engine/dockerode-engine.js');
const loaded = performance.now();
const engine = await connectEngine(resolveAddress({ host: process.argv[2] }));
const connected = performance.now();
const df = process.argv[3] === 'df' ? engine.diskUsage() : null;
await Promise.all([engine.info(), engine.listContainers(), engine.listVolumes()]);
const listed = performance.now();
await df;
const ms = (a, b) => `${Math.round(b - a)} ms`;
console.log(`load ${ms(started, loaded)}, connect ${ms(loaded, connected)}, list ${ms(connected, listed)}${df ? `, df done ${ms(connected, performance.now())}` : ''}`);
