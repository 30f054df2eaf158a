import type { RawVersion } from './raw.js';

/** Which engine answers: Docker, or Podman serving the Docker-compatible API. */
export type EngineProduct = 'docker' | 'podman';

/**
 * Podman names itself in `/version`: a component "Podman Engine" (Docker's is "Engine") and, on
 * some builds, the platform name. Both are checked; anything else is taken for Docker.
 */
export function engineProduct(version: RawVersion): EngineProduct {
  const names = [version.Platform?.Name ?? '', ...(version.Components ?? []).map((component) => component?.Name ?? '')];
  return names.some((name) => /\bpodman\b/i.test(name)) ? 'podman' : 'docker';
}
