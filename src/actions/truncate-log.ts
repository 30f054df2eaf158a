// Empties a container's json-file (Docker) or k8s-file (Podman) log in place. The engine writes its log with O_APPEND, so it
// goes on writing at the new end and the space is free at once, with the container running. Only
// on the engine's own host: the file is read and cut here, never through the engine.
import { isLocal } from '../engine/connection/address.js';
import type { EngineReads } from '../engine/engine.js';
import { engineProduct } from '../engine/product.js';
import type { RawContainerInspect } from '../engine/raw.js';
import { StowageError } from '../errors.js';
import { logDriverRefusal } from '../model/log-drivers.js';
import { emptyLogFile, LogFileRefusal, type LogFileIdentity, placeRefusal, readLogFile } from './log-file.js';

/** The log file as the confirmation shows it: which file it is, and its bytes then. */
export interface LogTarget extends LogFileIdentity {
  containerId: string;
  container: string;
  /** Its log driver, for the advice on capping it. */
  driver: string;
  path: string;
  sizeBytes: number;
  running: boolean;
}

export interface TruncateResult {
  container: string;
  driver: string;
  path: string;
  freedBytes: number;
  /** Whether the container runs, as the engine said just before: its engine then goes on writing. */
  running: boolean;
}

export const LOGS_NOT_REACHABLE = "the log is on the engine's host, and stowage truncates only files it reaches directly: run stowage there";

/** Why this log cannot be truncated from here (`onEngineHost`: stowage runs where the file is), or null when it can. */
export function truncateRefusal(onEngineHost: boolean, driver: string, path: string | null): string | null {
  if (!onEngineHost) return LOGS_NOT_REACHABLE;
  const byDriver = logDriverRefusal(driver);
  if (byDriver) return byDriver;
  if (!path) return 'the engine names no log file for it';
  return null;
}

/**
 * The folder the engine keeps its containers' own files in: `<root>/containers` for Docker,
 * `<graph root>/<driver>-containers` for Podman (containers/storage). Docker reports its root with
 * links resolved, so the path walked from / has none.
 */
async function containersFolder(engine: EngineReads): Promise<string | null> {
  const info = await engine.info();
  const root = (info.DockerRootDir ?? '').replace(/\/+$/, '');
  if (!root) return null;
  if (engineProduct(engine.version) === 'docker') return `${root}/containers`;
  return /^[\w.-]+$/.test(info.Driver ?? '') ? `${root}/${info.Driver}-containers` : `${root}/(unknown storage driver)`;
}

interface Located {
  inspect: RawContainerInspect;
  name: string;
  driver: string;
  path: string;
}

const refused = (name: string, reason: string) => new StowageError(`cannot truncate the log of ${name}: ${reason}; nothing was changed`);

/** Asks the engine again where the log is (the snapshot may be older) and checks it may be emptied. */
async function locate(engine: EngineReads, containerId: string): Promise<Located> {
  const inspect = await engine.inspectContainer(containerId);
  if (!inspect) throw new StowageError('the container is gone: nothing was truncated');
  const name = (inspect.Name ?? containerId).replace(/^\//, '');
  const path = inspect.LogPath || null;
  const driver = inspect.HostConfig?.LogConfig?.Type ?? 'json-file';
  const refusal = truncateRefusal(isLocal(engine.address), driver, path);
  if (refusal || !path) throw new StowageError(`cannot truncate the log of ${name}: ${refusal}`);
  const containers = await containersFolder(engine);
  const place = containers ? placeRefusal(path, containers, inspect.Id) : 'the engine reports no root dir (DockerRootDir) to find its containers folder in';
  if (place) throw refused(name, place);
  return { inspect, name, driver, path };
}

async function withRefusal<T>(name: string, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw error instanceof LogFileRefusal ? refused(name, error.message) : error;
  });
}

/** The log file of `containerId`, read for the confirmation: the file the truncation will take and no other. */
export async function checkLog(engine: EngineReads, containerId: string): Promise<LogTarget> {
  const { inspect, name, driver, path } = await locate(engine, containerId);
  const facts = await withRefusal(name, readLogFile(path));
  return { containerId: inspect.Id, container: name, driver, path, ...facts, running: inspect.State?.Running === true };
}

/** Empties the log that was confirmed, if the engine still names that path and it is still that file. */
export async function truncateLog(engine: EngineReads, target: LogTarget): Promise<TruncateResult> {
  const { inspect, name, driver, path } = await locate(engine, target.containerId);
  if (path !== target.path) throw refused(name, `the engine now names another log file (${path}) than the one shown (${target.path})`);
  const freedBytes = await withRefusal(name, emptyLogFile(path, target));
  return { container: name, driver, path, freedBytes, running: inspect.State?.Running === true };
}
