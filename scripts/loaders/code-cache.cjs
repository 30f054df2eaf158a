'use strict';
// The npm command: runs the bundle beside this file (stowage.cjs) through vm.Script with a V8
// code cache kept in $XDG_CACHE_HOME/stowage or ~/.cache/stowage, so the functions the first
// frame needs are not parsed and compiled again on every start. The cache is written once, a
// second after a start that found none (or a stale or damaged one), atomically; a missing,
// stale, damaged or unwritable cache only means compiling as without one.
// STOWAGE_CODE_CACHE=off: none at all.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

/** Set by scripts/bundle.mjs: the hash of stowage.cjs (V8 itself checks only its length). */
const BUNDLE_HASH = STOWAGE_BUNDLE_HASH;
const BUILD = `stowage-${BUNDLE_HASH}-${process.version}-${process.arch}`;
const bundle = path.join(__dirname, 'stowage.cjs');
// The bundle is ASCII (esbuild escapes the rest): read as latin1, it needs no UTF-8 decoding.
const source = fs.readFileSync(bundle, 'latin1');
const wrapper = '(function (exports, require, module, __filename, __dirname) {' + source + '\n})';

/**
 * A cache file is the SHA-256 of its data, then the data: V8 checks a cache's length and its
 * version but not its bytes, and a damaged one would crash it rather than be rejected.
 */
const digest = (data) => require('node:crypto').createHash('sha256').update(data).digest();
function verified(file) {
  if (file.length <= 32) return undefined;
  const data = file.subarray(32);
  return digest(data).equals(file.subarray(0, 32)) ? data : undefined;
}

let cacheFile = null;
let cachedData;
if (process.env.STOWAGE_CODE_CACHE !== 'off') {
  try {
    const home = process.env.XDG_CACHE_HOME;
    const base = home && path.isAbsolute(home) ? home : path.join(require('node:os').homedir(), '.cache');
    // V8 rejects a cache made under other flags (--max-semi-space-size among them): one file for
    // each set, so `stowage` (its #! line's flags) and `node stowage.js` do not undo each other's.
    const flags = digest(Buffer.from(`${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`)).toString('hex').slice(0, 8);
    cacheFile = path.join(base, 'stowage', `${BUILD}-${flags}.v8cache`);
    cachedData = verified(fs.readFileSync(cacheFile));
  } catch {
    cachedData = undefined;
  }
}

let script;
try {
  script = new vm.Script(wrapper, { filename: bundle, cachedData });
} catch (error) {
  if (cachedData === undefined) throw error;
  cachedData = undefined;
  script = new vm.Script(wrapper, { filename: bundle });
}
if (cacheFile !== null && (cachedData === undefined || script.cachedDataRejected)) {
  setTimeout(() => {
    try {
      // Made under the flags a start has when it compiles the bundle (see src/engine/heap.ts).
      const atStartupFlags = globalThis[Symbol.for('stowage.atStartupFlags')] ?? ((task) => task());
      const data = atStartupFlags(() => script.createCachedData());
      const folder = path.dirname(cacheFile);
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temporary, Buffer.concat([digest(data), data]), { mode: 0o600 });
        fs.renameSync(temporary, cacheFile);
      } finally {
        fs.rmSync(temporary, { force: true });
      }
      // Caches of other builds (or Node versions) are never read again.
      for (const name of fs.readdirSync(folder)) {
        if (/^stowage-.*\.v8cache$/.test(name) && !name.startsWith(`${BUILD}-`)) fs.rmSync(path.join(folder, name), { force: true });
      }
    } catch {}
  }, 1000).unref();
}

// The bundle requires Node's built-in modules only: this file's require serves (node:module,
// for a require of its own, would load Node's source-map support first: 5-10 ms).
script.runInThisContext()(module.exports, require, module, bundle, __dirname);
