import type { EngineSummary } from './types.js';

/** The engine's name for messages: "Docker", or "Podman" when Podman serves the API. */
export function engineName(engine: Pick<EngineSummary, 'product'>): 'Docker' | 'Podman' {
  return engine.product === 'podman' ? 'Podman' : 'Docker';
}

/** The used bytes of a file system that are none of the engine's: "not Docker's", "not Podman's". */
export function notEngines(engine: Pick<EngineSummary, 'product'>): string {
  return `not ${engineName(engine)}'s`;
}

/** "Podman 4.3.1", "Docker 26.1.5+dfsg1". */
export function engineTitle(engine: Pick<EngineSummary, 'product' | 'serverVersion'>): string {
  return `${engineName(engine)} ${engine.serverVersion}`;
}
