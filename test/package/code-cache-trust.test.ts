// The npm command's code cache is code V8 runs unchecked: run as root here, stowage runs none that
// another local user (uid 4242, no passwd entry) could have written or swapped in, opens nothing
// that would hang or flood it, writes through no link, and a cache that crashes V8 costs one start.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheFiles, exploreDemo, intactCache } from '../support/code-cache.js';
import { CLI } from '../support/run-cli.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

const OTHER_USER = 4242;
const VERSION = `${JSON.parse(readFileSync(join(dirname(CLI), '../../package.json'), 'utf8')).version}\n`;
/** Far above a start's own peak (about 60 MB), far below a read of /dev/zero. */
const MEMORY_BOUND_MB = 300;

interface Start {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  report: string;
  peakMb: number;
}

/** `stowage --version` with STOWAGE_CODE_CACHE_REPORT=1, killed if it takes 15 s or grows past the memory bound. */
function version(cacheHome: string): Promise<Start> {
  const child = spawn(process.execPath, [CLI, '--version'], { env: { PATH: process.env.PATH, HOME: cacheHome, XDG_CACHE_HOME: cacheHome, STOWAGE_CODE_CACHE_REPORT: '1' } });
  let stdout = '';
  let report = '';
  let peakMb = 0;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
  const watch = setInterval(() => {
    try {
      const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      peakMb = Math.max(peakMb, Number(peak?.[1] ?? 0) / 1024);
    } catch {
      return; // exited
    }
    if (peakMb > MEMORY_BOUND_MB) child.kill('SIGKILL');
  }, 10);
  const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearInterval(watch);
      clearTimeout(deadline);
      resolve({ code, signal, stdout, report, peakMb });
    }),
  );
}

const withDigest = (data: Buffer) => Buffer.concat([createHash('sha256').update(data).digest(), data]);

/**
 * What another user can make with V8 alone: a cache for a script as long as the loader's (V8
 * checks only the length), whose function writes `marker` instead of starting stowage.
 */
function craftedCache(marker: string): Buffer {
  const craft = `
    const [bundle, marker] = process.argv.slice(1);
    const length = ('(function (exports, require, module, __filename, __dirname) {' + require('fs').readFileSync(bundle, 'latin1') + '\\n})').length;
    const head = '(function (exports, require) { require("fs").writeFileSync(' + JSON.stringify(marker) + ', "ran"); })';
    const data = new (require('vm').Script)(head + '//' + ' '.repeat(length - head.length - 2), { filename: bundle }).createCachedData();
    process.stdout.write(data);`;
  return withDigest(execFileSync(process.execPath, ['-e', craft, join(dirname(CLI), 'stowage.cjs'), marker]));
}

/** A real cache with bytes of its data flipped (at which V8 crashes) and its digest made to match. */
function garbled(cache: Buffer): Buffer {
  const data = Buffer.from(cache.subarray(32));
  for (const start of [100, 1000]) for (let at = start; at < start + 64; at++) data[at] = (data[at] ?? 0) ^ 0x5a;
  return withDigest(data);
}

describe("the npm command's code cache, against other users", () => {
  const base = scratchDir('stw-code-cache-trust-');
  const marker = join(base, 'payload-ran');
  after(() => rmSync(base, { recursive: true, force: true }));

  /** The cache's name (its build and flags) and a real cache, from the first test. */
  let name = '';
  let realCache: Buffer = Buffer.alloc(0);
  let crafted: Buffer = Buffer.alloc(0);
  before(() => {
    crafted = craftedCache(marker);
  });

  interface Layout {
    cache?: Buffer;
    homeUid?: number;
    homeMode?: number;
    folderUid?: number;
    folderMode?: number;
    fileUid?: number;
    fileMode?: number;
  }
  /** An XDG_CACHE_HOME whose stowage folder holds `cache` under the cache's name, with these owners and modes. */
  let homes = 0;
  function cacheHome({ cache, homeUid = 0, homeMode = 0o755, folderUid = 0, folderMode = 0o700, fileUid = 0, fileMode = 0o600 }: Layout): string {
    const home = join(base, `home-${++homes}`);
    mkdirSync(join(home, 'stowage'), { recursive: true });
    if (cache) {
      writeFileSync(join(home, 'stowage', name), cache);
      chownSync(join(home, 'stowage', name), fileUid, fileUid);
      chmodSync(join(home, 'stowage', name), fileMode);
    }
    chownSync(join(home, 'stowage'), folderUid, folderUid);
    chmodSync(join(home, 'stowage'), folderMode);
    chownSync(home, homeUid, homeUid);
    chmodSync(home, homeMode);
    return home;
  }
  const cacheIn = (home: string) => join(home, 'stowage', name);

  it('is written 0600 in folders it makes 0700, missing ones above too, and used at the next start', async () => {
    const home = join(base, 'made', 'cache');
    await exploreDemo({ XDG_CACHE_HOME: home }, () => cacheFiles(join(home, 'stowage')).length === 1);
    name = cacheFiles(join(home, 'stowage'))[0] ?? '';
    assert.ok(intactCache(cacheIn(home)));
    for (const folder of [join(base, 'made'), home, join(home, 'stowage')]) assert.equal(statSync(folder).mode & 0o7777, 0o700, folder);
    assert.equal(statSync(cacheIn(home)).mode & 0o7777, 0o600);
    realCache = readFileSync(cacheIn(home));
    const start = await version(home);
    assert.equal(start.stdout, VERSION);
    assert.match(start.report, /^code cache used$/m);
  });

  it("never runs a cache from another user's folder; the same cache in root's own folder runs, so the check is what stops it", async () => {
    const theirs = cacheHome({ cache: crafted, folderUid: OTHER_USER, fileUid: OTHER_USER });
    const start = await version(theirs);
    assert.equal(start.stdout, VERSION);
    assert.match(start.report, /stowage is owned by uid 4242, not 0; none is read or written there/);
    assert.ok(!existsSync(marker), 'the payload ran');

    const ours = cacheHome({ cache: crafted });
    assert.equal((await version(ours)).stdout, '', 'V8 ran the crafted cache instead of stowage');
    assert.ok(existsSync(marker));
    rmSync(marker);
  });

  it('never runs a cache whose folder, a folder above it, or the file itself another user can change', async () => {
    const layouts: [Layout, RegExp][] = [
      [{ folderMode: 0o770 }, /stowage is writable by others than its owner/],
      [{ folderMode: 0o707 }, /stowage is writable by others than its owner/],
      [{ homeUid: OTHER_USER }, /home-\d+ is owned by uid 4242, not 0/],
      [{ homeMode: 0o777 }, /home-\d+ is writable by others than its owner/],
      [{ fileUid: OTHER_USER }, /v8cache is owned by uid 4242, not 0; it will be written again/],
      [{ fileMode: 0o622 }, /v8cache is writable by others than its owner; it will be written again/],
    ];
    for (const [layout, reason] of layouts) {
      const start = await version(cacheHome({ cache: crafted, ...layout }));
      assert.equal(start.stdout, VERSION, JSON.stringify(layout));
      assert.match(start.report, reason);
      assert.ok(!existsSync(marker), `the payload ran with ${JSON.stringify(layout)}`);
    }
  });

  it('writes nothing into a folder it refuses, however long it runs', async () => {
    const theirs = cacheHome({ folderUid: OTHER_USER, fileUid: OTHER_USER });
    const started = Date.now();
    // The cache is written a second after a start that found none: past that, nothing came.
    await exploreDemo({ XDG_CACHE_HOME: theirs }, () => Date.now() - started > 2500);
    assert.deepEqual(readdirSync(join(theirs, 'stowage')), []);
  });

  it('starts without a cache that is a FIFO, without waiting for a writer, and removes it', async () => {
    const fifo = cacheHome({});
    execFileSync('mkfifo', ['-m', '600', cacheIn(fifo)]);
    const fromFifo = await version(fifo);
    assert.equal(fromFifo.stdout, VERSION, `no version in 15 s: ${fromFifo.signal}`);
    assert.match(fromFifo.report, /v8cache is not a regular file; it will be written again/);
    assert.ok(!existsSync(cacheIn(fifo)));
  });

  it('starts without a cache that is a link to /dev/zero, reading nothing through it, and removes the link', async () => {
    const zero = cacheHome({});
    symlinkSync('/dev/zero', cacheIn(zero));
    const fromZero = await version(zero);
    assert.ok(fromZero.peakMb < MEMORY_BOUND_MB, `grew to ${fromZero.peakMb} MB`);
    assert.equal(fromZero.stdout, VERSION);
    assert.match(fromZero.report, /v8cache is a link; it will be written again/);
    assert.throws(() => lstatSync(cacheIn(zero)));
    assert.ok(statSync('/dev/zero').isCharacterDevice());
  });

  it('writes through no link planted at the temporary name, the old predictable one or its random one', async () => {
    const precious = join(base, 'precious');
    writeFileSync(precious, 'precious');
    // The name the loader used to write to: `<cache>.<pid>.tmp`; exec keeps the shell's pid.
    const home = cacheHome({});
    const planted = `${cacheIn(home)}.$$.tmp`;
    await exploreDemo({ XDG_CACHE_HOME: home }, () => intactCache(cacheIn(home)), `sh -c 'ln -s ${precious} "${planted}" && exec node ${CLI} --demo'`);
    assert.equal(readFileSync(precious, 'utf8'), 'precious');
    assert.ok(lstatSync(cacheIn(home)).isFile());
    const [link = ''] = readdirSync(join(home, 'stowage')).filter((entry) => entry.endsWith('.tmp'));
    assert.equal(readlinkSync(join(home, 'stowage', link)), precious);

    // Random bytes made predictable, so a link can be planted at the random name: O_EXCL refuses it.
    const fixed = join(base, 'fixed-random.cjs');
    writeFileSync(fixed, "require('node:crypto').randomBytes = (size) => Buffer.alloc(size, 0xab);\n");
    const env = { XDG_CACHE_HOME: home, NODE_OPTIONS: `--require ${fixed}`, STOWAGE_CODE_CACHE_REPORT: '1' };
    const report = join(base, 'report');
    const command = `node ${CLI} --demo 2>>${report}`;
    const others = () => cacheFiles(join(home, 'stowage')).filter((file) => file !== name);
    await exploreDemo(env, () => others().length === 1, command); // its own flags: its own file
    const [own = ''] = others();
    rmSync(join(home, 'stowage', own));
    symlinkSync(precious, join(home, 'stowage', `${own}.${'ab'.repeat(8)}.tmp`));
    writeFileSync(report, '');
    await exploreDemo(env, () => /code cache (not )?written/.test(readFileSync(report, 'utf8')), command);
    assert.match(readFileSync(report, 'utf8'), /code cache not written: EEXIST/);
    assert.equal(readFileSync(precious, 'utf8'), 'precious');
    assert.ok(!existsSync(join(home, 'stowage', own)));
  });

  it('survives a cache that crashes V8: one start dies, the next start without it, and it is written again', async () => {
    const home = cacheHome({ cache: garbled(realCache) });
    const crash = await version(home);
    assert.ok(crash.signal !== null, `the garbled cache did not crash V8 (exit ${crash.code})`);
    for (let run = 0; run < 2; run++) {
      const start = await version(home);
      assert.equal(start.stdout, VERSION);
      assert.match(start.report, /code cache none: the last start that used .* did not finish; it will be written again/);
    }
    await exploreDemo({ XDG_CACHE_HOME: home }, () => intactCache(cacheIn(home)));
    assert.deepEqual(readdirSync(join(home, 'stowage')), [name], 'what the crash left is removed');
    const start = await version(home);
    assert.equal(start.stdout, VERSION);
    assert.match(start.report, /^code cache used$/m);
  });
});
