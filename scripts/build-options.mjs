// What the npm bundle (scripts/bundle.mjs) and the single executable (scripts/build-exe.mjs) share:
// one CommonJS file holding the CLI, the explorer, Ink, React, dockerode and the demo host, with
// the changes to dependencies that make its first frame come sooner.
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(root + 'package.json', 'utf8'));
const empty = root + 'scripts/empty-module.cjs';
const inkOutput = root + 'src/tui/ink-output.ts';
const yogaDir = root + 'node_modules/yoga-layout/dist/';

/**
 * A plugin that must change something: if a dependency moves its files or rewrites the text the
 * plugin looks for, the build fails rather than quietly shipping the slower or broken original.
 */
function mustApply(name, describe, setup) {
  return {
    name,
    setup(build) {
      const state = { applied: 0 };
      build.onStart(() => void (state.applied = 0));
      setup(build, state);
      build.onEnd((result) => {
        if (state.applied > 0 || result.errors.length) return;
        return { errors: [{ text: `${name} changed nothing: ${describe} Update it in scripts/build-options.mjs.` }] };
      });
    },
  };
}

/** Replaces `from` by `to` in a file's text, or fails the build naming the file. */
function replaceOnce(text, from, to, path) {
  if (!text.includes(from)) throw new Error(`${path} no longer holds ${JSON.stringify(from.slice(0, 60))}`);
  return text.replace(from, () => to);
}

/** Ink's renderer gets src/tui/ink-output.ts for its Output: same frames, far less work per frame. */
const fasterInkOutput = mustApply('faster-ink-output', "Ink's build/renderer.js no longer imports ./output.js.", (build, state) => {
  build.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
    if (!/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer)) return undefined;
    state.applied++;
    return { path: inkOutput };
  });
});

/**
 * yoga-layout without its top-level await (CommonJS has none) and without fetch(): its Emscripten
 * loader fetches its own data: URL, which loads undici (70-100 ms before the first frame). Here
 * the WebAssembly is compiled and instantiated synchronously from bytes decoded with Buffer.
 */
const yogaSync = mustApply('yoga-sync', "yoga-layout's loader no longer holds its WebAssembly as a data: URL.", (build, state) => {
  const loaderFile = yogaDir + 'binaries/yoga-wasm-base64-esm.js';
  const dataUrl = /H="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
  build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: 'yoga-sync', namespace: 'yoga-sync' }));
  build.onLoad({ filter: /.*/, namespace: 'yoga-sync' }, () => {
    const base64 = readFileSync(loaderFile, 'utf8').match(dataUrl)?.[1];
    if (!base64) return undefined;
    state.applied++;
    return {
      resolveDir: root,
      loader: 'js',
      contents: `
import loadYoga from ${JSON.stringify(loaderFile)};
import wrapAssembly from ${JSON.stringify(yogaDir + 'src/wrapAssembly.js')};
export * from ${JSON.stringify(yogaDir + 'src/generated/YGEnums.js')};
const module = {
  instantiateWasm(imports, done) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(${JSON.stringify(base64)}, 'base64')), imports);
    done(instance);
    return instance.exports;
  },
};
loadYoga(module);
export default wrapAssembly(module);
`,
    };
  });
  // The loader without its 96 kB data: URL (the module above holds the bytes) and import.meta.
  build.onLoad({ filter: /[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => ({
    loader: 'js',
    contents: readFileSync(args.path, 'utf8').replace(dataUrl, 'H=""').replaceAll('import.meta.url', '""'),
  }));
});

/** Ink's reconciler awaits its devtools and package.json at top level, only with DEV=true. */
const inkNoTopLevelAwait = mustApply('ink-no-top-level-await', "Ink's reconciler.js no longer awaits its devtools.", (build, state) => {
  build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
    let text = readFileSync(args.path, 'utf8');
    text = replaceOnce(text, "await import('./devtools.js');", 'void 0;', args.path);
    text = replaceOnce(text, 'await loadPackageJson()', '{}', args.path);
    state.applied++;
    return { loader: 'js', contents: text };
  });
});

/**
 * string-width 8 builds /^\p{RGI_Emoji}$/v when loaded (~30 ms: the class of every emoji string).
 * Here it is built when a grapheme could be one: every RGI emoji holds a non-ASCII Emoji code
 * point or U+20E3 (keycaps), so every answer is unchanged.
 */
const lazyRgiEmoji = mustApply('lazy-rgi-emoji', 'string-width 8 no longer builds its RGI_Emoji regex when loaded.', (build, state) => {
  build.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (args) => {
    const text = readFileSync(args.path, 'utf8');
    const from = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
    if (!text.includes(from)) return undefined; // string-width 7 (inside wrap-ansi) has none
    state.applied++;
    return {
      loader: 'js',
      contents: text.replace(
        from,
        () => "const mayBeRgiEmoji = /(?=[^\\x00-\\x7F])\\p{Emoji}|\\u20E3/u; let rgiEmojiExact; const rgiEmojiRegex = { test: (s) => mayBeRgiEmoji.test(s) && (rgiEmojiExact ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s) };",
      ),
    };
  });
});

/**
 * Options for esbuild: one CommonJS file, no chunks (a single executable has no files beside it).
 * Dynamic imports stay lazy: esbuild runs an inlined module's top level on its first import().
 */
export function commonOptions() {
  return {
    entryPoints: ['src/cli.ts'],
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    // import.meta.url of the file that runs (the bundle, or the executable itself).
    banner: { js: "var __stowageUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: {
      STOWAGE_VERSION: JSON.stringify(version),
      // The demo host inside the bundle: a single executable has no file beside it.
      STOWAGE_DEMO_SNAPSHOT: JSON.stringify(readFileSync(root + 'demo/snapshot.json', 'utf8')),
      'import.meta.url': '__stowageUrl',
      // React and Ink pick their production builds from NODE_ENV; on platform node esbuild sets nothing.
      'process.env.DEV': '"false"',
      'process.env.NODE_ENV': '"production"',
    },
    // Never used by stowage: SSH transport, BuildKit sessions and builds, React devtools. Some ship
    // native parts a bundle cannot hold; protobufjs (BuildKit builds) is a third of the main file.
    // debug's optional supports-color: a single executable's require() would warn it is missing.
    alias: {
      'react-devtools-core': empty,
      ssh2: empty,
      'cpu-features': empty,
      '@grpc/grpc-js': empty,
      '@grpc/proto-loader': empty,
      protobufjs: empty,
      'supports-color': empty,
    },
    plugins: [fasterInkOutput, yogaSync, inkNoTopLevelAwait, lazyRgiEmoji],
    logLevel: 'warning',
  };
}

export { root, version };

/**
 * Builds the bundle (esbuild's options plus `extra`) and returns its text, without the `#!` line
 * src/cli.ts starts with: the bundle is run by a loader, never as a command of its own.
 */
export async function bundleText(build, extra = {}) {
  const result = await build({ ...commonOptions(), ...extra, write: false, outfile: 'stowage.cjs' });
  const text = result.outputFiles[0].text.replace(/^#![^\n]*\n/, '');
  assertAscii(text);
  return text;
}

/** The loaders read the bundle as latin1: it must be ASCII (esbuild's default charset). */
export function assertAscii(text) {
  const at = text.search(/[^\x00-\x7F]/);
  if (at !== -1) throw new Error(`the bundle holds a non-ASCII character at ${at}: ${JSON.stringify(text.slice(at - 40, at + 40))}`);
}
