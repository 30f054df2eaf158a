import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { FILE_KINDS, OutsideFileError, readOutsideFile } from '../../outside-file.js';

export interface TlsFiles {
  ca: string | null;
  cert: string | null;
  key: string | null;
  verify: boolean;
}

/** Where an engine listens, and which setting chose it (for messages). */
export type EngineAddress =
  | { kind: 'unix'; socketPath: string; source: string }
  | { kind: 'tcp'; hostname: string; port: number; tls: TlsFiles | null; source: string }
  | SshAddress;

/** An engine reached through the system `ssh` running `docker system dial-stdio` on the server. */
export interface SshAddress {
  kind: 'ssh';
  user: string | null;
  hostname: string;
  port: number | null;
  /** The server's socket (a path in the URL), or null for the server's own default. */
  socketPath: string | null;
  source: string;
}

export function describeAddress(address: EngineAddress): string {
  if (address.kind === 'unix') return `unix://${address.socketPath}`;
  if (address.kind === 'ssh') {
    const user = address.user === null ? '' : `${address.user}@`;
    const port = address.port === null ? '' : `:${address.port}`;
    const host = address.hostname.includes(':') ? `[${address.hostname}]` : address.hostname;
    return `ssh://${user}${host}${port}${address.socketPath ?? ''}`;
  }
  return `${address.tls ? 'https' : 'tcp'}://${address.hostname}:${address.port}`;
}

/** Whether stowage runs on the engine's own host, so host paths (logs, bind sources) can be read directly. */
export function isLocal(address: EngineAddress): boolean {
  return address.kind === 'unix';
}

/**
 * Parses a Docker host string as the docker CLI accepts it: unix:///path, tcp://host:port,
 * http(s)://host:port. `source` names the flag, variable or context it came from.
 */
export function parseHost(value: string, source: string, tls: TlsFiles | null = null): EngineAddress {
  const trimmed = value.trim();
  if (trimmed.startsWith('unix://')) {
    const socketPath = trimmed.slice('unix://'.length);
    if (!socketPath.startsWith('/')) {
      throw new UsageError(`${source}: "${value}" needs an absolute socket path, like unix:///var/run/docker.sock`);
    }
    return { kind: 'unix', socketPath, source };
  }
  if (trimmed.startsWith('/')) return { kind: 'unix', socketPath: trimmed, source };
  if (trimmed.startsWith('ssh://')) return parseSshHost(trimmed, value, source);
  if (trimmed.startsWith('npipe://')) {
    throw new UsageError(`${source}: npipe:// is Windows-only; use a unix:// or tcp:// address`);
  }
  const match = /^(tcp|http|https):\/\/\[?([^\]/]*?)\]?(?::(\d+))?\/?$/.exec(trimmed);
  if (!match || !match[2]) {
    throw new UsageError(
      `${source}: "${value}" is not a Docker host; use unix:///path/to/docker.sock or tcp://HOST:PORT`,
    );
  }
  const scheme = match[1];
  const port = match[3] ? Number(match[3]) : scheme === 'http' ? 2375 : tls || scheme === 'https' ? 2376 : 2375;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`${source}: "${value}" has an invalid port; use tcp://HOST:PORT with PORT from 1 to 65535`);
  }
  const useTls = tls ?? (scheme === 'https' ? { ca: null, cert: null, key: null, verify: true } : null);
  return { kind: 'tcp', hostname: match[2], port, tls: useTls, source };
}

/**
 * ssh://[user@]host[:port][/socket], as the docker CLI's connection helper reads it: no password,
 * no query; the path, if any, is the server's socket.
 */
function parseSshHost(trimmed: string, value: string, source: string): SshAddress {
  const usage = 'use ssh://[USER@]HOST[:PORT][/path/to/docker.sock]';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new UsageError(`${source}: "${value}" is not an ssh address; ${usage}`);
  }
  if (url.password) {
    throw new UsageError(`${source}: "${value}" holds a password; ssh:// takes none: use a key or an agent (see \`ssh-add\`)`);
  }
  if (url.search || url.hash) throw new UsageError(`${source}: "${value}" has a query or fragment; ${usage}`);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // A host name beginning with "-" would be read by ssh as an option.
  if (!hostname || hostname.startsWith('-')) throw new UsageError(`${source}: "${value}" names no host; ${usage}`);
  const port = url.port ? Number(url.port) : null;
  const path = decodeURIComponent(url.pathname);
  // ssh hands the server's command to its login shell as one line: a path is passed only when no
  // shell could read anything but the path in it.
  if (path && !/^[A-Za-z0-9_@%+=:,./-]+$/.test(path)) {
    throw new UsageError(`${source}: the socket path in "${value}" holds characters the server's shell would act on; use a plain path, like ssh://HOST/run/docker.sock`);
  }
  const user = url.username ? decodeURIComponent(url.username) : null;
  if (user !== null && user.startsWith('-')) throw new UsageError(`${source}: "${value}" has a user beginning with "-"; ${usage}`);
  return { kind: 'ssh', user, hostname, port, socketPath: path && path !== '/' ? path : null, source };
}

/** TLS settings as the docker CLI reads them: DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH. */
export function tlsFromEnv(env: NodeJS.ProcessEnv, dockerConfigDir: string): TlsFiles | null {
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return null;
  const certDir = env.DOCKER_CERT_PATH || dockerConfigDir;
  return { ca: join(certDir, 'ca.pem'), cert: join(certDir, 'cert.pem'), key: join(certDir, 'key.pem'), verify };
}

/** Reads the PEM files a TLS address names; a missing file is a one-line error with the path. */
export function readTlsFiles(tls: TlsFiles, source: string): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const read = (path: string | null, optional: boolean): Buffer | undefined => {
    if (!path) return undefined;
    try {
      return readOutsideFile(path, FILE_KINDS.tls);
    } catch (error) {
      // Only a file that is not there may be left out; one that is there and wrong is refused.
      const missing = error instanceof OutsideFileError && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
      if (optional && missing) return undefined;
      const why = error instanceof OutsideFileError ? error.reason : 'cannot be read';
      throw new UsageError(`${source}: ${path} ${why}; set DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem`);
    }
  };
  return { ca: read(tls.ca, !tls.verify), cert: read(tls.cert, true), key: read(tls.key, true) };
}
