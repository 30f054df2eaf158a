import type { RawVolume } from '../engine/raw.js';

export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
const HEX_NAME = /^[0-9a-f]{64}$/;

/** The engine's major version: 20 for "20.10.24+dfsg1", 29 for "29.0.1". */
export function engineMajor(serverVersion: string): number {
  return Number.parseInt(serverVersion, 10) || 0;
}

/**
 * Whether a volume is anonymous. Docker 23 added the label, but volumes made before it, and from an
 * image's VOLUME on some 23–25 releases, lack it; there a 64-hex name is the sign. Docker 26 and
 * later label every anonymous volume, so the label alone decides. Podman sets `Anonymous`.
 */
export function isAnonymousVolume(name: string, volume: RawVolume | undefined, serverVersion: string): boolean {
  if (volume?.Labels && ANONYMOUS_LABEL in volume.Labels) return true;
  if (volume?.Anonymous) return true;
  return engineMajor(serverVersion) < 26 && HEX_NAME.test(name);
}
