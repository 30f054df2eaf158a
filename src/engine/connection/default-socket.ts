import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type EngineAddress, parseHost } from './address.js';
import type { ConnectionSettings, Strategy } from './strategy.js';

export const DEFAULT_SOCKET = '/var/run/docker.sock';
export const ROOTFUL_PODMAN_SOCKET = '/run/podman/podman.sock';

/** One place an engine may listen when nothing names it, and what that place is called in messages. */
export interface SocketCandidate {
  address: EngineAddress;
  /** Podman's own places; the header says Podman either way, from the engine's answer. */
  podman: boolean;
}

/**
 * Where an engine listens when no flag, variable or context names one, in the order they are
 * tried: Docker's socket, rootless Docker's, then Podman's (CONTAINER_HOST, rootless, rootful).
 */
export function socketCandidates(settings: Pick<ConnectionSettings, 'env' | 'machineRoot'>): SocketCandidate[] {
  const runtimeDir = settings.env.XDG_RUNTIME_DIR;
  const onMachine = (path: string) => join(settings.machineRoot, path);
  const unix = (socketPath: string, source: string, podman: boolean): SocketCandidate => ({
    address: { kind: 'unix', socketPath, source },
    podman,
  });
  const candidates = [unix(onMachine(DEFAULT_SOCKET), 'default socket', false)];
  if (runtimeDir) candidates.push(unix(join(runtimeDir, 'docker.sock'), 'rootless Docker socket', false));
  if (settings.env.CONTAINER_HOST) {
    candidates.push({ address: parseHost(settings.env.CONTAINER_HOST, 'CONTAINER_HOST'), podman: true });
  }
  if (runtimeDir) candidates.push(unix(join(runtimeDir, 'podman', 'podman.sock'), 'rootless Podman socket', true));
  candidates.push(unix(onMachine(ROOTFUL_PODMAN_SOCKET), 'Podman socket', true));
  return candidates;
}

export function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/**
 * The first candidate that is there (a socket, or CONTAINER_HOST, which is not checked); when none
 * is, Docker's default socket, so the message says where Docker was expected.
 */
export const defaultSocket: Strategy = (settings) => {
  const candidates = socketCandidates(settings);
  const present = candidates.find(({ address }) => address.kind !== 'unix' || isSocket(address.socketPath));
  return (present ?? candidates[0]!).address;
};
