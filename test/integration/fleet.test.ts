// `stowage check` over a fleet, as cron runs it: docker contexts for a Docker 26.1 host with
// storage mistakes, a clean Docker 20.10 host, one whose socket nobody listens on, and one that
// accepts connections and never answers; every host reported, each exit status as documented.
import assert from 'node:assert/strict';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dockerConfigWith } from '../support/contexts.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { deadSocket, type Peer, rawPeer, relayPeer } from '../support/peers.js';
import { runCli, WITHOUT_MACHINE_SOCKETS } from '../support/run-cli.js';
import { createSituations } from '../support/situations.js';
import { scratchDir } from '../support/scratch.js';

interface FleetEntry {
  name: string;
  kind: string;
  address: string | null;
  engine: { name: string; serverVersion: string } | null;
  alsoAs: { name: string; kind: string; address: string | null }[];
  error: string | null;
  findings: { severity: string; id: string }[] | null;
}

describe('stowage check over several hosts', () => {
  let modern: RunningEngine;
  let old: RunningEngine;
  let hung: Peer;
  let scratch: string;
  let env: NodeJS.ProcessEnv;
  let deadPath: string;

  before(async () => {
    [modern, old] = await Promise.all([startEngine('26.1'), startEngine('20.10')]);
    await createSituations(modern);
    scratch = scratchDir('stw-fleet-');
    deadPath = join(scratch, 'dead.sock');
    deadSocket(deadPath);
    hung = await rawPeer(join(scratch, 'hung.sock'), null);
    // The default context is DOCKER_HOST, as in the docker CLI: here the 20.10 engine.
    env = {
      DOCKER_CONFIG: dockerConfigWith({ modern: modern.host, old: old.host, gone: `unix://${deadPath}`, hung: `unix://${hung.socketPath}` }),
      DOCKER_HOST: old.host,
    };
  });
  after(async () => {
    await hung?.close();
    await Promise.all([modern?.stop(), old?.stop()]);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('--all-contexts reports every context, the unreachable ones with their cause, without waiting on the hung one', async () => {
    const started = Date.now();
    const result = await runCli(['check', '--all-contexts', '--timeout', '2'], env, WITHOUT_MACHINE_SOCKETS);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(result.code, 3, `a danger on the 26.1 host wins over the unreachable ones; stderr: ${result.stderr}`);
    const { stdout } = result;
    for (const name of ['default', 'modern', 'gone', 'hung']) assert.match(stdout, new RegExp(`^== ${name} \\(unix://`, 'm'), name);
    // `default` is DOCKER_HOST, the same engine as `old`: one section names both.
    assert.match(stdout, new RegExp(`^== default \\(${old.host}\\), also as old \\(${old.host}\\)$`, 'm'));
    assert.doesNotMatch(stdout, /^== old /m);
    const section = (name: string) => stdout.slice(stdout.indexOf(`== ${name} `)).split('\n== ')[0] ?? '';
    assert.match(section('modern'), /2 danger, \d+ warning, \d+ info on .* \(Docker 26\.1/);
    assert.match(section('modern'), /FAIL: 2 findings at danger or above/);
    assert.match(section('default'), /no findings on .* \(Docker 20\.10/);
    assert.match(section('default'), /OK: nothing at danger or above/);
    assert.match(section('gone'), new RegExp(`^UNREACHABLE: cannot reach the Docker engine at unix://${deadPath} \\(from context "gone"\\): .+`, 'm'));
    assert.match(section('hung'), /^UNREACHABLE: .*no answer within 2 s/m);
    assert.match(stdout, /\d+ hosts: 1 failed at danger or above, 2 could not be checked, \d+ OK\n$/);
    // Parallel: the hung host's timeout is paid once, not on top of the others' collections.
    assert.ok(seconds < 15, `took ${seconds} s`);
  });

  it('--all-contexts --json gives one entry per host: findings, or the error', async () => {
    const result = await runCli(['check', '--all-contexts', '--json', '--timeout', '2'], env, WITHOUT_MACHINE_SOCKETS);
    assert.equal(result.code, 3, result.stderr);
    const entries = JSON.parse(result.stdout) as FleetEntry[];
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    for (const name of ['default', 'modern', 'gone', 'hung']) assert.ok(byName.has(name), `${name} in ${[...byName.keys()].join(', ')}`);
    assert.deepEqual(byName.get('default')?.alsoAs, [{ name: 'old', kind: 'context', address: old.host }], 'the same engine as default');
    assert.ok(!byName.has('old'));
    const modernEntry = byName.get('modern');
    assert.equal(modernEntry?.error, null);
    assert.match(modernEntry?.engine?.serverVersion ?? '', /^26\.1/);
    assert.equal(modernEntry?.engine?.name, 'Docker');
    assert.ok(modernEntry?.findings?.some((finding) => finding.id === 'data-in-writable-layer' && finding.severity === 'danger'));
    assert.deepEqual(byName.get('default')?.findings, []);
    for (const name of ['gone', 'hung']) {
      const entry = byName.get(name);
      assert.equal(entry?.findings, null, name);
      assert.equal(entry?.engine, null, name);
      assert.match(entry?.error ?? '', /cannot reach the Docker engine/, name);
      assert.match(entry?.address ?? '', /^unix:\/\//, name);
    }
  });

  it('exits 1 when a host could not be checked and none failed, 3 when one failed, 0 when all are clean', async () => {
    const unchecked = await runCli(['check', '-c', 'old', '-c', 'gone'], env);
    assert.equal(unchecked.code, 1, unchecked.stdout);
    assert.match(unchecked.stdout, /2 hosts: 0 failed at danger or above, 1 could not be checked, 1 OK\n$/);

    const both = await runCli(['check', '-c', 'modern', '-c', 'gone', '--json'], env);
    assert.equal(both.code, 3, 'a finding at --fail-on wins over a host not checked');
    assert.deepEqual((JSON.parse(both.stdout) as FleetEntry[]).map((entry) => [entry.name, entry.error === null]), [['modern', true], ['gone', false]]);

    const clean = await runCli(['check', '-c', 'old', '-H', modern.host, '--fail-on', 'danger'], env);
    assert.equal(clean.code, 3, 'the 26.1 host named by --host has dangers');
    const allClean = await runCli(['check', '-c', 'old', '-c', 'default'], env);
    assert.equal(allClean.code, 0, allClean.stdout);
    assert.match(allClean.stdout, /1 host: 0 failed at danger or above, 0 could not be checked, 1 OK\n$/, 'the same engine twice is checked once');
  });

  it('checks one engine reached through nine links to its socket once, naming every context on its one result', async () => {
    // The engine behind a relay that notes each request, and nine contexts on links to the relay.
    const seen: string[] = [];
    const relay = await relayPeer(join(scratch, 'relay.sock'), modern.socketPath, seen);
    const contexts: Record<string, string> = { relay: `unix://${relay.socketPath}` };
    for (let index = 1; index <= 9; index++) {
      symlinkSync(relay.socketPath, join(scratch, `link-${index}.sock`));
      contexts[`link-${index}`] = `unix://${join(scratch, `link-${index}.sock`)}`;
    }
    const linked = { DOCKER_CONFIG: dockerConfigWith(contexts), DOCKER_HOST: old.host };
    try {
      const result = await runCli(['check', '--all-contexts', '--json'], linked, WITHOUT_MACHINE_SOCKETS);
      assert.equal(result.code, 3, result.stderr);
      const entries = JSON.parse(result.stdout) as FleetEntry[];
      assert.deepEqual(entries.map((entry) => entry.name), ['default', 'link-1'], 'one entry per engine, under the first of its names');
      const [, linkedEntry] = entries;
      assert.deepEqual(linkedEntry?.alsoAs.map((entry) => [entry.name, entry.address]), [
        ...Array.from({ length: 8 }, (_, index) => [`link-${index + 2}`, contexts[`link-${index + 2}`]]),
        ['relay', contexts.relay],
      ]);
      assert.match(linkedEntry?.engine?.serverVersion ?? '', /^26\.1/);
      assert.equal(seen.filter((request) => request === 'GET /containers/json').length, 1, `collected once: ${seen.join(', ')}`);

      const text = await runCli(['check', '--all-contexts'], linked, WITHOUT_MACHINE_SOCKETS);
      assert.equal(text.code, 3, text.stderr);
      const headings = text.stdout.split('\n').filter((line) => line.startsWith('== '));
      assert.equal(headings.length, 2, headings.join('\n'));
      assert.equal(headings[1], `== link-1 (${contexts['link-1']}), also as ${[...Array.from({ length: 8 }, (_, index) => `link-${index + 2}`), 'relay'].map((name) => `${name} (${contexts[name]})`).join(', ')}`);
      assert.match(text.stdout, /\n2 hosts: 1 failed at danger or above, 0 could not be checked, 1 OK\n$/);
    } finally {
      await relay.close();
    }
  });

  it('refuses to act on several hosts, and --all-contexts outside check, in one line with exit 2', async () => {
    for (const args of [['prune', '-c', 'old', '-c', 'modern'], ['watch', '-H', old.host, '-H', modern.host], ['--all-contexts'], ['check', '--all-contexts', '-c', 'old']]) {
      const result = await runCli(args, env);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /^stowage: /);
    }
  });
});
