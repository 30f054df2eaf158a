import { parseHost, tlsFromEnv } from './address.js';
import type { Strategy } from './strategy.js';

/** `--host`, which beats everything, as in the docker CLI. */
export const hostFlag: Strategy = ({ hostFlag: host, env, dockerConfigDir }) =>
  host ? parseHost(host, '--host', host.trim().startsWith('tcp://') ? tlsFromEnv(env, dockerConfigDir) : null) : null;

/** DOCKER_HOST, with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH for tcp. */
export const dockerHostEnv: Strategy = ({ env, dockerConfigDir }) =>
  env.DOCKER_HOST ? parseHost(env.DOCKER_HOST, 'DOCKER_HOST', tlsFromEnv(env, dockerConfigDir)) : null;
