/** The newest Engine API stowage understands (Docker 29). Newer engines are spoken to at this version. */
export const NEWEST_API = '1.52';
/** The oldest Engine API stowage accepts (Docker 1.12 era shapes are not handled). */
export const OLDEST_API = '1.24';

export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

export function isApiVersion(value: unknown): value is string {
  return typeof value === 'string' && /^\d+\.\d+$/.test(value);
}

/** The version every request is pinned to: the engine's own, capped at the newest stowage knows. */
export function negotiateApiVersion(engineApi: string): string {
  return compareApiVersions(engineApi, NEWEST_API) > 0 ? NEWEST_API : engineApi;
}
