// Bundles the CLI into dist/bundle/: one file to load instead of hundreds of modules, which is
// most of the start-up time. The explorer (React, Ink) is a chunk of its own, loaded only for it.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const empty = new URL('./empty-module.cjs', import.meta.url).pathname;
const inkOutput = new URL('../src/tui/ink-output.ts', import.meta.url).pathname;

/**
 * Ink's renderer gets src/tui/ink-output.ts for its Output: same frames, far less work per frame.
 * If Ink moves its files the filter matches nothing, so the build fails rather than quietly
 * shipping Ink's own Output.
 */
const fasterInkOutput = {
  name: 'faster-ink-output',
  setup(build) {
    let replaced = 0;
    build.onStart(() => void (replaced = 0));
    build.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
      if (!/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer)) return undefined;
      replaced++;
      return { path: inkOutput };
    });
    build.onEnd((result) => {
      if (replaced > 0 || result.errors.length) return;
      return {
        errors: [{
          text: "faster-ink-output replaced nothing: Ink's build/renderer.js no longer imports ./output.js. " +
            'Find where this Ink version imports its Output and update the filter in scripts/bundle.mjs.',
        }],
      };
    });
  },
};

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
  // React and Ink pick their production builds from NODE_ENV; on platform node esbuild sets nothing.
  define: { STOWAGE_VERSION: JSON.stringify(version), 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  // Never used by stowage: SSH transport, BuildKit sessions and builds, React devtools. Some ship
  // native parts a bundle cannot hold; protobufjs (BuildKit builds) is a third of the main file.
  alias: {
    'react-devtools-core': empty,
    ssh2: empty,
    'cpu-features': empty,
    '@grpc/grpc-js': empty,
    '@grpc/proto-loader': empty,
    protobufjs: empty,
  },
  plugins: [fasterInkOutput],
  logLevel: 'warning',
});
