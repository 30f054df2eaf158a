import type { EngineAddress } from './address.js';

export interface ConnectionSettings {
  hostFlag: string;
  contextFlag: string;
  env: NodeJS.ProcessEnv;
  /** The docker CLI's config folder: $DOCKER_CONFIG or ~/.docker. */
  dockerConfigDir: string;
  /** The folder the machine's own sockets (/var/run/docker.sock, Podman's) are under: `/`, or a test's own. */
  machineRoot: string;
}

/** One way of finding the engine: an address, or null when its setting is absent. */
export type Strategy = (settings: ConnectionSettings) => EngineAddress | null;
