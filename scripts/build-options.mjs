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
const lazyRgiEmoji = {
  name: 'lazy-rgi-emoji',
  describe: 'string-width 8 no longer builds its RGI_Emoji regex when loaded.',
  file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
  apply(text) {
    const from = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
    if (!text.includes(from)) return undefined; // string-width 7 (inside wrap-ansi) has none
    return text.replace(
      from,
      () => "const mayBeRgiEmoji = /(?=[^\\x00-\\x7F])\\p{Emoji}|\\u20E3/u; let rgiEmojiExact; const rgiEmojiRegex = { test: (s) => mayBeRgiEmoji.test(s) && (rgiEmojiExact ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s) };",
    );
  },
};

/**
 * The characters besides printable ASCII that stowage itself draws (separators, arrows, ellipsis,
 * spinner, box drawing): each is one column wide (East Asian Width narrow, neutral or ambiguous,
 * taken as narrow), and each is a grapheme of its own beside any other of them, ASCII or ESC.
 * A test holds each to that against string-width and Intl.Segmenter (test/tui/plain-text.test.ts).
 */
export const NARROW_SYMBOLS = '\\u00B5\\u00B7\\u00D7\\u2013\\u2014\\u2026\\u2190-\\u2193\\u2212\\u23CE\\u2500-\\u257F\\u25B8\\u2800-\\u28FF';

/**
 * Intl.Segmenter made on first need, and not needed for plain text: printable ASCII, ESC and the
 * symbols above, where every UTF-16 unit is a grapheme of its own (UAX #29: none of them extends,
 * joins or prepends; ESC is a control, a break on both sides; no CR, so no CR LF). Segments of
 * such text are given as Intl's would be (segment, index, input; iterable; containing()).
 * Making the first Intl.Segmenter loads ICU's break rules: most of 10 ms before the first frame.
 */
export const PLAIN_SEGMENTER_SOURCE = `
const __stowagePlain = /^[\\x1B\\x20-\\x7E${NARROW_SYMBOLS}]*$/;
function __stowagePlainSegments(input) {
  const at = (index) => ({ segment: input[index], index, input });
  return {
    containing(index = 0) { index = Math.floor(Number(index) || 0); return index >= 0 && index < input.length ? at(index) : undefined; },
    *[Symbol.iterator]() { for (let index = 0; index < input.length; index++) yield at(index); },
  };
}
function __stowageSegmenter(locales, options) {
  let real;
  const get = () => (real ??= new Intl.Segmenter(locales, options));
  const graphemes = (options?.granularity ?? 'grapheme') === 'grapheme';
  return {
    segment(input) { const text = String(input); return graphemes && __stowagePlain.test(text) ? __stowagePlainSegments(text) : get().segment(text); },
    resolvedOptions: () => get().resolvedOptions(),
  };
}
`;

const plainText = {
  name: 'plain-text',
  describe: 'no dependency makes an Intl.Segmenter.',
  file: /[\\/]node_modules[\\/].*\.js$/,
  apply(text, path) {
    if (!text.includes('new Intl.Segmenter(')) return undefined;
    text = text.replaceAll('new Intl.Segmenter(', '__stowageSegmenter(');
    // string-width 8 (Ink's; wrap-ansi keeps a 7 of its own): plain text is as wide as it is long, like the printable ASCII it already skips.
    const fast = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {';
    if (path === root + 'node_modules/string-width/index.js') {
      text = replaceOnce(text, fast, `if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\\u0020-\\u007E${NARROW_SYMBOLS}]*$/.test(string))) {`, path);
    }
    return PLAIN_SEGMENTER_SOURCE + text;
  },
};

/**
 * Changes to dependencies' text, each of which must apply somewhere: if a dependency moves its
 * files or rewrites what a change looks for, the build fails rather than ship the original.
 */
function dependencyChanges(changes) {
  return {
    name: 'dependency-changes',
    setup(build) {
      const applied = new Set();
      build.onStart(() => applied.clear());
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
        const original = readFileSync(args.path, 'utf8');
        let text = original;
        for (const change of changes) {
          if (!change.file.test(args.path)) continue;
          const changed = change.apply(text, args.path);
          if (changed === undefined) continue;
          applied.add(change.name);
          text = changed;
        }
        return text === original ? undefined : { loader: 'js', contents: text };
      });
      build.onEnd((result) => {
        if (result.errors.length) return;
        const missing = changes.filter((change) => !applied.has(change.name));
        if (missing.length) return { errors: missing.map((change) => ({ text: `${change.name} changed nothing: ${change.describe} Update it in scripts/build-options.mjs.` })) };
      });
    },
  };
}

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
    plugins: [fasterInkOutput, yogaSync, inkNoTopLevelAwait, dependencyChanges([lazyRgiEmoji, plainText])],
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
