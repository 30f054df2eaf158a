// Starts real, hermetic Docker engines for the tests: each with its own data root, exec root and
// socket under a short /tmp folder, no bridge and no iptables, so the machine's networking is untouched.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TRIXIE = join(PROJECT_ROOT, '.engines', 'trixie');

export type EngineName = '20.10' | '26.1' | '26.1-containerd';

export interface RunningEngine {
  /** `podman` for a Podman service (test/support/podman.ts). */
  name: EngineName | 'podman';
  socketPath: string;
  host: string;
  dir: string;
  /** PATH with this engine's binaries first, for the docker CLI plugins and dockerd. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

interface EngineRecipe {
  pathPrefix: string[];
  config: Record<string, unknown> | null;
}

function recipe(name: EngineName): EngineRecipe {
  const trixiePath = [join(TRIXIE, 'usr/bin'), join(TRIXIE, 'usr/sbin')];
  if (name === '20.10') return { pathPrefix: [], config: null };
  if (!existsSync(join(TRIXIE, 'usr/sbin/dockerd'))) {
    throw new Error(`dockerd 26.1 is not installed under ${TRIXIE}: run \`npm run engines:install\``);
  }
  return {
    pathPrefix: trixiePath,
    config: name === '26.1-containerd' ? { features: { 'containerd-snapshotter': true } } : null,
  };
}

export function ping(socketPath: string): Promise<boolean> {
  return new Promise((done) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('error', () => done(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export interface EngineOptions {
  /** Its data root, for example on a small file system of the test's; by default a folder in its own. */
  dataRoot?: string;
}

/** Starts one engine and waits until it answers /_ping. */
export async function startEngine(name: EngineName, options: EngineOptions = {}): Promise<RunningEngine> {
  const { pathPrefix, config } = recipe(name);
  const env = { ...process.env, PATH: [...pathPrefix, process.env.PATH ?? ''].join(':') };
  // A unix socket path must stay under 108 bytes: keep the folder short.
  const dir = mkdtempSync('/tmp/stw-');
  const socketPath = join(dir, 'docker.sock');
  const args = [
    '--data-root', options.dataRoot ?? join(dir, 'data'),
    '--exec-root', join(dir, 'exec'),
    '--pidfile', join(dir, 'pid'),
    '--host', `unix://${socketPath}`,
    '--bridge=none', '--iptables=false', '--ip-masq=false',
  ];
  if (config) {
    writeFileSync(join(dir, 'daemon.json'), JSON.stringify(config));
    args.push('--config-file', join(dir, 'daemon.json'));
  } else {
    // An empty config keeps the machine's /etc/docker/daemon.json, if any, out of the test engine.
    writeFileSync(join(dir, 'daemon.json'), '{}');
    args.push('--config-file', join(dir, 'daemon.json'));
  }
  const log = openSync(join(dir, 'dockerd.log'), 'a');
  const daemon: ChildProcess = spawn('dockerd', args, { env, stdio: ['ignore', log, log], detached: true });
  let exited = false;
  daemon.on('exit', () => (exited = true));
  try {
    await waitFor(`dockerd ${name} to answer on ${socketPath}`, async () => exited || (await ping(socketPath)), 60_000);
    if (exited) throw new Error('dockerd exited');
  } catch (error) {
    const tail = readFileSync(join(dir, 'dockerd.log'), 'utf8').split('\n').slice(-15).join('\n');
    daemon.kill('SIGKILL');
    throw new Error(`engine ${name} did not start: ${(error as Error).message}\n${tail}`);
  }
  return {
    name,
    socketPath,
    host: `unix://${socketPath}`,
    dir,
    env,
    async stop() {
      if (!exited) {
        daemon.kill('SIGTERM');
        await waitFor(`dockerd ${name} to exit`, () => exited, 30_000).catch(() => daemon.kill('SIGKILL'));
      }
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
