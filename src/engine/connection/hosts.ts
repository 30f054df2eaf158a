// Every engine stowage knows of on this machine: the docker CLI's contexts (`default` first, then
// the rest by name, as `docker context ls` lists them) and the local sockets that are there
// (Docker's, rootless Docker's, CONTAINER_HOST, Podman's), each address once. A context that
// cannot be read is listed with its one-line error, so a fleet check reports it instead of failing.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StowageError } from '../../errors.js';
import { describeAddress, type EngineAddress } from './address.js';
import { contextAddress, contextAt, contextName } from './context.js';
import { isSocket, socketCandidates } from './default-socket.js';
import { hostFlag } from './docker-host.js';
import type { ConnectionSettings } from './strategy.js';

export interface HostEntry {
  /** Unique within a list: what the row and the JSON entry are keyed by. */
  key: string;
  /** The context's name, the socket's description, or the flag's value; from outside: shown through displayable. */
  name: string;
  kind: 'context' | 'socket' | 'host';
  /** null when it cannot be read (a malformed context, a bad --host). */
  address: EngineAddress | null;
  /** Why it cannot be used, in one line; null when `address` is there. */
  error: string | null;
}

/** The same engine however it was named: kind and place, not the setting that chose it. */
export function addressKey(address: EngineAddress): string {
  return describeAddress(address);
}

/** Why a host cannot be used, in one line. */
export const oneLine = (error: unknown) => (error instanceof StowageError ? error.message : String((error as Error)?.message ?? error)).split('\n')[0] ?? '';

export type HostSettings = Pick<ConnectionSettings, 'env' | 'dockerConfigDir' | 'machineRoot'>;

export function hostSettings(env: NodeJS.ProcessEnv = process.env): HostSettings {
  return { env, dockerConfigDir: env.DOCKER_CONFIG || join(homedir(), '.docker'), machineRoot: '/' };
}

/** Every stored context: its folder's digest, in the order `docker context ls` shows them (by name). */
function storedContexts(dockerConfigDir: string): { digest: string; name: string | null }[] {
  let digests: string[];
  try {
    digests = readdirSync(join(dockerConfigDir, 'contexts', 'meta'));
  } catch {
    return [];
  }
  return digests
    .map((digest) => ({ digest, name: contextName(digest, dockerConfigDir) }))
    .sort((a, b) => (a.name ?? `\uffff${a.digest}`).localeCompare(b.name ?? `\uffff${b.digest}`));
}

/** The `default` context and every stored one; each with its address or its error. */
export function listContexts(settings: HostSettings): HostEntry[] {
  const entries: HostEntry[] = [contextEntry('default', () => contextAddress('default', 'context "default"', settings))];
  for (const { digest, name } of storedContexts(settings.dockerConfigDir)) {
    // A stored context called "default" cannot be made with the docker CLI; the built-in one wins.
    if (name === 'default') continue;
    entries.push(contextEntry(name ?? `? (${digest.slice(0, 12)})`, () => contextAt(digest, name, 'docker context', settings.dockerConfigDir), `context:${digest}`));
  }
  return entries;
}

function contextEntry(name: string, read: () => EngineAddress, key = `context:${name}`): HostEntry {
  try {
    return { key, name, kind: 'context', address: read(), error: null };
  } catch (error) {
    return { key, name, kind: 'context', address: null, error: oneLine(error) };
  }
}

/** The local sockets of socketCandidates() that are there (CONTAINER_HOST is taken as given). */
export function presentSockets(settings: HostSettings): HostEntry[] {
  let candidates;
  try {
    candidates = socketCandidates(settings);
  } catch (error) {
    // A CONTAINER_HOST that is not an address.
    return [{ key: 'socket:CONTAINER_HOST', name: 'CONTAINER_HOST', kind: 'socket', address: null, error: oneLine(error) }];
  }
  return candidates
    .filter(({ address }) => address.kind !== 'unix' || isSocket(address.socketPath))
    .map(({ address }) => ({ key: `socket:${addressKey(address)}`, name: address.source, kind: 'socket', address, error: null }));
}

/** Contexts, then the sockets no context already names: each engine listed once by its address. */
export function listHosts(settings: HostSettings = hostSettings()): HostEntry[] {
  const contexts = listContexts(settings);
  const seen = new Set(contexts.flatMap((entry) => (entry.address ? [addressKey(entry.address)] : [])));
  const sockets = presentSockets(settings).filter((entry) => {
    if (!entry.address) return true;
    const key = addressKey(entry.address);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...contexts, ...sockets];
}

/**
 * The hosts named on the command line: each --host and each --context, in that order, the same
 * address once. A bad one is an entry with its error, so the others are still reached.
 */
export function namedHosts(hosts: string[], contexts: string[], settings: HostSettings = hostSettings()): HostEntry[] {
  const entries: HostEntry[] = [
    ...hosts.map((host, index): HostEntry => {
      const key = `host:${index}`;
      try {
        return { key, name: host, kind: 'host', address: hostFlag({ ...settings, hostFlag: host, contextFlag: '' }), error: null };
      } catch (error) {
        return { key, name: host, kind: 'host', address: null, error: oneLine(error) };
      }
    }),
    ...contexts.map((name) => contextEntry(name, () => contextAddress(name, '--context', settings))),
  ];
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = entry.address ? addressKey(entry.address) : entry.key;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The Hosts view's list when the explorer opens on one engine: that one first, keyed `current`,
 * then every other context and socket of listHosts(). `chosenBy` is the --host or --context it
 * was opened by: that context names it, not another context naming the same engine.
 */
export function listHostsFrom(address: EngineAddress, chosenBy: { host: string | undefined; context: string | undefined }, settings: HostSettings = hostSettings()): HostEntry[] {
  const listed = listHosts(settings);
  const isHere = (entry: HostEntry) => entry.address !== null && addressKey(entry.address) === addressKey(address);
  const known = listed.find((entry) => isHere(entry) && entry.name === chosenBy.context) ?? listed.find(isHere);
  const here: HostEntry = known
    ? { ...known, key: 'current' }
    : { key: 'current', name: chosenBy.context ?? chosenBy.host ?? address.source, kind: chosenBy.context ? 'context' : 'host', address, error: null };
  return [here, ...listed.filter((entry) => !isHere(entry))];
}
