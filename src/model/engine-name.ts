import type { EngineSummary } from './types.js';

/**
 * The engine's product and version for a line of text: `Docker 26.1.5`, or `Podman 5.4.2` when
 * the snapshot says the engine is Podman (its `product`, where a snapshot carries one).
 */
export function engineName(engine: EngineSummary): string {
  const product = 'product' in engine && typeof engine.product === 'string' ? engine.product : '';
  const name = /podman/i.test(product) ? 'Podman' : 'Docker';
  return `${name} ${engine.serverVersion.replace(/\+.*$/, '')}`;
}
