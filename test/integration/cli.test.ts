// `stowage --json` as a user runs it: finding the engine from flags, environment and docker
// contexts, and one clear line, with nothing printed on stdout, whenever it cannot.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Snapshot } from '../../src/model/types.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { deadSocket, httpPeer, type Peer, rawPeer } from '../support/peers.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { importFixtureImages, BUSYBOX } from '../support/situations.js';
import { scratchDir } from '../support/scratch.js';

function assertOneLineError(result: CliResult, code: number, pattern: RegExp): void {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${result.stderr}`);
  assert.match(lines[0] ?? '', /^stowage: /);
  assert.match(lines[0] ?? '', pattern);
}

/** A docker CLI config folder with one context, stored as `docker context create` stores it. */
function dockerConfigWithContext(name: string, host: string, current: boolean): string {
  const dir = scratchDir('stw-cfg-');
  const metaDir = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  mkdirSync(metaDir, { recursive: true });
  writeFileSync(join(metaDir, 'meta.json'), JSON.stringify({
    Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
  }));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(current ? { currentContext: name } : {}));
  return dir;
}

describe('stowage --json against a real engine', () => {
  let engine: RunningEngine;
  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
    await docker(engine, 'create', '--name', 'only-one', '--network', 'none', '-v', 'keep:/data', BUSYBOX);
  });
  after(async () => engine?.stop());

  const snapshotFrom = (result: CliResult): Snapshot => {
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Snapshot;
  };

  it('prints the snapshot as JSON for --host', async () => {
    const snapshot = snapshotFrom(await runCli(['--json', '--host', engine.host]));
    assert.equal(snapshot.schemaVersion, 1);
    assert.deepEqual(snapshot.containers.map((c) => [c.name, c.volumes[0]?.name]), [['only-one', 'keep']]);
    assert.equal(snapshot.engine.host, engine.host);
  });

  it('finds the engine from DOCKER_HOST', async () => {
    const snapshot = snapshotFrom(await runCli(['--json'], { DOCKER_HOST: engine.host }));
    assert.equal(snapshot.engine.host, engine.host);
  });

  it("finds the engine from the docker CLI's current context", async () => {
    const config = dockerConfigWithContext('test-box', engine.host, true);
    const snapshot = snapshotFrom(await runCli(['--json'], { DOCKER_CONFIG: config }));
    assert.equal(snapshot.engine.host, engine.host);
  });

  it('lets --context and DOCKER_CONTEXT choose a context, --context over DOCKER_HOST', async () => {
    const config = dockerConfigWithContext('test-box', engine.host, false);
    const bogus = { DOCKER_CONFIG: config, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
    assert.equal(snapshotFrom(await runCli(['--json', '--context', 'test-box'], bogus)).engine.host, engine.host);
    const viaEnv = await runCli(['--json'], { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'test-box' });
    assert.equal(snapshotFrom(viaEnv).engine.host, engine.host);
  });

  it('prints a plain-text report without --json', async () => {
    const result = await runCli(['--host', engine.host]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Docker 20\.10/);
    assert.match(result.stdout, /only-one \[created\]/);
    assert.match(result.stdout, /volume keep -> \/data/);
  });

  it('checks: exit 0 when nothing reaches --fail-on, 3 when something does', async () => {
    const clean = await runCli(['check', '--host', engine.host]);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /^0 danger, 0 warning, 1 info on unix:/);
    assert.match(clean.stdout, /OK: nothing at danger or above\n$/);
    assert.equal((await runCli(['check', '--fail-on', 'info', '--host', engine.host])).code, 3);

    await docker(engine, 'create', '--name', 'sock', '--network', 'none', '-v', `${engine.socketPath}:/var/run/docker.sock`, BUSYBOX);
    try {
      const failing = await runCli(['check', '--host', engine.host]);
      assert.equal(failing.code, 3);
      assert.match(failing.stdout, /! danger  sock has the Docker engine socket/);
      assert.match(failing.stdout, /FAIL: 1 finding at danger or above\n$/);
      const json = await runCli(['check', '--json', '--host', engine.host]);
      assert.equal(json.code, 3);
      assert.deepEqual((JSON.parse(json.stdout) as { id: string }[]).map((f) => f.id), ['engine-socket-mounted', 'log-uncapped']);
    } finally {
      await docker(engine, 'rm', 'sock');
    }
  });

  it('says permission denied when the user may not open the socket', async () => {
    const result = await runCli(['--json', '--host', engine.host], {}, ['runuser', '-u', 'nobody', '--', process.execPath]);
    assertOneLineError(result, 1, /permission denied on .*docker\.sock.*docker group/);
  });
});

describe('bad input and broken engines get one line and a non-zero exit', () => {
  const dir = scratchDir('stw-peer-');
  const peers: Peer[] = [];
  after(async () => Promise.all(peers.map((peer) => peer.close())));

  it('rejects an unknown flag with the help hint', async () => {
    assertOneLineError(await runCli(['--jsn']), 2, /unknown option '--jsn'.*stowage --help/i);
  });

  it('rejects a --host that is not an address', async () => {
    assertOneLineError(await runCli(['--json', '--host', 'nonsense']), 2, /--host: "nonsense" is not a Docker host; use unix:\/\//);
    assertOneLineError(await runCli(['--json', '--host', 'tcp://box:99999']), 2, /invalid port/);
  });

  it('names a missing context and how to list them', async () => {
    const config = scratchDir('stw-cfg-');
    assertOneLineError(await runCli(['--json', '--context', 'prod'], { DOCKER_CONFIG: config }), 2,
      /docker context "prod" not found; list the contexts with `docker context ls`/);
    writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'gone' }));
    assertOneLineError(await runCli(['--json'], { DOCKER_CONFIG: config }), 2, /current context in .*"gone" not found/);
  });

  it('says there is no socket, and how to start Docker', async () => {
    assertOneLineError(await runCli(['--json'], { DOCKER_HOST: `unix://${dir}/absent.sock` }), 1,
      /cannot reach the Docker engine at unix:\/\/.*absent\.sock \(from DOCKER_HOST\): no socket at .*start Docker/);
  });

  it('says the connection was refused on a socket nothing listens on', async () => {
    deadSocket(join(dir, 'dead.sock'));
    assertOneLineError(await runCli(['--json', '--host', `unix://${dir}/dead.sock`]), 1, /connection refused on .*dead\.sock/);
  });

  it('times out on an engine that never answers', async () => {
    peers.push(await rawPeer(join(dir, 'silent.sock'), null));
    assertOneLineError(await runCli(['--json', '--timeout', '0.5', '--host', `unix://${dir}/silent.sock`]), 1,
      /no answer within 0\.5 s; check that the address is right/);
  });

  it('says a socket that speaks no HTTP is not a Docker engine', async () => {
    peers.push(await rawPeer(join(dir, 'garbage.sock'), 'SSH-2.0-OpenSSH_9.2\r\n'));
    assertOneLineError(await runCli(['--json', '--host', `unix://${dir}/garbage.sock`]), 1, /not a Docker engine/);
  });

  it('says an HTTP server that is not Docker is not a Docker engine', async () => {
    peers.push(await httpPeer(join(dir, 'web.sock'), (_req, res) => res.writeHead(404).end('<html>not found</html>')));
    assertOneLineError(await runCli(['--json', '--host', `unix://${dir}/web.sock`]), 1, /this is not a Docker engine/);
    peers.push(await httpPeer(join(dir, 'json.sock'), (_req, res) => res.end('{"hello":"world"}')));
    assertOneLineError(await runCli(['--json', '--host', `unix://${dir}/json.sock`]), 1, /not a Docker engine \(its \/version has no ApiVersion\)/);
  });

  it('reports an engine that fails a request, with what it was doing', async () => {
    peers.push(await httpPeer(join(dir, 'failing.sock'), (req, res) => {
      if (req.url === '/version') return void res.end(JSON.stringify({ Version: '26.1.5', ApiVersion: '1.45' }));
      res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"message":"layer store is corrupt"}');
    }));
    assertOneLineError(await runCli(['--json', '--host', `unix://${dir}/failing.sock`]), 1,
      /failed to (list containers|describe itself|list volumes): HTTP 500 layer store is corrupt; check the engine's logs/);
  });

  it('rejects an unknown command and a bad --fail-on', async () => {
    assertOneLineError(await runCli(['chek']), 2, /unknown command "chek"/);
    assertOneLineError(await runCli(['check', '--fail-on', 'critical']), 2, /--fail-on takes danger, warning or info/);
  });

  it('refuses --host and --context together where one engine is needed', async () => {
    assertOneLineError(await runCli(['--json', '--host', 'unix:///x.sock', '--context', 'a']), 2, /--json prints one host's snapshot; pass one --host or --context/);
    assertOneLineError(await runCli(['watch', '--host', 'unix:///x.sock', '--context', 'a']), 2, /pass only one/);
  });
});
