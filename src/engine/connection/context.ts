import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { type EngineAddress, parseHost, type TlsFiles } from './address.js';
import { DEFAULT_SOCKET } from './default-socket.js';
import { dockerHostEnv } from './docker-host.js';
import type { ConnectionSettings, Strategy } from './strategy.js';

/** An explicit `--context`, which beats DOCKER_HOST, as in the docker CLI. */
export const contextFlag: Strategy = (settings) =>
  settings.contextFlag ? contextAddress(settings.contextFlag, '--context', settings) : null;

export const dockerContextEnv: Strategy = (settings) =>
  settings.env.DOCKER_CONTEXT ? contextAddress(settings.env.DOCKER_CONTEXT, 'DOCKER_CONTEXT', settings) : null;

/** `currentContext` of the docker CLI's config.json. */
export const currentContext: Strategy = (settings) => {
  const configPath = join(settings.dockerConfigDir, 'config.json');
  const name = readCurrentContext(configPath);
  return name ? contextAddress(name, `current context in ${configPath}`, settings) : null;
};

function readCurrentContext(configPath: string): string | null {
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch {
    return null;
  }
  try {
    const config = JSON.parse(text) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' && config.currentContext ? config.currentContext : null;
  } catch {
    throw new UsageError(`${configPath} is not valid JSON; fix it, or pass --host`);
  }
}

interface ContextMeta {
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

/** Reads a context the way the docker CLI stores it: contexts/meta/<sha256(name)>/meta.json. */
function contextAddress(name: string, source: string, settings: ConnectionSettings): EngineAddress {
  if (name === 'default') {
    return dockerHostEnv(settings) ?? { kind: 'unix', socketPath: DEFAULT_SOCKET, source: 'context "default"' };
  }
  const digest = createHash('sha256').update(name).digest('hex');
  const metaPath = join(settings.dockerConfigDir, 'contexts', 'meta', digest, 'meta.json');
  let meta: ContextMeta | null;
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8')) as ContextMeta | null;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(
      missing
        ? `${source}: docker context "${name}" not found; list the contexts with \`docker context ls\``
        : `${source}: docker context "${name}" has an unreadable ${metaPath}; recreate it with \`docker context create\``,
    );
  }
  const endpoint = typeof meta === 'object' && meta !== null ? meta.Endpoints?.docker : undefined;
  const host = typeof endpoint === 'object' && endpoint !== null ? endpoint.Host : undefined;
  if (host === undefined || host === null || host === '') {
    throw new UsageError(`${source}: docker context "${name}" has no docker endpoint; see \`docker context inspect ${name}\``);
  }
  if (typeof host !== 'string') {
    throw new UsageError(`${source}: docker context "${name}" has a Host that is not text in ${metaPath}; recreate it with \`docker context create\``);
  }
  const tlsDir = join(settings.dockerConfigDir, 'contexts', 'tls', digest, 'docker');
  return parseHost(host, `context "${name}"`, contextTls(tlsDir, endpoint?.SkipTLSVerify !== true));
}

function contextTls(tlsDir: string, verify: boolean): TlsFiles | null {
  const file = (name: string) => (existsSync(join(tlsDir, name)) ? join(tlsDir, name) : null);
  const ca = file('ca.pem');
  const cert = file('cert.pem');
  if (!ca && !cert) return null;
  return { ca, cert, key: file('key.pem'), verify };
}
