// ssh:// hosts and ssh contexts reach a real engine the way a remote server is reached: a real sshd
// on 127.0.0.1, the system ssh (config, keys, known_hosts), `docker system dial-stdio` on the
// server's side. What stowage sees over it equals what it sees on the socket, backups land on this
// side and restore, every failure is one line with the next step, and no ssh process outlives it.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI, runCli } from '../support/run-cli.js';
import { BUSYBOX, createSituations } from '../support/situations.js';
import { type RunningSshd, startSshd, stowageSshProcesses } from '../support/sshd.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

/**
 * The snapshot without what depends on the way in: where and when it was read, this machine's file
 * systems (unknown on a remote engine), and times below the second, which the engine's archive of
 * a host path does not carry.
 */
function comparable(json: string): unknown {
  const snapshot = JSON.parse(json.replace(/("modifiedAt": "[^".]+)\.\d+Z"/g, '$1.000Z"')) as Record<string, unknown> & { engine: Record<string, unknown> };
  delete snapshot.collectedAt;
  delete snapshot.fileSystems;
  delete snapshot.engine.host;
  return snapshot;
}

/** `docker system dial-stdio` processes running on the (local) server. */
function serverStreams(): number {
  try {
    return Number(execFileSync('pgrep', ['-fc', '^docker system dial-stdio'], { encoding: 'utf8' }).trim());
  } catch {
    return 0;
  }
}

describe('ssh:// hosts and ssh contexts', () => {
  let engine: RunningEngine;
  let sshd: RunningSshd;
  let env: NodeJS.ProcessEnv;
  const configDir = scratchDir('stw-sshctx-');

  before(async () => {
    engine = await startEngine('26.1');
    await createSituations(engine);
    sshd = await startSshd({
      server: { environment: { DOCKER_HOST: engine.host } },
      elsewhere: { environment: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } },
      'no-docker': { environment: { PATH: '/nonexistent' } },
      refused: { refused: true },
      impostor: { wrongHostKey: true },
      closed: { closedPort: true },
    });
    env = { ...sshd.env, DOCKER_CONFIG: configDir };
    // An ssh context, made by the docker CLI itself.
    await docker(engine, '--config', configDir, 'context', 'create', 'prod', '--docker', 'host=ssh://server');
  });

  after(async () => {
    await sshd?.stop();
    await engine?.stop();
  });

  it('reads the same snapshot over ssh://, an ssh context and the socket, and leaves no ssh process', async () => {
    // A remote engine's host facts come through stowage's helper image: once it is on the
    // engine, both reads list it.
    assert.equal((await runCli(['--json', '--host', 'ssh://server'], env)).code, 0);
    const overSsh = await runCli(['--json', '--host', 'ssh://server'], env);
    assert.equal(overSsh.code, 0, overSsh.stderr);
    const overSocket = await runCli(['--json', '--host', engine.host], env);
    assert.equal(overSocket.code, 0, overSocket.stderr);
    assert.equal((JSON.parse(overSsh.stdout) as { engine: { host: string } }).engine.host, 'ssh://server');
    assert.deepEqual(comparable(overSsh.stdout), comparable(overSocket.stdout));
    const overContext = await runCli(['--json', '--context', 'prod'], env);
    assert.equal(overContext.code, 0, overContext.stderr);
    assert.deepEqual(comparable(overContext.stdout), comparable(overSocket.stdout));
    const viaEnv = await runCli(['check'], { ...env, DOCKER_HOST: 'ssh://root@server' });
    assert.match(viaEnv.stdout, /ssh:\/\/root@server/);
    assert.deepEqual(stowageSshProcesses(), []);
    // Host facts close archive answers early; each such stream's dial-stdio on the server ends too.
    await waitFor('the server\'s dial-stdio sessions to end', () => serverStreams() === 0, 10_000);
  });

  it('a path in the URL selects the server\'s socket', async () => {
    // This session's DOCKER_HOST points at no engine: without a path, dial-stdio cannot connect.
    const unset = await runCli(['--json', '--host', 'ssh://elsewhere'], env);
    assert.equal(unset.code, 1);
    assert.match(unset.stderr, /^stowage: cannot reach the Docker engine at ssh:\/\/elsewhere \(from --host\): `docker system dial-stdio` on elsewhere ended with code 1 \(.+\); check `ssh elsewhere docker version`\n$/);
    const chosen = await runCli(['--json', '--host', `ssh://elsewhere${engine.socketPath}`], env);
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.equal((JSON.parse(chosen.stdout) as { engine: { host: string } }).engine.host, `ssh://elsewhere${engine.socketPath}`);
  });

  it('backs up a volume to this machine and restores it over ssh', async () => {
    const out = scratchDir('stw-ssh-backup-');
    await docker(engine, 'volume', 'create', 'ssh-data');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'ssh-data:/d', BUSYBOX, 'sh', '-c',
      'mkdir -p /d/a && echo hello > /d/a/file && dd if=/dev/urandom of=/d/blob bs=1M count=3 2>/dev/null && ln -s a/file /d/link');
    const backup = await runCli(['backup', '--volume', 'ssh-data', '--output', out, '--host', 'ssh://server'], env);
    assert.equal(backup.code, 0, backup.stderr);
    const files = readdirSync(out).filter((name) => name.endsWith('.tar.gz'));
    assert.equal(files.length, 1, `one backup in ${out}: ${readdirSync(out).join(', ')}`);
    const restore = await runCli(['restore', join(out, files[0]!), '--volume', 'ssh-copy', '--host', 'ssh://server'], env);
    assert.equal(restore.code, 0, restore.stderr);
    const listing = (volume: string) =>
      docker(engine, 'run', '--rm', '--network', 'none', '-v', `${volume}:/d:ro`, BUSYBOX, 'sh', '-c',
        'cd /d && ls -lnR . | sed "s/ [A-Z][a-z][a-z] .* / /" && cat a/file && dd if=blob bs=1M 2>/dev/null | head -c 64 | od -An -tx1');
    assert.equal(await listing('ssh-copy'), await listing('ssh-data'));
    assert.deepEqual(stowageSshProcesses(), []);
  });

  it('Ctrl-C at the terminal during backup --stop over ssh starts the writer again, then ends every ssh process', async () => {
    const out = scratchDir('stw-ssh-interrupt-');
    await docker(engine, 'volume', 'create', 'ssh-big');
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', 'ssh-big:/b', BUSYBOX, 'dd', 'if=/dev/urandom', 'of=/b/random', 'bs=1M', 'count=128');
    await docker(engine, 'run', '-d', '--name', 'ssh-writer', '--network', 'none', '-v', 'ssh-big:/b', BUSYBOX);
    const running = async () => (await docker(engine, 'inspect', '-f', '{{.State.Running}}', 'ssh-writer')) === 'true';
    const home = scratchDir('stw-home-');
    // Its own process group, as a terminal's foreground job: the Ctrl-C goes to the whole group.
    const child = spawn(process.execPath, [CLI, 'backup', '--volume', 'ssh-big', '--stop', '--level', '9', '--output', out, '--host', 'ssh://server'], {
      env: { PATH: env.PATH, HOME: home, DOCKER_CONFIG: configDir },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const partial = () => readdirSync(out).some((name) => name.includes('.partial-'));
    await waitFor('the backup to write with the writer stopped', async () => partial() && !(await running()), 60_000);
    process.kill(-child.pid!, 'SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.equal(await running(), true, `the writer runs again: ${stderr}`);
    assert.deepEqual(readdirSync(out), [], 'no partial file');
    assert.deepEqual(stowageSshProcesses(), []);
  });

  it('says in one line why ssh failed, and what to do', async () => {
    const cases: [string, RegExp][] = [
      ['ssh://refused', /ssh to refused failed \(.*Permission denied.*\); load your key \(`ssh-add`\)/],
      ['ssh://impostor', /ssh to impostor failed \(Host key verification failed\.\); check the server's host key/],
      ['ssh://closed', /ssh to closed failed \(.*Connection refused\); check the host and port, and that sshd runs there/],
      ['ssh://no-docker', /ssh reached no-docker, but there is no `docker` command on its PATH .*; install the docker CLI there/],
      ['ssh://nowhere.invalid', /ssh to nowhere\.invalid failed \(.*[Cc]ould not resolve hostname.*\); check the host name/],
    ];
    for (const [host, expected] of cases) {
      const result = await runCli(['--json', '--host', host], env);
      assert.equal(result.code, 1, `${host}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `${host}: one line, got ${result.stderr}`);
      assert.match(lines[0]!, new RegExp(`^stowage: cannot reach the Docker engine at ${host.replace(/\./g, '\\.')} \\(from --host\\): `));
      assert.match(lines[0]!, expected);
    }
    assert.deepEqual(stowageSshProcesses(), []);
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`ends its ssh processes when stowage is killed with ${signal}`, async () => {
      const home = scratchDir('stw-home-');
      const child: ChildProcess = spawn(process.execPath, [CLI, 'watch', '--json', '--interval', '0.5', '--host', 'ssh://server'], {
        env: { PATH: env.PATH, HOME: home, DOCKER_CONFIG: configDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let lines = 0;
      child.stdout!.on('data', (chunk: Buffer) => (lines += chunk.toString().split('\n').length - 1));
      await waitFor('two watch lines over ssh', () => lines >= 2, 30_000);
      assert.ok(stowageSshProcesses().length > 0, 'watching holds ssh streams open');
      child.kill(signal);
      await waitFor(`no ssh process of stowage after ${signal}`, () => stowageSshProcesses().length === 0, 20_000);
    });
  }

  it('keeps one login for all its requests', async () => {
    const logins = sshd.acceptedLogins();
    const sessions = sshd.sessions();
    const result = await runCli(['--json', '--host', 'ssh://server'], env);
    assert.equal(result.code, 0, result.stderr);
    // Several streams ran (lists, inspects and df in parallel), over one authenticated connection.
    assert.ok(sshd.sessions() - sessions > 1, `several dial-stdio sessions, got ${sshd.sessions() - sessions}`);
    assert.equal(sshd.acceptedLogins() - logins, 1);
  });
});
