// Every file stowage reads that it did not write — a context's meta.json, the docker CLI's
// config.json, TLS files, a snapshot, a backup and its .sha256, a backup's manifest — tried as a
// FIFO, a link to /dev/zero, a sparse file far larger than its kind, damaged bytes and another
// user's file: each is one line naming the file and the reason, at once, and nothing hangs.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { backupsOfVolume } from '../../src/actions/backup-manifest.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI, type CliResult, runCli } from '../support/run-cli.js';
import { assertPlainText } from '../support/terminal-safety.js';
import { scratchDir } from '../support/scratch.js';

/** Far longer than reading any of these files takes; a read that never ends is stopped here. */
const LIMIT_MS = 15_000;
/** Another local user: the file's owner, and the user stowage runs as to meet it. */
const OWNER = 4343;
const READER = 4242;

const folder = scratchDir('stw-hostile-files-');
chmodSync(folder, 0o755);
after(() => rmSync(folder, { recursive: true, force: true }));

type Kind = 'fifo' | 'dev-zero' | 'huge' | 'damaged' | "another user's";
const KINDS: Kind[] = ['fifo', 'dev-zero', 'huge', 'damaged', "another user's"];

/** Control bytes, an escape sequence and bytes that are not UTF-8: none may reach stderr. */
const DAMAGED = Buffer.concat([Buffer.from('\u001b]0;owned\u0007\u001b[2J{"Name":'), Buffer.from([0xff, 0xfe, 0x9b, 0x00])]);

/** Makes `path` into a file of `kind`; `valid` is what a good one would hold. */
function plant(path: string, kind: Kind, valid: string): void {
  rmSync(path, { force: true });
  if (kind === 'fifo') execFileSync('mkfifo', [path]);
  else if (kind === 'dev-zero') symlinkSync('/dev/zero', path);
  else if (kind === 'huge') execFileSync('truncate', ['-s', '3G', path]);
  else if (kind === 'damaged') writeFileSync(path, DAMAGED);
  else {
    writeFileSync(path, valid, { mode: 0o600 });
    chownSync(path, OWNER, OWNER);
  }
}

/** What the one line says of each kind. */
const REASON: Record<Kind, RegExp> = {
  fifo: /is a FIFO, not a regular file/,
  'dev-zero': /is a character device, not a regular file/,
  huge: /holds 3221225472 bytes, more than any /,
  damaged: /is not (valid )?JSON|holds no SHA-256 digest|is not a complete|does not match its \.sha256/,
  "another user's": /cannot be read: permission denied/,
};

/** The CLI with only `env`, as `READER` when the file is another user's (root reads any file). */
function run(args: string[], env: NodeJS.ProcessEnv, kind: Kind): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  if (kind !== "another user's") return runCli(args, { STOWAGE_CODE_CACHE: 'off', ...env }).then((result) => ({ ...result, ms: Date.now() - started }));
  const home = mkdtempSync(join(folder, 'home-'));
  chownSync(home, READER, READER);
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { uid: READER, gid: READER, env: { PATH: process.env.PATH, HOME: home, STOWAGE_CODE_CACHE: 'off', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function assertRefused(result: CliResult & { ms: number }, kind: Kind, place: RegExp, code = 2): void {
  const context = `${kind}: exit ${result.code} in ${result.ms} ms\n${result.stderr}${result.stdout}`;
  assert.ok(result.ms < LIMIT_MS, `answered at once: ${context}`);
  assert.equal(result.code, code, context);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line: ${context}`);
  assert.match(lines[0] ?? '', /^stowage: /, context);
  assert.match(lines[0] ?? '', place, context);
  assert.match(lines[0] ?? '', REASON[kind], context);
  assertPlainText(result.stderr, context);
}

/** A docker config folder, readable by READER, with one context `ctx` whose meta.json is returned. */
function configWithContext(host: string): { dir: string; meta: string; tls: string; valid: string } {
  const dir = mkdtempSync(join(folder, 'cfg-'));
  const digest = createHash('sha256').update('ctx').digest('hex');
  const metaDir = join(dir, 'contexts', 'meta', digest);
  const tls = join(dir, 'contexts', 'tls', digest, 'docker');
  mkdirSync(metaDir, { recursive: true });
  mkdirSync(tls, { recursive: true });
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  const valid = JSON.stringify({ Name: 'ctx', Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } });
  const meta = join(metaDir, 'meta.json');
  writeFileSync(meta, valid);
  writeFileSync(join(dir, 'config.json'), '{}');
  return { dir, meta, tls, valid };
}

const NOWHERE = { DOCKER_HOST: 'unix:///nonexistent/stowage-test.sock' };

describe("a docker context's meta.json", () => {
  for (const kind of KINDS) {
    it(`as ${kind}: --context, check --all-contexts and the current context each say so in one line`, async () => {
      const { dir, meta, valid } = configWithContext('unix:///nonexistent/ctx.sock');
      plant(meta, kind, valid);
      const place = /docker context "ctx" has an unreadable .*meta\.json/;
      assertRefused(await run(['--json', '--context', 'ctx'], { DOCKER_CONFIG: dir }, kind), kind, place);
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'ctx' }));
      assertRefused(await run(['--json'], { DOCKER_CONFIG: dir }, kind), kind, place);

      // A fleet check goes on past it: the context's row says why, the run ends in bounded time.
      const started = Date.now();
      const fleet = await run(['check', '--all-contexts', '--timeout', '2'], { DOCKER_CONFIG: dir, ...NOWHERE }, kind);
      assert.ok(Date.now() - started < LIMIT_MS, `the fleet check ends: ${fleet.ms} ms`);
      assert.equal(fleet.code, 1, fleet.stderr);
      assert.match(fleet.stdout, /NOT CHECKED: docker context: docker context "(ctx|[0-9a-f]{12})" has an unreadable meta\.json/);
      assert.match(fleet.stdout, REASON[kind]);
      assertPlainText(fleet.stdout + fleet.stderr, 'fleet check');
    });
  }
});

describe("the docker CLI's config.json", () => {
  for (const kind of KINDS.filter((kind) => kind !== "another user's")) {
    it(`as ${kind} is refused in one line before any engine is tried`, async () => {
      const { dir } = configWithContext('unix:///nonexistent/ctx.sock');
      plant(join(dir, 'config.json'), kind, JSON.stringify({ currentContext: 'ctx' }));
      assertRefused(await run(['--json'], { DOCKER_CONFIG: dir }, kind), kind, /config\.json/);
    });
  }

  it("as another user's (root's after `sudo docker login`) is passed over, as the docker CLI does", async () => {
    const { dir } = configWithContext('unix:///nonexistent/ctx.sock');
    plant(join(dir, 'config.json'), "another user's", JSON.stringify({ currentContext: 'ctx' }));
    const result = await run(['--json'], { DOCKER_CONFIG: dir }, "another user's");
    assert.ok(result.ms < LIMIT_MS, `answered at once: ${result.ms} ms`);
    // On to the machine's default socket, which this user cannot reach or which is not there.
    assert.equal(result.code, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /config\.json|ctx\.sock/);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
  });
});

describe('TLS files', () => {
  for (const kind of KINDS) {
    it(`a ca.pem as ${kind}, in DOCKER_CERT_PATH or a context's TLS folder, is refused in one line`, async () => {
      const { dir, tls } = configWithContext('tcp://127.0.0.1:9');
      const certs = mkdtempSync(join(folder, 'certs-'));
      chmodSync(certs, 0o755);
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      plant(join(certs, 'ca.pem'), kind, pem);
      plant(join(tls, 'ca.pem'), kind, pem);
      // Damaged PEM bytes are read (the file is a small regular one) and left to TLS itself.
      const env = { DOCKER_HOST: 'tcp://127.0.0.1:9', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs, DOCKER_CONFIG: dir };
      for (const args of [['--json'], ['--json', '--context', 'ctx']]) {
        const result = await run(args, env, kind);
        if (kind === 'damaged') {
          assert.ok(result.ms < LIMIT_MS, `answered at once: ${result.ms} ms`);
          assert.notEqual(result.code, 0);
          assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
          assert.doesNotMatch(result.stderr, /unexpected error|\n\s+at /);
          assertPlainText(result.stderr, 'damaged PEM');
        } else {
          assertRefused(result, kind, /ca\.pem/);
        }
      }
    });
  }
});

describe('a saved snapshot', () => {
  for (const kind of KINDS) {
    it(`as ${kind} is refused in one line`, async () => {
      const path = join(folder, `snapshot-${kind.replace(/\W/g, '')}.json`);
      plant(path, kind, '{"schemaVersion":1}');
      assertRefused(await run(['--snapshot', path], {}, kind), kind, /snapshot/);
    });
  }
});

describe('a backup to restore, and its .sha256', () => {
  let engine: RunningEngine;
  before(async () => {
    engine = await startEngine('20.10');
  });
  after(async () => engine?.stop());

  for (const kind of KINDS) {
    it(`a backup as ${kind}, or a good one whose .sha256 is ${kind}, is refused in one line and makes no volume`, async () => {
      const dir = mkdtempSync(join(folder, 'backups-'));
      chmodSync(dir, 0o755);
      const backup = join(dir, 'data.tar');
      const tar = execFileSync('tar', ['-c', '-f', '-', '--owner=0', '--group=0', '-C', dir, '.']);
      plant(backup, kind, tar.toString('latin1'));
      const target = `restored-${kind.replace(/\W/g, '')}`;
      // Another user's backup is a permission error on the backup itself, whichever user runs.
      if (kind !== "another user's") {
        const result = await run(['restore', backup, '--volume', target, '--host', engine.host], {}, kind);
        // A backup may be of any size; damaged or huge, it is first a file whose digest is unknown.
        if (kind === 'damaged' || kind === 'huge') {
          assert.equal(result.code, 2, result.stderr);
          assert.match(result.stderr, /data\.tar\.sha256 is missing/);
        } else assertRefused(result, kind, /backup .*data\.tar/);
      }
      rmSync(backup);
      writeFileSync(backup, tar);
      const digest = createHash('sha256').update(tar).digest('hex');
      plant(`${backup}.sha256`, kind, `${digest}  data.tar\n`);
      if (kind !== "another user's") {
        assertRefused(await run(['restore', backup, '--volume', target, '--host', engine.host], {}, kind), kind, /data\.tar\.sha256/);
      }
      const volumes = execFileSync('docker', ['-H', engine.host, 'volume', 'ls', '-q'], { encoding: 'utf8' });
      assert.doesNotMatch(volumes, new RegExp(target));
    });
  }
});

describe("a backup's manifest", () => {
  it('as a FIFO, a link to /dev/zero, a huge or a damaged file is passed over at once, and the good one is found', async () => {
    const dir = mkdtempSync(join(folder, 'manifests-'));
    const manifest = (file: string) => JSON.stringify({ volume: 'data', file });
    for (const [index, kind] of (['fifo', 'dev-zero', 'huge', 'damaged'] as Kind[]).entries()) {
      writeFileSync(join(dir, `b${index}.tar`), '');
      plant(join(dir, `b${index}.tar.manifest.json`), kind, manifest(`b${index}.tar`));
    }
    writeFileSync(join(dir, 'good.tar'), '');
    writeFileSync(join(dir, 'good.tar.manifest.json'), manifest('good.tar'));
    const started = Date.now();
    assert.deepEqual(await backupsOfVolume(dir, 'data'), ['good.tar']);
    assert.ok(Date.now() - started < LIMIT_MS);
  });
});
