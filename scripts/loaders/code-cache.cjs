'use strict';
// The npm command: runs the bundle beside this file (stowage.cjs) through vm.Script with a V8
// code cache kept in $XDG_CACHE_HOME/stowage or ~/.cache/stowage, so the functions the first
// frame needs are not parsed and compiled again on every start. The cache is written once, a
// second after a start that found none (or a stale or damaged one), atomically; a missing,
// stale, damaged or unwritable cache only means compiling as without one.
// A code cache is code V8 runs unchecked: one is read and written only in a folder that nobody but
// the user (and root) can change, and a start that dies with one never uses it again.
// STOWAGE_CODE_CACHE=off: none at all. STOWAGE_CODE_CACHE_REPORT=1: what happened, on stderr.
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

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
// The cache written after the explorer's first second is 1.2 times the bundle's length (0.95 MB
// for 0.79 MB); with every function compiled (--no-lazy) it is 2.6 times. A larger file is not one.
const LARGEST_CACHE = 4 * source.length;

const report = process.env.STOWAGE_CODE_CACHE_REPORT
  ? (line) => process.stderr.write(`code cache ${line.replace(/[\0-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}\n`)
  : () => {};

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

class Unsafe extends Error {}
const uid = process.getuid?.(); // none on Windows: no cache there

/**
 * Refuses `real` (a folder's real path) unless only this user and root can change it and each
 * folder above it, as ssh's StrictModes does: else another user could swap in a folder of theirs.
 * `own`: the folder itself must be this user's. Above it, a sticky folder (/tmp) is fine: there
 * nobody else can rename what is not theirs.
 */
function refuseUnlessPrivate(real, own) {
  for (let at = real; ; own = false) {
    const stat = fs.lstatSync(at);
    if (!stat.isDirectory()) throw new Unsafe(`${at} is not a folder`);
    if (stat.uid !== uid && (own || stat.uid !== 0)) throw new Unsafe(`${at} is owned by uid ${stat.uid}, not ${uid}`);
    if (stat.mode & 0o022 && (own || !(stat.mode & 0o1000))) throw new Unsafe(`${at} is writable by others than its owner`);
    const parent = path.dirname(at);
    if (parent === at) return;
    at = parent;
  }
}

/** The real path of `folder` once checked private; with `make`, folders missing are made 0700. */
function privateFolder(folder, make, own = true) {
  let real;
  try {
    real = fs.realpathSync.native(folder);
  } catch (error) {
    const parent = path.dirname(folder);
    if (error.code !== 'ENOENT' || !make || parent === folder) throw error;
    real = path.join(privateFolder(parent, true, false), path.basename(folder));
    fs.mkdirSync(real, { mode: 0o700 });
  }
  refuseUnlessPrivate(real, own);
  return real;
}

/** The cache's data, read only from a regular file of this user's that only they can write. */
function readCache(file) {
  // Not blocking: a FIFO would otherwise hold the start until something writes to it.
  const fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Unsafe('is not a regular file');
    if (stat.uid !== uid) throw new Unsafe(`is owned by uid ${stat.uid}, not ${uid}`);
    if (stat.mode & 0o022) throw new Unsafe('is writable by others than its owner');
    if (stat.size > LARGEST_CACHE) throw new Unsafe(`is larger than ${LARGEST_CACHE} bytes`);
    const bytes = Buffer.allocUnsafe(stat.size);
    let length = 0;
    for (let read = 1; read > 0 && length < bytes.length; length += read) read = fs.readSync(fd, bytes, length, bytes.length - length, length);
    const data = verified(bytes.subarray(0, length));
    if (data === undefined) throw new Unsafe('does not match its digest');
    return data;
  } finally {
    fs.closeSync(fd);
  }
}

/** Unlinks a name in this user's private folder: a link there is removed, not followed. */
function unlink(file) {
  try {
    fs.unlinkSync(file);
  } catch {}
}

let folder = null; // where a cache may be read and written: null when none may
let name;
let cacheFile; // the cache read, in trial as `${cacheFile}.trying` while this start uses it
let cachedData;
let outcome = 'none';
if (process.env.STOWAGE_CODE_CACHE === 'off') outcome = 'off';
else if (uid !== undefined) {
  const home = process.env.XDG_CACHE_HOME;
  const base = home && path.isAbsolute(home) ? home : path.join(require('node:os').homedir(), '.cache');
  // V8 rejects a cache made under other flags (--max-semi-space-size among them): one file for
  // each set, so `stowage` (its #! line's flags) and `node stowage.js` do not undo each other's.
  const flags = digest(Buffer.from(`${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`)).toString('hex').slice(0, 8);
  name = `${BUILD}-${flags}.v8cache`;
  folder = path.join(base, 'stowage');
  try {
    cacheFile = path.join(privateFolder(folder, false), name);
  } catch (error) {
    // A folder not made yet is made when the cache is written; one that is not private never is.
    if (error.code === 'ENOENT') outcome = `none: no ${folder} yet`;
    else {
      const unsafe = error instanceof Unsafe;
      outcome = `none: ${error.message}${unsafe ? '; none is read or written there until it is yours alone, or set XDG_CACHE_HOME to a folder of yours' : ''}`;
      folder = null;
    }
  }
}
if (cacheFile !== undefined) {
  try {
    // In trial until this start has run a second or exited normally: a start that V8 kills
    // while using it leaves it under this name, never read again (and removed when next written).
    fs.renameSync(cacheFile, `${cacheFile}.trying`);
    try {
      cachedData = readCache(`${cacheFile}.trying`);
    } catch (error) {
      unlink(`${cacheFile}.trying`);
      throw error;
    }
  } catch (error) {
    if (error.syscall === 'rename' && error.code === 'ENOENT') {
      const died = process.env.STOWAGE_CODE_CACHE_REPORT && fs.existsSync(`${cacheFile}.trying`);
      outcome = died ? `none: the last start that used ${cacheFile} did not finish; it will be written again` : `none: no ${cacheFile} yet`;
    } else {
      const why = error instanceof Unsafe ? error.message : error.code === 'ELOOP' ? 'is a link' : `could not be used (${error.code})`;
      outcome = `none: ${cacheFile} ${why}; it will be written again`;
    }
    cacheFile = undefined;
  }
}

let script;
try {
  script = new vm.Script(wrapper, { filename: bundle, cachedData });
} catch (error) {
  if (cachedData === undefined) throw error;
  cachedData = undefined;
  outcome = 'rejected';
  script = new vm.Script(wrapper, { filename: bundle });
}
if (cachedData !== undefined) outcome = script.cachedDataRejected ? 'rejected' : 'used';
report(outcome);
if (cacheFile !== undefined && outcome === 'used') {
  let kept = false;
  const keep = () => {
    if (kept) return;
    kept = true;
    try {
      fs.renameSync(`${cacheFile}.trying`, cacheFile);
    } catch {}
  };
  setTimeout(keep, 1000).unref();
  // Exits stowage chooses (0 done, 1 failed, 2 bad input, 3 findings, 128+N a signal) ran the
  // cached code; a crash in V8 runs no handler, and an uncaught error exits 70: those keep nothing.
  process.on('exit', (code) => code !== 70 && keep());
} else if (cacheFile !== undefined) unlink(`${cacheFile}.trying`);
if (folder !== null && outcome !== 'used') setTimeout(writeCache, 1000).unref();

/** Writes the cache to a temporary file only this start can have made, then renames it into place. */
function writeCache() {
  let temporary;
  try {
    // Made under the flags a start has when it compiles the bundle (see src/engine/heap.ts).
    const atStartupFlags = globalThis[Symbol.for('stowage.atStartupFlags')] ?? ((task) => task());
    const data = atStartupFlags(() => script.createCachedData());
    const real = privateFolder(folder, true);
    const cacheFile = path.join(real, name);
    const random = `${cacheFile}.${require('node:crypto').randomBytes(8).toString('hex')}.tmp`;
    const fd = fs.openSync(random, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
    temporary = random;
    try {
      fs.writeFileSync(fd, Buffer.concat([digest(data), data]));
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, cacheFile);
    temporary = undefined;
    removeStale(real);
    report(`written: ${cacheFile}`);
  } catch (error) {
    report(`not written: ${error.message}`);
  } finally {
    if (temporary) unlink(temporary);
  }
}

/**
 * Removes what is never read again: other builds' (or Node versions') caches, this cache's trial
 * left by a start that died, and temporaries a minute old (left by a start killed while writing).
 * Names in a private folder are unlinked, never followed.
 */
function removeStale(real) {
  for (const entry of fs.readdirSync(real)) {
    if (!entry.startsWith('stowage-')) continue;
    const at = path.join(real, entry);
    try {
      const stale = !entry.startsWith(`${BUILD}-`) || entry === `${name}.trying` || (entry.endsWith('.tmp') && Date.now() - fs.lstatSync(at).ctimeMs > 60_000);
      if (stale) fs.unlinkSync(at);
    } catch {}
  }
}

// The bundle requires Node's built-in modules only: this file's require serves (node:module,
// for a require of its own, would load Node's source-map support first: 5-10 ms).
script.runInThisContext()(module.exports, require, module, bundle, __dirname);
