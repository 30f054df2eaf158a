import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawHost } from '../../src/engine/raw.js';
import { PROJECT_ROOT } from './engines.js';

export type FixtureName = 'engine-20.10' | 'engine-26.1' | 'engine-26.1-containerd' | 'engine-podman-4.3' | 'docker-29.api-reference';

/** Engine answers stored under test/fixtures: captured from real engines, or (Docker 29) written from the API reference. */
export function loadFixture(name: FixtureName): RawHost {
  const stored = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', `${name}.json`), 'utf8')) as Partial<RawHost>;
  return { collectedAt: '2026-01-01T00:00:00.000Z', logSizes: {}, ...stored } as RawHost;
}

/** Docker engines holding the seed situations (Podman's fixture holds situations of its own). */
export const CAPTURED: FixtureName[] = ['engine-20.10', 'engine-26.1', 'engine-26.1-containerd'];
