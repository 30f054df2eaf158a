import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { FILE_KINDS, OutsideFileError, readOutsideText, readOutsideTextIfPresent } from '../../outside-file.js';
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
  let text: string | null;
  try {
    text = readOutsideTextIfPresent(configPath, FILE_KINDS.dockerConfig);
  } catch (error) {
    // Root's after `sudo docker login`: the docker CLI goes on without it, and so does stowage.
    if (error instanceof OutsideFileError && (error.code === 'EACCES' || error.code === 'EPERM')) return null;
    throw new UsageError(`${(error as Error).message}; fix or remove it, or pass --host`);
  }
  if (text === null) return null;
  try {
    const config = JSON.parse(text) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' && config.currentContext ? config.currentContext : null;
  } catch {
    throw new UsageError(`${configPath} is not valid JSON; fix it, or pass --host`);
  }
}

interface ContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

/** The folder of a context's meta.json and TLS files: the SHA-256 of its name, as the docker CLI names it. */
export const contextDigest = (name: string) => createHash('sha256').update(name).digest('hex');

/** Reads a context the way the docker CLI stores it: contexts/meta/<sha256(name)>/meta.json. */
export function contextAddress(name: string, source: string, settings: Pick<ConnectionSettings, 'env' | 'dockerConfigDir' | 'machineRoot'>): EngineAddress {
  if (name === 'default') {
    const socketPath = join(settings.machineRoot, DEFAULT_SOCKET);
    return dockerHostEnv({ ...settings, hostFlag: '', contextFlag: '' }) ?? { kind: 'unix', socketPath, source: 'context "default"' };
  }
  return contextAt(contextDigest(name), name, source, settings.dockerConfigDir);
}

/**
 * The context stored under `digest` (its name as the folder says, or as its meta.json says when
 * listing); a missing or malformed meta.json is a UsageError of one line naming the file.
 */
export function contextAt(digest: string, name: string | null, source: string, dockerConfigDir: string): EngineAddress {
  const metaPath = join(dockerConfigDir, 'contexts', 'meta', digest, 'meta.json');
  let meta: ContextMeta | null;
  try {
    meta = JSON.parse(readOutsideText(metaPath, FILE_KINDS.contextMeta)) as ContextMeta | null;
  } catch (error) {
    const missing = error instanceof OutsideFileError && error.code === 'ENOENT';
    const why = error instanceof OutsideFileError ? error.reason : 'is not JSON';
    throw new UsageError(
      missing
        ? `${source}: docker context "${name}" not found; list the contexts with \`docker context ls\``
        : `${source}: docker context "${name ?? digest.slice(0, 12)}" has an unreadable meta.json: it ${why}; recreate it with \`docker context create\` (${metaPath})`,
    );
  }
  const named = name ?? (typeof meta === 'object' && meta !== null && typeof meta.Name === 'string' ? meta.Name : digest);
  const endpoint = typeof meta === 'object' && meta !== null ? meta.Endpoints?.docker : undefined;
  const host = typeof endpoint === 'object' && endpoint !== null ? endpoint.Host : undefined;
  if (host === undefined || host === null || host === '') {
    throw new UsageError(`${source}: docker context "${named}" has no docker endpoint; see \`docker context inspect ${named}\``);
  }
  if (typeof host !== 'string') {
    throw new UsageError(`${source}: docker context "${named}" has a Host that is not text in ${metaPath}; recreate it with \`docker context create\``);
  }
  const tlsDir = join(dockerConfigDir, 'contexts', 'tls', digest, 'docker');
  return parseHost(host, `context "${named}"`, contextTls(tlsDir, endpoint?.SkipTLSVerify !== true));
}

/** The name a stored context gives itself in its meta.json, or null when it cannot be read. */
export function contextName(digest: string, dockerConfigDir: string): string | null {
  try {
    const metaPath = join(dockerConfigDir, 'contexts', 'meta', digest, 'meta.json');
    const meta = JSON.parse(readOutsideText(metaPath, FILE_KINDS.contextMeta)) as ContextMeta | null;
    return typeof meta === 'object' && meta !== null && typeof meta.Name === 'string' && meta.Name !== '' ? meta.Name : null;
  } catch {
    return null;
  }
}

function contextTls(tlsDir: string, verify: boolean): TlsFiles | null {
  const file = (name: string) => (existsSync(join(tlsDir, name)) ? join(tlsDir, name) : null);
  const ca = file('ca.pem');
  const cert = file('cert.pem');
  if (!ca && !cert) return null;
  return { ca, cert, key: file('key.pem'), verify };
}
