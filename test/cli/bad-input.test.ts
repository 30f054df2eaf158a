// Bad input gets one line naming the cause and the next step, exit 2, and changes nothing: saved
// snapshots of every wrong kind, broken docker contexts, empty flags.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSnapshotFile } from '../../src/app/snapshot-file.js';
import { UsageError } from '../../src/errors.js';
import { checkReport } from '../../src/report/check-report.js';
import { textReport } from '../../src/report/text-report.js';
import { PROJECT_ROOT } from '../support/engines.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

const DEMO = join(PROJECT_ROOT, 'demo/snapshot.json');
const folder = scratchDir('stw-bad-');

function assertOneLineRefusal(result: CliResult, pattern: RegExp): void {
  assert.equal(result.code, 2, `exit 2, got ${result.code}: ${result.stderr}`);
  const lines = result.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one line: ${result.stderr}`);
  assert.match(lines[0] ?? '', /^stowage: /);
  assert.doesNotMatch(result.stderr, /unexpected error|\n\s+at /);
  assert.match(lines[0] ?? '', pattern);
  assert.equal(result.stdout, '');
}

function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

describe('a saved snapshot that is not one', () => {
  const demo = () => JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown> & { containers: Record<string, unknown>[] };

  it('refuses devices, FIFOs and folders at once instead of reading them', async () => {
    const fifo = join(folder, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const path of ['/dev/zero', fifo, folder]) {
      assertOneLineRefusal(await runCli(['--snapshot', path]), /is (a character device|a FIFO|a folder), not a regular file; save one with `stowage --json > FILE`/);
    }
  });

  it('refuses a file larger than any snapshot without reading it', async () => {
    const huge = join(folder, 'huge.json');
    execFileSync('truncate', ['-s', '600M', huge]);
    assertOneLineRefusal(await runCli(['--snapshot', huge]), /holds 629145600 bytes, more than any snapshot/);
  });

  it('names the first wrong field of a document with the right schemaVersion', async () => {
    const cases: [string, (snapshot: ReturnType<typeof demo>) => unknown, RegExp][] = [
      ['an empty container', (s) => ({ ...s, containers: [{}] }), /containers\[0\]\.id is missing/],
      ['containers not a list', (s) => ({ ...s, containers: { a: 1 } }), /containers should be a list/],
      ['a size as text', (s) => { (s.containers[1] as { writableLayer: { sizeBytes: unknown } }).writableLayer.sizeBytes = '12 MB'; return s; }, /containers\[1\]\.writableLayer\.sizeBytes should be a whole number from 0 to 2\^53 or null/],
      ['a name as a number', (s) => { s.containers[0]!.name = 42; return s; }, /containers\[0\]\.name should be text/],
      ['an unknown severity', (s) => { (s.findings as { severity: string }[])[0]!.severity = 'meh'; return s; }, /findings\[0\]\.severity should be one of danger, warning, info/],
      ['a label that is not text', (s) => { (s.volumes as { labels: unknown }[])[0]!.labels = { a: { b: 1 } }; return s; }, /volumes\[0\]\.labels\.a should be text/],
      ['no engine', (s) => ({ ...s, engine: null }), /engine should be an object/],
      ['a bare list', () => [1, 2], /is not a stowage snapshot of schema 1/],
      ['null', () => null, /is not a stowage snapshot of schema 1/],
    ];
    for (const [what, change, pattern] of cases) {
      const path = file(`${what.replaceAll(' ', '-')}.json`, JSON.stringify(change(demo())));
      for (const mode of [[], ['check']]) assertOneLineRefusal(await runCli([...mode, '--snapshot', path]), pattern);
    }
  });

  it('refuses a negative, fractional, inexact or infinite size, naming the field', async () => {
    // Written as text: JSON.stringify cannot write 1e400, which JSON.parse reads as Infinity.
    const where: [string, (snapshot: ReturnType<typeof demo>) => void, RegExp][] = [
      ['log', (s) => void ((s.containers[0] as { log: { sizeBytes: unknown } }).log.sizeBytes = 'SIZE'), /containers\[0\]\.log\.sizeBytes/],
      ['volume', (s) => void ((s.volumes as { sizeBytes: unknown }[])[0]!.sizeBytes = 'SIZE'), /volumes\[0\]\.sizeBytes/],
      ['totals', (s) => void ((s.diskUsage as { images: { reclaimableBytes: unknown } }).images.reclaimableBytes = 'SIZE'), /diskUsage\.images\.reclaimableBytes/],
    ];
    for (const literal of ['-1e308', '-1', '1e400', '9007199254740993', '1e300', '0.5']) {
      for (const [what, change, field] of where) {
        const document = demo();
        change(document);
        const path = file(`size-${what}.json`, JSON.stringify(document).replace('"SIZE"', literal));
        for (const mode of [[], ['check']]) {
          assertOneLineRefusal(await runCli([...mode, '--snapshot', path]), new RegExp(`${field.source} should be a whole number from 0 to 2\\^53 or null`));
        }
      }
    }
  });

  it('takes or refuses each randomly damaged document, and never breaks on one it took', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const wrongValues: unknown[] = [null, 42, -1, 'text', '', true, [], {}, [null], { x: 1 }, Number.MAX_SAFE_INTEGER, '\u001b[2J'];
    let refused = 0;
    for (let round = 0; round < 300; round++) {
      const document = demo();
      // Walk to a random field and replace it.
      let node: Record<string, unknown> = document;
      for (let depth = 0; depth < 6; depth++) {
        const keys = Object.keys(node);
        const key = keys[Math.floor(random() * keys.length)] as string;
        const child = node[key];
        if (child && typeof child === 'object' && random() < 0.7 && Object.keys(child).length) node = child as Record<string, unknown>;
        else {
          node[key] = wrongValues[Math.floor(random() * wrongValues.length)];
          break;
        }
      }
      const path = file('damaged.json', JSON.stringify(document));
      let snapshot;
      try {
        snapshot = readSnapshotFile(path);
      } catch (error) {
        assert.ok(error instanceof UsageError, `a UsageError, not ${(error as Error).stack}`);
        assert.doesNotMatch((error as Error).message, /\n/);
        refused++;
        continue;
      }
      textReport(snapshot);
      checkReport(snapshot, 'info');
    }
    assert.ok(refused > 50, `most damage is refused (${refused} of 300)`);
  });
});

describe('connection settings that cannot be used', () => {
  function contextConfig(name: string, meta: string): string {
    const dir = scratchDir('stw-ctx-');
    const metaDir = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(metaDir, { recursive: true });
    writeFileSync(join(metaDir, 'meta.json'), meta);
    return dir;
  }

  it('a context whose Host is not text, or whose meta.json is not an object', async () => {
    const cases: [string, RegExp][] = [
      [JSON.stringify({ Name: 'prod', Endpoints: { docker: { Host: 42 } } }), /context "prod" has a Host that is not text/],
      [JSON.stringify({ Name: 'prod', Endpoints: { docker: null } }), /context "prod" has no docker endpoint/],
      ['null', /context "prod" has no docker endpoint/],
      ['[1]', /context "prod" has no docker endpoint/],
      ['{"Endpoints":', /context "prod" has an unreadable .*meta\.json/],
    ];
    for (const [meta, pattern] of cases) {
      assertOneLineRefusal(await runCli(['--json', '--context', 'prod'], { DOCKER_CONFIG: contextConfig('prod', meta) }), pattern);
    }
  });

  it('an empty --host or --context is refused, not taken as "unset"', async () => {
    assertOneLineRefusal(await runCli(['--json', '--host', '']), /--host is empty: give unix:\/\/\/path\/to\/docker\.sock/);
    assertOneLineRefusal(await runCli(['--json', '--context', ' ']), /--context is empty/);
    assertOneLineRefusal(await runCli(['backup', '--volume', '', '--host', 'unix:///nowhere.sock']), /--volume is empty/);
  });

  it('several --host or --context where one engine is needed, or --all-contexts out of place, is refused', async () => {
    assertOneLineRefusal(await runCli(['prune', '-H', 'unix:///a.sock', '-H', 'unix:///b.sock']), /stowage prune acts on one engine; pass one --host or --context/);
    assertOneLineRefusal(await runCli(['backup', '--volume', 'v', '-c', 'a', '-c', 'b']), /stowage backup acts on one engine/);
    assertOneLineRefusal(await runCli(['watch', '-H', 'unix:///a.sock', '-c', 'b']), /--host and --context choose the engine in two ways; pass only one/);
    assertOneLineRefusal(await runCli(['--json', '-H', 'unix:///a.sock', '-H', 'unix:///b.sock']), /--json prints one host's snapshot; .* `stowage check --json` for several/);
    assertOneLineRefusal(await runCli(['--all-contexts']), /--all-contexts goes with `stowage check`/);
    assertOneLineRefusal(await runCli(['check', '--all-contexts', '-c', 'x']), /--all-contexts checks every context; it takes no --host or --context/);
    assertOneLineRefusal(await runCli(['--demo', '-c', 'a', '-c', 'b']), /--demo shows saved data; it takes no --host, --context or --all-contexts/);
    assertOneLineRefusal(await runCli(['check', '-H', 'unix:///a.sock', '-H', '']), /--host is empty/);
  });

  it('a fleet check with a context that cannot be read reports it and goes on: exit 1, not 2', async () => {
    const config = contextConfig('broken', '{"Endpoints":');
    const result = await runCli(['check', '-c', 'broken', '-H', 'unix:///nowhere/docker.sock', '--timeout', '1'], { DOCKER_CONFIG: config });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^== broken\nNOT CHECKED: --context: docker context "broken" has an unreadable meta\.json: it is not JSON; recreate it with `docker context create` \(\/.*\/meta\.json\)$/m);
    assert.match(result.stdout, /^== unix:\/\/\/nowhere\/docker\.sock\nUNREACHABLE: cannot reach the Docker engine at unix:\/\/\/nowhere\/docker\.sock \(from --host\): no socket at/m);
    assert.match(result.stdout, /2 hosts: 0 failed at danger or above, 2 could not be checked, 0 OK\n$/);
  });
});
