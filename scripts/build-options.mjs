// What the npm bundle (scripts/bundle.mjs) and the single executable (scripts/build-exe.mjs) share:
// one CommonJS file holding the CLI, the explorer, Ink, React, dockerode and the demo host, and
// the register of every change it makes to a dependency and every reliance on one's internals.
import { readFileSync, realpathSync } from 'node:fs';
import { NARROW_SYMBOLS, PLAIN_SEGMENTER_SOURCE } from './plain-text.mjs';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(root + 'package.json', 'utf8'));
const empty = root + 'scripts/empty-module.cjs';
const YOGA_WASM = 'dist/binaries/yoga-wasm-base64-esm.js';

/**
 * The register. Each entry names the files it changes or relies on as dependency@version/file,
 * the version it was checked against (package.json pins it). The build fails naming the entry if
 * another version is installed, if a file is no longer in the bundle, or if a text it looks for is
 * gone. Gains are medians on the bench host (bench/run.mjs: 500 containers, 120x40), built with
 * and without the entry: `node scripts/bundle.mjs --without NAME`.
 */
export const PATCHES = [
  {
    name: 'ink-output',
    does: "Ink's renderer draws with src/tui/ink-output.ts instead of its private build/output.js: the same frames byte for byte (test/tui/ink-output.test.ts), without an object per character and a style comparison per neighbour on every frame.",
    gain: 'a frame at 120x40 in about a tenth of the time: Ink\'s own re-tokenizes every character of every line on every frame (about 100 ms at 120x40; docs/performance.md).',
    drop: 'delete this entry, src/tui/ink-output.ts and test/tui/ink-output.test.ts.',
    files: {
      'ink@6.8.0/build/renderer.js': (text) => replace(text, "import Output from './output.js';", `import Output from ${JSON.stringify(root + 'src/tui/ink-output.ts')};`),
    },
  },
  {
    name: 'yoga-sync',
    does: "Yoga's WebAssembly compiled and instantiated synchronously from bytes decoded with Buffer: its loader awaits at top level (CommonJS has none) and fetch()es its own data: URL, which loads undici.",
    gain: 'first frame −50 ms (350 → 300 ms, 11 interleaved rounds; docs/performance.md): no undici, no fetch() of a data: URL.',
    drop: 'only once yoga-layout loads without top-level await: the CommonJS bundle cannot be built without this.',
    files: {
      'yoga-layout@3.2.1/dist/src/index.js': (text, read) => replace(text, 'const Yoga = wrapAssembly(await loadYoga());', syncYoga(read(YOGA_WASM))),
      // The loader without its 96 kB data: URL (index.js holds the bytes) and import.meta.
      [`yoga-layout@3.2.1/${YOGA_WASM}`]: (text) => replace(text, WASM_DATA_URL, '""').replaceAll('import.meta.url', '""'),
    },
  },
  {
    name: 'ink-no-top-level-await',
    does: "Ink's reconciler without the top-level awaits of its devtools and its package.json, which it does only with DEV=true.",
    gain: 'none in time: the CommonJS bundle cannot be built without it.',
    drop: "once Ink's reconciler has no top-level await.",
    files: {
      'ink@6.8.0/build/reconciler.js': (text) => replace(replace(text, "await import('./devtools.js');", 'void 0;'), 'await loadPackageJson()', '{}'),
    },
  },
  {
    name: 'lazy-rgi-emoji',
    does: 'string-width builds /^\\p{RGI_Emoji}$/v (the class of every emoji string) when a grapheme could be one, not when it loads: every RGI emoji holds a non-ASCII Emoji code point or U+20E3 (keycaps), so every answer is unchanged.',
    gain: 'first frame −16 ms (300 → 284 ms, 11 interleaved rounds; docs/performance.md).',
    drop: 'delete this entry.',
    files: {
      'string-width@8.3.0/index.js': (text) =>
        replace(
          text,
          'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
          "const mayBeRgiEmoji = /(?=[^\\x00-\\x7F])\\p{Emoji}|\\u20E3/u; let rgiEmojiExact; const rgiEmojiRegex = { test: (s) => mayBeRgiEmoji.test(s) && (rgiEmojiExact ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s) };",
        ),
    },
  },
  {
    name: 'plain-text',
    does: "Intl.Segmenter made on first need, and not needed for plain text (scripts/plain-text.mjs): making the first loads ICU's break rules. string-width 8 also takes plain text, ASCII and the symbols stowage draws, as wide as it is long. test/tui/plain-text.test.ts holds both to ICU and string-width.",
    gain: 'first frame −26 ms for the npm command (254 → 228 ms, 11 interleaved rounds; docs/performance.md).',
    drop: 'delete this entry, scripts/plain-text.mjs and test/tui/plain-text.test.ts.',
    files: {
      'string-width@8.3.0/index.js': (text) =>
        withPlainSegmenter(
          replace(text, 'if (/^[\\u0020-\\u007E]*$/.test(string)) {', `if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\\u0020-\\u007E${NARROW_SYMBOLS}]*$/.test(string))) {`),
        ),
      // wrap-ansi's own.
      'string-width@7.2.0/index.js': withPlainSegmenter,
      'slice-ansi@8.0.0/tokenize-ansi.js': withPlainSegmenter,
      '@alcalzone/ansi-tokenize@0.2.5/build/tokenize.js': withPlainSegmenter,
    },
    // Any other file that makes one would load ICU's rules before the first frame again.
    unlisted: (text) => (text.includes('new Intl.Segmenter(') ? 'makes an Intl.Segmenter: add it to this entry' : undefined),
  },
  {
    name: 'paced-keys',
    does: "No change: components/input/use-paced-input.ts wraps emit() of the emitter Ink's useStdin() gives as internal_eventEmitter, on which Ink's App emits each read from stdin as 'input' and useInput listens, so that key presses go out one at a time.",
    gain: 'none in time: without it a text field loses characters typed faster than it is drawn.',
    drop: 'give Ink a stdin of our own that passes one press at a time, and delete this entry.',
    files: {
      'ink@6.8.0/build/components/App.js': (text) => holds(text, 'internal_eventEmitter: internal_eventEmitter.current', "internal_eventEmitter.current.emit('input', input)"),
      'ink@6.8.0/build/hooks/use-input.js': (text) => holds(text, "internal_eventEmitter?.on('input', handleData)"),
    },
  },
];

const WASM_DATA_URL = /"data:application\/octet-stream;base64,[A-Za-z0-9+/=]+"/;

/** yoga-layout's index.js without its top-level await: the loader is handed the instance at once. */
function syncYoga(loader) {
  const base64 = loader.match(WASM_DATA_URL)?.[0].slice('"data:application/octet-stream;base64,'.length, -1);
  if (!base64) throw new Missing(`${YOGA_WASM} no longer holds its WebAssembly as a data: URL`);
  return `const yoga = {
  instantiateWasm(imports, done) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(${JSON.stringify(base64)}, 'base64')), imports);
    done(instance);
    return instance.exports;
  },
};
loadYoga(yoga);
const Yoga = wrapAssembly(yoga);`;
}

function withPlainSegmenter(text) {
  return PLAIN_SEGMENTER_SOURCE + holds(text, 'new Intl.Segmenter(').replaceAll('new Intl.Segmenter(', '__stowageSegmenter(');
}

/** A text a patch looks for is not in the file: the dependency changed under it. */
class Missing extends Error {}

const quoted = (text) => JSON.stringify(String(text).slice(0, 60));

/** `text` with its one occurrence of `from` (a string or a pattern) replaced by `to`. */
function replace(text, from, to) {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, 'g')) ?? []).length;
  if (count !== 1) throw new Missing(count ? `holds ${quoted(from)} ${count} times` : `no longer holds ${quoted(from)}`);
  return text.replace(from, () => to);
}

function holds(text, ...needles) {
  for (const needle of needles) if (!text.includes(needle)) throw new Missing(`no longer holds ${quoted(needle)}`);
  return text;
}

/** Each file the patches name, by its real path (node_modules may be a link), once its version is checked. */
function patchedFiles(patches) {
  const installed = Object.keys(JSON.parse(readFileSync(root + 'package-lock.json', 'utf8')).packages);
  const versionAt = (folder) => {
    try {
      return JSON.parse(readFileSync(root + folder + '/package.json', 'utf8')).version;
    } catch {
      return undefined; // in the lock, not installed (another platform's optional part)
    }
  };
  const files = new Map();
  const errors = [];
  for (const patch of patches) {
    for (const [target, change] of Object.entries(patch.files)) {
      const [, name, wanted, file] = target.match(/^(@?[^@]+)@([^/]+)\/(.+)$/);
      const found = installed.filter((folder) => folder.endsWith(`node_modules/${name}`)).map((folder) => ({ folder, version: versionAt(folder) })).filter((candidate) => candidate.version);
      const folders = found.filter((candidate) => candidate.version === wanted).map((candidate) => candidate.folder);
      if (!folders.length) {
        errors.push(`patch ${patch.name}: ${name} is ${found.map((candidate) => candidate.version).join(', ') || 'not installed'} here, not ${wanted}: check the patch against that version and update its entry in scripts/build-options.mjs.`);
      }
      for (const folder of folders) {
        let path;
        try {
          path = realpathSync(`${root}${folder}/${file}`);
        } catch {
          errors.push(`patch ${patch.name}: ${target} is not installed: update its entry in scripts/build-options.mjs.`);
          continue;
        }
        const read = (other) => readFileSync(`${root}${folder}/${other}`, 'utf8');
        files.set(path, [...(files.get(path) ?? []), { patch, target, change, read }]);
      }
    }
  }
  return { files, errors };
}

/** The patches as one esbuild plugin: every change applied as its file loads, or the build fails. */
function dependencyPatches(patches) {
  return {
    name: 'dependency-patches',
    setup(build) {
      const { files, errors } = patchedFiles(patches);
      const loaded = new Set();
      const failed = (text) => ({ errors: [{ text }] });
      build.onStart(() => {
        loaded.clear();
        if (errors.length) return { errors: errors.map((text) => ({ text })) };
      });
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
        const original = readFileSync(args.path, 'utf8');
        const changes = files.get(args.path) ?? [];
        for (const patch of patches) {
          const reason = changes.some((change) => change.patch === patch) ? undefined : patch.unlisted?.(original);
          if (reason) return failed(`patch ${patch.name}: ${args.path.slice(args.path.lastIndexOf('node_modules/') + 13)} ${reason} in scripts/build-options.mjs.`);
        }
        let text = original;
        for (const { patch, target, change, read } of changes) {
          try {
            text = change(text, read);
          } catch (error) {
            if (!(error instanceof Missing)) throw error;
            return failed(`patch ${patch.name}: ${target} ${error.message}: check it against this file and update its entry in scripts/build-options.mjs.`);
          }
          loaded.add(target);
        }
        return text === original ? undefined : { loader: 'js', contents: text };
      });
      build.onEnd((result) => {
        if (result.errors.length) return;
        const missing = [...files.values()].flat().filter((change) => !loaded.has(change.target));
        if (missing.length) return { errors: missing.map(({ patch, target }) => ({ text: `patch ${patch.name}: ${target} is no longer in the bundle: update its entry in scripts/build-options.mjs.` })) };
      });
    },
  };
}

/**
 * Options for esbuild: one CommonJS file, no chunks (a single executable has no files beside it).
 * Dynamic imports stay lazy: esbuild runs an inlined module's top level on its first import().
 * `without`: names of patches left out, to measure what one gains.
 */
export function commonOptions({ without = [] } = {}) {
  for (const name of without) {
    if (!PATCHES.some((patch) => patch.name === name)) throw new Error(`no patch is named ${name}: the register in scripts/build-options.mjs has ${PATCHES.map((patch) => patch.name).join(', ')}.`);
  }
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
    plugins: [dependencyPatches(PATCHES.filter((patch) => !without.includes(patch.name)))],
    logLevel: 'warning',
  };
}

export { root, version };

/**
 * Builds the bundle (esbuild's options plus `extra`) and returns its text, without the `#!` line
 * src/cli.ts starts with: the bundle is run by a loader, never as a command of its own.
 */
export async function bundleText(build, { without = [], ...extra } = {}) {
  const result = await build({ ...commonOptions({ without }), ...extra, write: false, outfile: 'stowage.cjs' });
  const text = result.outputFiles[0].text.replace(/^#![^\n]*\n/, '');
  assertAscii(text);
  return text;
}

/** esbuild has said why the build failed, one line an error: the script ends there, without a stack. */
export function buildFailed(error) {
  if (!Array.isArray(error?.errors) || !error.errors.length) throw error;
  process.exit(1);
}

/** The loaders read the bundle as latin1: it must be ASCII (esbuild's default charset). */
export function assertAscii(text) {
  const at = text.search(/[^\x00-\x7F]/);
  if (at !== -1) throw new Error(`the bundle holds a non-ASCII character at ${at}: ${JSON.stringify(text.slice(at - 40, at + 40))}`);
}
