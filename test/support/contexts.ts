import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './scratch.js';

/**
 * A docker CLI config folder (for DOCKER_CONFIG) holding these contexts, stored as `docker
 * context create` stores them: contexts/meta/<sha256(name)>/meta.json.
 */
export function dockerConfigWith(contexts: Record<string, string>): string {
  const dir = scratchDir('stw-cfg-');
  for (const [name, host] of Object.entries(contexts)) {
    const metaDir = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(metaDir, { recursive: true });
    writeFileSync(join(metaDir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  }
  writeFileSync(join(dir, 'config.json'), '{}');
  return dir;
}
