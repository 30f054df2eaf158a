'use strict';
// The single executable's main: runs the bundle embedded as the asset stowage.cjs through
// vm.Script with the V8 code cache embedded as the asset stowage.v8cache, made by a training run
// of the executable when it was built (scripts/build-exe.mjs). Nothing is written at run time.
const vm = require('node:vm');
const sea = require('node:sea');

const source = Buffer.from(sea.getAsset('stowage.cjs')).toString('latin1'); // ASCII: no UTF-8 decoding
const wrapper = '(function (exports, require, module, __filename, __dirname) {' + source + '\n})';
let cachedData;
try {
  cachedData = Buffer.from(sea.getAsset('stowage.v8cache'));
} catch {
  cachedData = undefined;
}
const script = new vm.Script(wrapper, { filename: 'stowage.cjs', cachedData });
if (process.env.STOWAGE_CODE_CACHE_REPORT) process.stderr.write(`code cache ${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
if (STOWAGE_TRAINING) {
  // The build's training run: the cache holds what was compiled by the time it quits.
  const out = process.env.STOWAGE_TRAINING_CACHE;
  // Made under the flags a start has when it compiles the bundle (see src/engine/heap.ts).
  const atStartupFlags = (task) => (globalThis[Symbol.for('stowage.atStartupFlags')] ?? ((run) => run()))(task);
  if (out) process.on('exit', () => require('node:fs').writeFileSync(out, atStartupFlags(() => script.createCachedData())));
}
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, require, module_, process.execPath, require('node:path').dirname(process.execPath));
