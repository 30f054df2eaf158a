import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineAddress } from './address.js';
import { contextFlag, currentContext, dockerContextEnv } from './context.js';
import { defaultSocket } from './default-socket.js';
import { dockerHostEnv, hostFlag } from './docker-host.js';
import type { Strategy } from './strategy.js';

const STRATEGIES: Strategy[] = [hostFlag, contextFlag, dockerHostEnv, dockerContextEnv, currentContext, defaultSocket];

export interface AddressOptions {
  host?: string | undefined;
  context?: string | undefined;
  env?: NodeJS.ProcessEnv;
  dockerConfigDir?: string;
  /** Where the machine's own sockets are looked for: `/` unless a test chooses its own. */
  machineRoot?: string;
}

/** Picks the engine's address: --host, --context, DOCKER_HOST, DOCKER_CONTEXT, config.json, default socket. */
export function resolveAddress(options: AddressOptions = {}): EngineAddress {
  const env = options.env ?? process.env;
  const settings = {
    hostFlag: options.host ?? '',
    contextFlag: options.context ?? '',
    env,
    dockerConfigDir: options.dockerConfigDir ?? (env.DOCKER_CONFIG || join(homedir(), '.docker')),
    machineRoot: options.machineRoot ?? '/',
  };
  for (const strategy of STRATEGIES) {
    const address = strategy(settings);
    if (address) return address;
  }
  throw new Error('unreachable: the default socket strategy always answers');
}
