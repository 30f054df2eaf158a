// Bundles the CLI into dist/bundle/ for the npm package: one CommonJS file holding everything
// (stowage.cjs), and the command itself (stowage.js), a loader that runs it with a V8 code cache.
// One file to load instead of hundreds of modules is most of the start-up time; the code cache
// is most of the rest. The explorer (React, Ink) is still set up only when it is first imported.
// `--without a,b`: without those patches (scripts/build-options.mjs), to measure what each gains.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { buildFailed, bundleText, root } from './build-options.mjs';

const out = root + 'dist/bundle/';
const { values } = parseArgs({ options: { without: { type: 'string', default: '' } } });
const text = await bundleText(build, { without: values.without.split(',').filter(Boolean) }).catch(buildFailed);
mkdirSync(out, { recursive: true });
writeFileSync(out + 'stowage.cjs', text);

const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
await build({
  entryPoints: [root + 'scripts/loaders/code-cache.cjs'],
  outfile: out + 'stowage.js',
  bundle: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  define: { STOWAGE_BUNDLE_HASH: JSON.stringify(hash) },
  // (A young generation of 3 × 4 MB instead of 3 × 16: on a host with thousands of containers
  // most of what is allocated is short-lived answers, and the peak memory is a fifth lower.)
  banner: { js: '#!/usr/bin/env -S node --max-semi-space-size=4' },
  logLevel: 'warning',
});
// The package is "type": "module"; these two files are CommonJS.
writeFileSync(out + 'package.json', '{ "type": "commonjs" }\n');
chmodSync(out + 'stowage.js', 0o755);
