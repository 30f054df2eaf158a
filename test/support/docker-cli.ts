import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT, type RunningEngine } from './engines.js';

const run = promisify(execFile);
const COMPOSE_PLUGIN = join(PROJECT_ROOT, '.engines/trixie/usr/libexec/docker/cli-plugins/docker-compose');

/** A docker CLI config folder of the engine's own, with the Compose v2 plugin in it. */
function cliConfig(engine: RunningEngine): string {
  const config = join(engine.dir, 'cli');
  const plugins = join(config, 'cli-plugins');
  if (!existsSync(plugins)) {
    mkdirSync(plugins, { recursive: true });
    if (existsSync(COMPOSE_PLUGIN)) symlinkSync(COMPOSE_PLUGIN, join(plugins, 'docker-compose'));
  }
  return config;
}

/** Runs the docker CLI against a test engine; resolves with its stdout, trimmed. */
export async function docker(engine: RunningEngine, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...engine.env, DOCKER_HOST: engine.host, DOCKER_CONFIG: cliConfig(engine) };
  delete env.DOCKER_CONTEXT;
  try {
    const { stdout } = await run('docker', args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return stdout.trim();
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker ${args.join(' ')} failed on engine ${engine.name}: ${stderr?.trim() || (error as Error).message}`);
  }
}
