// Which engine stowage talks to, from flags, environment and docker contexts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeAddress, parseHost } from '../../src/engine/connection/address.js';
import { resolveAddress } from '../../src/engine/connection/resolve.js';
import { socketCandidates } from '../../src/engine/connection/default-socket.js';
import { UsageError } from '../../src/errors.js';
import { scratchDir } from '../support/scratch.js';

function configWith(contexts: Record<string, string>, current?: string): string {
  const dir = scratchDir('stw-cfg-');
  for (const [name, host] of Object.entries(contexts)) {
    const meta = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }));
  }
  writeFileSync(join(dir, 'config.json'), JSON.stringify(current ? { currentContext: current } : {}));
  return dir;
}

/** The machine these tests look at: a folder of their own, with no socket unless a test makes one. */
const machine = scratchDir('stw-machine-');

const resolved = (options: Parameters<typeof resolveAddress>[0]) => {
  const address = resolveAddress(options);
  return `${describeAddress(address)} from ${address.source}`;
};

describe('finding the engine', () => {
  const config = configWith({ remote: 'tcp://10.0.0.5:2375', 'ci-box': 'unix:///run/ci.sock' }, 'remote');

  it('takes --host first, then --context, DOCKER_HOST, DOCKER_CONTEXT, the current context, the default socket', () => {
    const env = { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'ci-box' };
    assert.equal(resolved({ host: 'unix:///flag.sock', env, dockerConfigDir: config, machineRoot: machine }), 'unix:///flag.sock from --host');
    assert.equal(resolved({ context: 'ci-box', env, dockerConfigDir: config, machineRoot: machine }), 'unix:///run/ci.sock from context "ci-box"');
    assert.equal(resolved({ env, dockerConfigDir: config, machineRoot: machine }), 'unix:///env.sock from DOCKER_HOST');
    assert.equal(resolved({ env: { DOCKER_CONTEXT: 'ci-box' }, dockerConfigDir: config, machineRoot: machine }), 'unix:///run/ci.sock from context "ci-box"');
    assert.equal(resolved({ env: {}, dockerConfigDir: config, machineRoot: machine }), 'tcp://10.0.0.5:2375 from context "remote"');
    assert.equal(resolved({ env: {}, dockerConfigDir: configWith({}), machineRoot: machine }), `unix://${machine}/var/run/docker.sock from default socket`);
  });

  it('reads DOCKER_CONFIG for the config folder', () => {
    assert.equal(resolved({ env: { DOCKER_CONFIG: config } }), 'tcp://10.0.0.5:2375 from context "remote"');
  });

  it('treats the context "default" as DOCKER_HOST or the default socket', () => {
    assert.equal(resolved({ context: 'default', env: {}, dockerConfigDir: config, machineRoot: machine }), `unix://${machine}/var/run/docker.sock from context "default"`);
  });

  it('uses TLS for tcp:// when DOCKER_TLS_VERIFY is set, with certificates from DOCKER_CERT_PATH', () => {
    const address = resolveAddress({ env: { DOCKER_HOST: 'tcp://box:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } });
    assert.deepEqual(address, {
      kind: 'tcp', hostname: 'box', port: 2376, source: 'DOCKER_HOST',
      tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true },
    });
  });

  it('reads ssh:// addresses as the docker CLI does: user, port and the server\'s socket', () => {
    assert.deepEqual(parseHost('ssh://me@box.example:2222/run/user/1000/docker.sock', 'DOCKER_HOST'), {
      kind: 'ssh', user: 'me', hostname: 'box.example', port: 2222, socketPath: '/run/user/1000/docker.sock', source: 'DOCKER_HOST',
    });
    assert.deepEqual(parseHost('ssh://box', '--host'), { kind: 'ssh', user: null, hostname: 'box', port: null, socketPath: null, source: '--host' });
    assert.equal(describeAddress(parseHost('ssh://me@[::1]:22/', 'x')), 'ssh://me@[::1]:22');
  });

  it('fills in the usual ports', () => {
    assert.equal(describeAddress(parseHost('tcp://box', 'x')), 'tcp://box:2375');
    assert.equal(describeAddress(parseHost('https://box', 'x')), 'https://box:2376');
  });

  it('says what to do about addresses it cannot use', () => {
    assert.throws(() => parseHost('ssh://me:secret@box', '--host'), (error: Error) =>
      error instanceof UsageError && /password/.test(error.message) && /ssh-add/.test(error.message));
    assert.throws(() => parseHost('ssh://-oProxyCommand=x', '--host'), /names no host/);
    assert.throws(() => parseHost('ssh://box?x=1', '--host'), /query/);
    // Decoded, the path would reach the server's shell: `;`, `$(…)`, spaces and quotes are refused.
    for (const path of ['/x%3Brm%20-rf%20~', '/$(id)', "/a'b", '/a%0Ab', '/a%00b']) {
      assert.throws(() => parseHost(`ssh://box${path}`, '--host'), /the socket path .* holds characters the server's shell would act on/);
    }
    assert.throws(() => parseHost('unix://relative.sock', '--host'), /absolute socket path/);
    assert.throws(() => resolveAddress({ env: { DOCKER_HOST: 'box:2375' } }), /DOCKER_HOST: "box:2375" is not a Docker host/);
  });
});

/** A listening unix socket at `path`, as an engine would leave it. */
function listenAt(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(path, () => resolve(server));
  });
}

describe('finding an engine when nothing names one', () => {
  const runtimeDir = scratchDir('stw-xdg-');
  const servers: Server[] = [];
  const rootlessDocker = join(runtimeDir, 'docker.sock');
  const rootlessPodman = join(runtimeDir, 'podman', 'podman.sock');
  const other = join(runtimeDir, 'other.sock');
  const found = (env: NodeJS.ProcessEnv) => resolved({ env, dockerConfigDir: configWith({}), machineRoot: machine });

  before(async () => {
    mkdirSync(join(runtimeDir, 'podman'));
    servers.push(await listenAt(rootlessPodman), await listenAt(other));
  });
  after(async () => {
    for (const server of servers) await new Promise((done) => server.close(done));
    rmSync(runtimeDir, { recursive: true, force: true });
    rmSync(machine, { recursive: true, force: true });
  });

  it("tries Docker's socket, rootless Docker's, CONTAINER_HOST, rootless Podman's, rootful Podman's, in that order", () => {
    const candidates = socketCandidates({ env: { XDG_RUNTIME_DIR: '/run/user/1000', CONTAINER_HOST: 'unix:///run/ch.sock' }, machineRoot: '/' });
    assert.deepEqual(candidates.map(({ address }) => describeAddress(address)), [
      'unix:///var/run/docker.sock', 'unix:///run/user/1000/docker.sock', 'unix:///run/ch.sock',
      'unix:///run/user/1000/podman/podman.sock', 'unix:///run/podman/podman.sock',
    ]);
    assert.deepEqual(socketCandidates({ env: {}, machineRoot: '/' }).map(({ address }) => describeAddress(address)), ['unix:///var/run/docker.sock', 'unix:///run/podman/podman.sock']);
  });

  it("finds rootless Podman's socket under XDG_RUNTIME_DIR when no Docker socket is there", () => {
    assert.equal(found({ XDG_RUNTIME_DIR: runtimeDir }), `unix://${rootlessPodman} from rootless Podman socket`);
  });

  it('takes CONTAINER_HOST before rootless Podman, and a flag, DOCKER_HOST or a context before any socket', () => {
    assert.equal(found({ XDG_RUNTIME_DIR: runtimeDir, CONTAINER_HOST: `unix://${other}` }), `unix://${other} from CONTAINER_HOST`);
    assert.equal(found({ XDG_RUNTIME_DIR: runtimeDir, DOCKER_HOST: 'unix:///env.sock' }), 'unix:///env.sock from DOCKER_HOST');
    assert.equal(resolved({ host: 'unix:///flag.sock', env: { XDG_RUNTIME_DIR: runtimeDir }, dockerConfigDir: configWith({}) }), 'unix:///flag.sock from --host');
    const config = configWith({ box: 'tcp://10.0.0.9:2375' }, 'box');
    assert.equal(resolved({ env: { XDG_RUNTIME_DIR: runtimeDir }, dockerConfigDir: config, machineRoot: machine }), 'tcp://10.0.0.9:2375 from context "box"');
  });

  it("takes rootless Docker's socket before Podman's once it listens, and skips a file that is no socket", async () => {
    writeFileSync(rootlessDocker, 'not a socket');
    assert.equal(found({ XDG_RUNTIME_DIR: runtimeDir }), `unix://${rootlessPodman} from rootless Podman socket`);
    rmSync(rootlessDocker);
    servers.push(await listenAt(rootlessDocker));
    assert.equal(found({ XDG_RUNTIME_DIR: runtimeDir }), `unix://${rootlessDocker} from rootless Docker socket`);
  });

  it("names Docker's default socket when no candidate listens, so the message says where Docker was expected", () => {
    assert.equal(found({ XDG_RUNTIME_DIR: join(runtimeDir, 'empty') }), `unix://${machine}/var/run/docker.sock from default socket`);
    assert.equal(found({}), `unix://${machine}/var/run/docker.sock from default socket`);
  });

  it("takes the machine's own sockets as they appear: rootful Podman's after every rootless one, Docker's before all", async () => {
    const root = scratchDir('stw-machine-');
    const runtime = join(root, 'run/user/1000');
    mkdirSync(join(runtime, 'podman'), { recursive: true });
    mkdirSync(join(root, 'run/podman'), { recursive: true });
    mkdirSync(join(root, 'var/run'), { recursive: true });
    const at = (env: NodeJS.ProcessEnv) => resolved({ env, dockerConfigDir: configWith({}), machineRoot: root });
    servers.push(await listenAt(join(root, 'run/podman/podman.sock')));
    assert.equal(at({}), `unix://${root}/run/podman/podman.sock from Podman socket`);
    servers.push(await listenAt(join(runtime, 'podman/podman.sock')));
    assert.equal(at({ XDG_RUNTIME_DIR: runtime }), `unix://${runtime}/podman/podman.sock from rootless Podman socket`);
    servers.push(await listenAt(join(root, 'var/run/docker.sock')));
    assert.equal(at({ XDG_RUNTIME_DIR: runtime }), `unix://${root}/var/run/docker.sock from default socket`);
    for (const server of servers.splice(-3)) await new Promise((done) => server.close(done));
    rmSync(root, { recursive: true, force: true });
  });
});
