// Listing every host: the docker CLI's contexts (default first, malformed ones with their error),
// the local sockets that are there, each address once; names as they are, escaped only on screen.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { describeAddress } from '../../src/engine/connection/address.js';
import { listHosts, listHostsFrom, namedHosts } from '../../src/engine/connection/hosts.js';
import { displayable } from '../../src/text/displayable.js';
import { scratchDir } from '../support/scratch.js';

const digest = (name: string) => createHash('sha256').update(name).digest('hex');

/** The machine these tests list: a folder of their own, with no socket unless a test makes one. */
const machine = scratchDir('stw-machine-');
const DEFAULT = `default → unix://${machine}/var/run/docker.sock`;

/** A DOCKER_CONFIG folder with contexts stored as the docker CLI stores them; a string is written as meta.json as is. */
function config(contexts: Record<string, string | object>): string {
  const dir = scratchDir('stw-hosts-');
  for (const [name, meta] of Object.entries(contexts)) {
    const folder = join(dir, 'contexts', 'meta', digest(name));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'meta.json'), typeof meta === 'string' ? meta : JSON.stringify(meta));
  }
  return dir;
}
const context = (name: string, host: unknown) => ({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } });

const servers: Server[] = [];
after(() => servers.forEach((server) => server.close()));
/** A real unix socket that listens, where a rootless Docker's would be. */
async function listening(path: string): Promise<void> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((done) => server.listen(path, done));
}

const shown = (settings: Parameters<typeof listHosts>[0]) =>
  listHosts(settings).map((entry) => `${entry.name} → ${entry.address ? describeAddress(entry.address) : `ERROR ${entry.error}`}`);

describe('listing the hosts', () => {
  it('lists default first, then every context by name, each with its address', () => {
    const dir = config({ zeta: context('zeta', 'tcp://10.0.0.9:2375'), alpha: context('alpha', 'unix:///run/alpha.sock') });
    assert.deepEqual(shown({ env: {}, dockerConfigDir: dir, machineRoot: machine }), [
      DEFAULT,
      'alpha → unix:///run/alpha.sock',
      'zeta → tcp://10.0.0.9:2375',
    ]);
  });

  it('takes DOCKER_HOST for the default context, as the docker CLI does', () => {
    assert.deepEqual(shown({ env: { DOCKER_HOST: 'tcp://box:2375' }, dockerConfigDir: config({}), machineRoot: machine }), ['default → tcp://box:2375']);
  });

  it('lists a malformed context with a one-line error instead of failing', () => {
    const dir = config({
      broken: '{"Name": "broken", "Endpoints":',
      numeric: context('numeric', 42),
      empty: { Name: 'empty', Endpoints: {} },
      wrong: context('wrong', 'ftp://nowhere'),
      good: context('good', 'tcp://10.0.0.1:2375'),
    });
    const entries = listHosts({ env: {}, dockerConfigDir: dir, machineRoot: machine });
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    assert.equal(byName.get('good')?.error, null);
    assert.match(byName.get('numeric')?.error ?? '', /context "numeric" has a Host that is not text/);
    assert.match(byName.get('empty')?.error ?? '', /context "empty" has no docker endpoint/);
    assert.match(byName.get('wrong')?.error ?? '', /"ftp:\/\/nowhere" is not a Docker host/);
    // Its name cannot be read: it is listed by its folder, with the file to fix.
    const unreadable = entries.find((entry) => entry.name.startsWith('? ('));
    assert.ok(unreadable, `the unreadable context is listed: ${shown({ env: {}, dockerConfigDir: dir, machineRoot: machine }).join('; ')}`);
    assert.equal(unreadable.name, `? (${digest('broken').slice(0, 12)})`);
    assert.match(unreadable.error ?? '', /has an unreadable meta\.json: it is not JSON; recreate it with `docker context create` \(\/.*\/meta\.json\)/);
    for (const entry of entries) assert.doesNotMatch(entry.error ?? '', /\n/, entry.name);
  });

  it('keeps a hostile name as it is, and the screen shows it escaped', () => {
    const name = 'evil\u001b]52;c;aGk=\u0007\nname\u202e';
    const entries = listHosts({ env: {}, dockerConfigDir: config({ [name]: context(name, 'tcp://10.0.0.2:2375') }), machineRoot: machine });
    const entry = entries.find((candidate) => candidate.name.startsWith('evil'));
    assert.equal(entry?.name, name);
    assert.equal(displayable(entry.name), 'evil\\e]52;c;aGk=\\a\\nname\\u{202e}');
  });

  it('adds the local sockets that are there, each address once', async () => {
    const runtime = scratchDir('stw-run-');
    await listening(join(runtime, 'docker.sock'));
    mkdirSync(join(runtime, 'podman'));
    const env = { XDG_RUNTIME_DIR: runtime };
    // No socket at the rootless Podman path: not listed.
    assert.deepEqual(shown({ env, dockerConfigDir: config({}), machineRoot: machine }), [
      DEFAULT,
      `rootless Docker socket → unix://${runtime}/docker.sock`,
    ]);
    // A context naming the same socket: the socket is not listed again.
    const dir = config({ rootless: context('rootless', `unix://${runtime}/docker.sock`) });
    assert.deepEqual(shown({ env, dockerConfigDir: dir, machineRoot: machine }), [
      DEFAULT,
      `rootless → unix://${runtime}/docker.sock`,
    ]);
    // The machine's own: rootful Podman's socket, once it listens.
    const withPodman = scratchDir('stw-machine-');
    mkdirSync(join(withPodman, 'run/podman'), { recursive: true });
    await listening(join(withPodman, 'run/podman/podman.sock'));
    assert.deepEqual(shown({ env, dockerConfigDir: config({}), machineRoot: withPodman }).slice(1), [
      `rootless Docker socket → unix://${runtime}/docker.sock`,
      `Podman socket → unix://${withPodman}/run/podman/podman.sock`,
    ]);
    // CONTAINER_HOST is taken as given, once.
    assert.deepEqual(shown({ env: { CONTAINER_HOST: 'tcp://10.0.0.3:8080' }, dockerConfigDir: config({}), machineRoot: machine }).slice(1), ['CONTAINER_HOST → tcp://10.0.0.3:8080']);
  });

  it('takes the hosts named on the command line in order, the same address once, a bad one with its error', () => {
    const dir = config({ prod: context('prod', 'tcp://10.0.0.5:2375') });
    const entries = namedHosts(['unix:///a.sock', 'tcp://10.0.0.5:2375', 'nonsense'], ['prod', 'missing'], { env: {}, dockerConfigDir: dir, machineRoot: machine });
    assert.deepEqual(entries.map((entry) => [entry.name, entry.address ? describeAddress(entry.address) : entry.error]), [
      ['unix:///a.sock', 'unix:///a.sock'],
      ['tcp://10.0.0.5:2375', 'tcp://10.0.0.5:2375'],
      ['nonsense', '--host: "nonsense" is not a Docker host; use unix:///path/to/docker.sock or tcp://HOST:PORT'],
      ['missing', '--context: docker context "missing" not found; list the contexts with `docker context ls`'],
    ]);
  });

  it('opened on one engine, lists it first as it was chosen, and every other host once after it', () => {
    const settings = { env: {}, dockerConfigDir: config({ a: context('a', 'tcp://10.0.0.7:2375'), b: context('b', 'tcp://10.0.0.7:2375') }), machineRoot: machine };
    const address = (host: string) => namedHosts([host], [], settings)[0]?.address ?? assert.fail(host);
    const listed = (host: string, chosenBy: { host: string | undefined; context: string | undefined }) =>
      listHostsFrom(address(host), chosenBy, settings).map((entry) => `${entry.key} ${entry.kind} ${entry.name}`);
    // The context it was opened by names it, not the other context naming the same engine.
    assert.deepEqual(listed('tcp://10.0.0.7:2375', { host: undefined, context: 'b' }), ['current context b', 'context:default context default']);
    assert.deepEqual(listed('tcp://10.0.0.7:2375', { host: 'tcp://10.0.0.7:2375', context: undefined }), ['current context a', 'context:default context default']);
    // An engine no context names: as the flag gave it.
    assert.deepEqual(listed('tcp://10.0.0.8:2375', { host: 'tcp://10.0.0.8:2375', context: undefined }), [
      'current host tcp://10.0.0.8:2375', 'context:default context default', `context:${digest('a')} context a`, `context:${digest('b')} context b`,
    ]);
  });
});
