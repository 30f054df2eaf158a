import type { EngineProduct } from '../engine/product.js';
import type { RawVolume } from '../engine/raw.js';

export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
const HEX_NAME = /^[0-9a-f]{64}$/;

/** The engine's major version: 20 for "20.10.24+dfsg1", 29 for "29.0.1". */
export function engineMajor(serverVersion: string): number {
  return Number.parseInt(serverVersion, 10) || 0;
}

export type Anonymity = 'labelled' | 'inferred' | null;

/**
 * Whether a volume is anonymous, and how that is known: `labelled` by the engine, or `inferred` from
 * a 64-hex name alone, which a named volume may also have (someone may have chosen it). Docker 23 added the label, but volumes made before it, and from an
 * image's VOLUME on some 23–25 releases, lack it; there a 64-hex name is the sign. Docker 26 and
 * later label every anonymous volume, so the label alone decides. Podman marks every anonymous
 * volume `Anonymous` in its own volume list (its version numbers are not Docker's), so there that
 * mark alone decides.
 */
export function volumeAnonymity(name: string, volume: RawVolume | undefined, serverVersion: string, product: EngineProduct = 'docker'): Anonymity {
  if (volume?.Labels && ANONYMOUS_LABEL in volume.Labels) return 'labelled';
  if (volume?.Anonymous) return 'labelled';
  if (product === 'podman') return null;
  return engineMajor(serverVersion) < 26 && HEX_NAME.test(name) ? 'inferred' : null;
}

export function isAnonymousVolume(name: string, volume: RawVolume | undefined, serverVersion: string, product: EngineProduct = 'docker'): boolean {
  return volumeAnonymity(name, volume, serverVersion, product) !== null;
}
