// Starts a real, hermetic Podman service for the tests: its own storage (vfs), run root, temp
// dir, file locks and event log under a short /tmp folder, configured by files of its own (the
// machine's containers.conf, storage.conf and registries stay out of it), serving the Docker-
// compatible API on a unix socket. Containers can be created and read here, not started.
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ping, type RunningEngine } from './engines.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);

/**
 * Why the Podman tests cannot run here, or false when they can. Off CI a machine without podman
 * skips them; under CI=true nothing is skipped: a missing podman fails the test like a broken one.
 */
export function podmanMissing(): string | false {
  if (process.env.CI === 'true') return false;
  const found = spawnSync('podman', ['--version'], { stdio: 'ignore' });
  return found.status === 0 ? false : 'podman is not installed (test/engines/install.sh installs it)';
}

export interface RunningPodman extends RunningEngine {
  name: 'podman';
  /** Set as XDG_RUNTIME_DIR, it makes the socket rootless Podman's default: `$XDG_RUNTIME_DIR/podman/podman.sock`. */
  runtimeDir: string;
}

/** Starts `podman system service` and waits until it answers /_ping. */
export async function startPodman(): Promise<RunningPodman> {
  // A unix socket path must stay under 108 bytes: keep the folder short.
  const dir = mkdtempSync('/tmp/stp-');
  const runtimeDir = join(dir, 'xdg');
  const socketPath = join(runtimeDir, 'podman', 'podman.sock');
  for (const folder of ['tmp', 'root', 'run', join('xdg', 'podman')]) mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'containers.conf'), [
    '[containers]',
    'log_driver = "k8s-file"',
    '[engine]',
    // No systemd here: cgroupfs, events in a file; file locks keep it off the machine's /dev/shm ones.
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    `events_logfile_path = "${join(dir, 'events.log')}"`,
    'lock_type = "file"',
    `tmp_dir = "${join(dir, 'tmp')}"`,
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'storage.conf'), ['[storage]', 'driver = "vfs"', `graphroot = "${join(dir, 'root')}"`, `runroot = "${join(dir, 'run')}"`, ''].join('\n'));
  writeFileSync(join(dir, 'registries.conf'), 'unqualified-search-registries = []\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTAINERS_CONF: join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: join(dir, 'registries.conf'),
  };
  delete env.CONTAINER_HOST;
  const log = openSync(join(dir, 'podman.log'), 'a');
  const args = ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs', 'system', 'service', '--time=0', `unix://${socketPath}`];
  // Its own process group: stop() ends the service and anything it started, and nothing else.
  const service: ChildProcess = spawn('podman', args, { env, stdio: ['ignore', log, log], detached: true, cwd: dir });
  let exited = false;
  let failure = 'podman system service exited';
  service.on('exit', () => (exited = true));
  service.on('error', (error) => {
    exited = true;
    failure = `podman could not be run: ${error.message}`;
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (service.pid) process.kill(-service.pid, signal);
    } catch {
      // Gone already.
    }
  };
  try {
    await waitFor(`podman system service to answer on ${socketPath}`, async () => exited || (await ping(socketPath)), 30_000);
    if (exited) throw new Error(failure);
  } catch (error) {
    const tail = readFileSync(join(dir, 'podman.log'), 'utf8').split('\n').slice(-15).join('\n');
    signalGroup('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Podman did not start: ${(error as Error).message}\n${tail}`);
  }
  return {
    name: 'podman',
    socketPath,
    host: `unix://${socketPath}`,
    dir,
    runtimeDir,
    env,
    async stop() {
      signalGroup('SIGTERM');
      await waitFor('podman system service to exit', () => exited, 15_000).catch(() => signalGroup('SIGKILL'));
      await waitFor('podman system service to be killed', () => exited, 5_000).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Runs the podman CLI against the test service (`--remote`); resolves with its stdout, trimmed. */
export async function podman(engine: RunningEngine, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('podman', ['--remote', '--url', engine.host, ...args], { env: engine.env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return stdout.trim();
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`podman ${args.join(' ')} failed: ${stderr?.trim() || (error as Error).message}`);
  }
}
