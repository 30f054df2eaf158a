// Shared parts of the benchmarks: a large host on a hermetic engine, a pseudo-terminal, timing.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startEngine } from '../dist/test/support/engines.js';
import { BUSYBOX, importFixtureImages } from '../dist/test/support/situations.js';

/** The built CLI, run as the `stowage` command is: through its own #! line. */
export const CLI = new URL('../dist/bundle/stowage.js', import.meta.url).pathname;
/** The single executable (`npm run build:exe`). */
export const EXE = new URL('../dist/stowage', import.meta.url).pathname;

export function api(engine, method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { socketPath: engine.socketPath, path, method, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => (res.statusCode >= 400 ? reject(new Error(`${method} ${path}: ${res.statusCode} ${Buffer.concat(chunks)}`)) : resolve(Buffer.concat(chunks).toString())));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function inParallel(count, limit, task) {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < count) await task(next++);
  }));
}

/** Containers created, not started; volumes, the first of them filled with small files written directly. */
export async function largeHost({ containers, volumes, files }) {
  const engine = await startEngine('26.1');
  await importFixtureImages(engine);
  const name = (index) => `bench-v${String(index).padStart(5, '0')}`;
  await inParallel(volumes, 8, (index) => api(engine, 'POST', '/volumes/create', { Name: name(index) }));
  const filled = Math.min(volumes, 100);
  for (let index = 0; index < filled; index++) {
    const mountpoint = join(engine.dir, 'data', 'volumes', name(index), '_data');
    const share = Math.ceil(files / filled);
    for (let file = 0; file < share; file++) {
      const folder = join(mountpoint, `d${file % 20}`);
      if (file < 20) mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `f${file}`), `row ${file}\n`.repeat(1 + (file % 40)));
    }
  }
  await inParallel(containers, 8, (index) =>
    api(engine, 'POST', `/containers/create?name=bench-${String(index).padStart(4, '0')}`, {
      Image: BUSYBOX,
      HostConfig: { NetworkMode: 'none', Binds: [`${name(index % volumes)}:/data`, `${name((index + containers) % volumes)}:/cache`] },
    }),
  );
  return engine;
}

/** Runs `command` in a pseudo-terminal of the given size; resolves the child and its output so far. */
export function inTerminal(command, { columns = 120, rows = 40, env = {} } = {}) {
  const child = spawn('script', ['-qfec', `stty cols ${columns} rows ${rows}; exec ${command}`, '/dev/null'], {
    env: { ...process.env, TERM: 'xterm-256color', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const session = { child, output: '', bytes: 0, listeners: new Set() };
  child.stdout.on('data', (chunk) => {
    session.bytes += chunk.length;
    session.output += chunk.toString('utf8');
    for (const listener of session.listeners) listener();
  });
  session.waitFor = (test, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; output tail: ${JSON.stringify(session.output.slice(-400))}`)), timeoutMs);
      const check = () => {
        if (test(session.output)) {
          clearTimeout(timer);
          session.listeners.delete(check);
          resolve();
        }
      };
      session.listeners.add(check);
      check();
    });
  session.press = (keys) => child.stdin.write(keys);
  session.stop = () => new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return session;
}

/** Wall time of a whole command, in seconds. */
export function timeCommand(command, args, env = process.env) {
  const started = process.hrtime.bigint();
  execFileSync(command, args, { stdio: 'ignore', env, maxBuffer: 1 << 30 });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}
