// Bundles the CLI into dist/bundle/: one file to load instead of hundreds of modules, which is
// most of the start-up time. The explorer (React, Ink) is a chunk of its own, loaded only for it.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const empty = new URL('./empty-module.cjs', import.meta.url).pathname;

await build({
  entryPoints: { stowage: 'src/cli.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // CommonJS dependencies (dockerode) call require(); ESM output needs one.
  banner: { js: "import { createRequire as __stowageRequire } from 'node:module'; const require = __stowageRequire(import.meta.url);" },
  define: { STOWAGE_VERSION: JSON.stringify(version), 'process.env.DEV': '"false"' },
  // Never used by stowage: SSH transport, BuildKit sessions, React devtools. They also ship
  // native parts a bundle cannot hold.
  alias: {
    'react-devtools-core': empty,
    ssh2: empty,
    'cpu-features': empty,
    '@grpc/grpc-js': empty,
    '@grpc/proto-loader': empty,
  },
  logLevel: 'warning',
});
