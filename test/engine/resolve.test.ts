// Which engine stowage talks to, from flags, environment and docker contexts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { describeAddress, parseHost } from '../../src/engine/connection/address.js';
import { resolveAddress } from '../../src/engine/connection/resolve.js';
import { UsageError } from '../../src/errors.js';

function configWith(contexts: Record<string, string>, current?: string): string {
  const dir = mkdtempSync('/tmp/stw-cfg-');
  for (const [name, host] of Object.entries(contexts)) {
    const meta = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }));
  }
  writeFileSync(join(dir, 'config.json'), JSON.stringify(current ? { currentContext: current } : {}));
  return dir;
}

const resolved = (options: Parameters<typeof resolveAddress>[0]) => {
  const address = resolveAddress(options);
  return `${describeAddress(address)} from ${address.source}`;
};

describe('finding the engine', () => {
  const config = configWith({ remote: 'tcp://10.0.0.5:2375', 'ci-box': 'unix:///run/ci.sock' }, 'remote');

  it('takes --host first, then --context, DOCKER_HOST, DOCKER_CONTEXT, the current context, the default socket', () => {
    const env = { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'ci-box' };
    assert.equal(resolved({ host: 'unix:///flag.sock', env, dockerConfigDir: config }), 'unix:///flag.sock from --host');
    assert.equal(resolved({ context: 'ci-box', env, dockerConfigDir: config }), 'unix:///run/ci.sock from context "ci-box"');
    assert.equal(resolved({ env, dockerConfigDir: config }), 'unix:///env.sock from DOCKER_HOST');
    assert.equal(resolved({ env: { DOCKER_CONTEXT: 'ci-box' }, dockerConfigDir: config }), 'unix:///run/ci.sock from context "ci-box"');
    assert.equal(resolved({ env: {}, dockerConfigDir: config }), 'tcp://10.0.0.5:2375 from context "remote"');
    assert.equal(resolved({ env: {}, dockerConfigDir: configWith({}) }), 'unix:///var/run/docker.sock from default socket');
  });

  it('reads DOCKER_CONFIG for the config folder', () => {
    assert.equal(resolved({ env: { DOCKER_CONFIG: config } }), 'tcp://10.0.0.5:2375 from context "remote"');
  });

  it('treats the context "default" as DOCKER_HOST or the default socket', () => {
    assert.equal(resolved({ context: 'default', env: {}, dockerConfigDir: config }), 'unix:///var/run/docker.sock from context "default"');
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
    assert.throws(() => parseHost('unix://relative.sock', '--host'), /absolute socket path/);
    assert.throws(() => resolveAddress({ env: { DOCKER_HOST: 'box:2375' } }), /DOCKER_HOST: "box:2375" is not a Docker host/);
  });
});
