// Empties a container's json-file (Docker) or k8s-file (Podman) log in place. The engine writes its log with O_APPEND, so it
// goes on writing at the new end and the space is free at once, with the container running. Only
// on the engine's own host: the file is read and cut here, never through the engine.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isLocal } from '../engine/connection/address.js';
import type { EngineReads } from '../engine/engine.js';
import { StowageError } from '../errors.js';
import { logDriverRefusal } from '../model/log-drivers.js';

export interface TruncateResult {
  container: string;
  /** Its log driver, for the advice on capping it. */
  driver: string;
  path: string;
  freedBytes: number;
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
 * Truncates the log of `containerId` to zero bytes, after asking the engine again where it is (the
 * path shown may be from an older snapshot) and checking it is a regular file, not a link.
 */
export async function truncateLog(engine: EngineReads, containerId: string): Promise<TruncateResult> {
  const inspect = await engine.inspectContainer(containerId);
  if (!inspect) throw new StowageError('the container is gone: nothing was truncated');
  const name = (inspect.Name ?? containerId).replace(/^\//, '');
  const path = inspect.LogPath || null;
  const driver = inspect.HostConfig?.LogConfig?.Type ?? 'json-file';
  const refusal = truncateRefusal(isLocal(engine.address), driver, path);
  if (refusal || !path) throw new StowageError(`cannot truncate the log of ${name}: ${refusal}`);
  // O_NOFOLLOW: a link planted where the log was is refused, not followed.
  const handle = await open(path, constants.O_WRONLY | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'EACCES' || error.code === 'EPERM' ? 'permission denied: run stowage as root (sudo)' : error.code === 'ELOOP' ? 'it is a symbolic link' : error.code ?? error.message;
    throw new StowageError(`cannot truncate ${path}: ${why}; nothing was changed`);
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new StowageError(`${path} is not a regular file; nothing was changed`);
    await handle.truncate(0);
    return { container: name, driver, path, freedBytes: stats.size };
  } finally {
    await handle.close();
  }
}
