// A real ssh server on 127.0.0.1 reaching the test engines the way a remote server does: Debian's
// sshd with its own config, host key and authorized_keys, where each client key's line sets the
// session's environment (DOCKER_HOST to a hermetic engine, or a PATH without docker). The client
// side is the system ssh with a config of the test's, put first on PATH as `ssh`, so stowage and
// the docker CLI find it as they find the operator's.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait.js';

/** How one Host alias logs in, and what its session sees. */
export interface SshTarget {
  /** The session's environment, set by the key's line in authorized_keys. */
  environment?: Record<string, string>;
  /** Its key is not in authorized_keys: the server refuses it. */
  refused?: boolean;
  /** The client expects another host key: host key verification fails. */
  wrongHostKey?: boolean;
  /** A port nothing listens on. */
  closedPort?: boolean;
  /** ssh's ProxyCommand for this alias (%p is the port), for example one that delays every byte. */
  proxyCommand?: string;
}

export interface RunningSshd {
  port: number;
  /** Put first on PATH: an `ssh` that is the system's, with the test's client config. */
  binDir: string;
  env: NodeJS.ProcessEnv;
  /** The client config, for `ssh -F`. */
  configPath: string;
  /** Keys the server has accepted so far: one per authenticated connection. */
  acceptedLogins(): number;
  /** Commands the server has started so far (each `docker system dial-stdio` is one). */
  sessions(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const keygen = (path: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'stowage-test', '-f', path]);
const publicKey = (path: string) => readFileSync(`${path}.pub`, 'utf8').trim();

/** Starts sshd with one Host alias per target; `ssh ALIAS` logs in as root with that alias's key. */
export async function startSshd(targets: Record<string, SshTarget>): Promise<RunningSshd> {
  const dir = mkdtempSync('/tmp/stw-ssh-');
  const port = await freePort();
  const closedPort = await freePort();
  keygen(join(dir, 'host'));
  keygen(join(dir, 'other-host'));
  const authorized: string[] = [];
  const client: string[] = [];
  for (const [alias, target] of Object.entries(targets)) {
    const key = join(dir, `key-${alias}`);
    keygen(key);
    if (!target.refused) {
      const options = Object.entries(target.environment ?? {}).map(([name, value]) => `environment="${name}=${value}"`);
      authorized.push(`${options.length ? `${options.join(',')} ` : ''}${publicKey(key)}`);
    }
    const knownHosts = join(dir, `known-${alias}`);
    const hostKey = publicKey(join(dir, target.wrongHostKey ? 'other-host' : 'host')).split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `[127.0.0.1]:${target.closedPort ? closedPort : port} ${hostKey}\n`);
    client.push(
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  Port ${target.closedPort ? closedPort : port}`,
      '  User root',
      `  IdentityFile ${key}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${knownHosts}`,
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  ConnectTimeout 5',
      ...(target.proxyCommand ? [`  ProxyCommand ${target.proxyCommand}`] : []),
    );
  }
  writeFileSync(join(dir, 'authorized_keys'), `${authorized.join('\n')}\n`);
  const configPath = join(dir, 'ssh_config');
  writeFileSync(configPath, `${client.join('\n')}\n`);
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitUserEnvironment yes',
      'UsePAM no',
      'StrictModes no',
      `PidFile ${join(dir, 'sshd.pid')}`,
      'MaxSessions 64',
      'MaxStartups 64',
      // Logs each session's command, which the tests count.
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const binDir = join(dir, 'bin');
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${configPath} "$@"\n`);
  chmodSync(join(binDir, 'ssh'), 0o755);
  // sshd's privilege separation folder.
  mkdirSync('/run/sshd', { recursive: true });
  // -D: in the foreground, so the test owns the process; -E: its log to a file, which a caller
  // blocked in a synchronous child (a benchmark) cannot leave unread until sshd stalls on it.
  const logPath = join(dir, 'sshd.log');
  const daemon = spawn('/usr/sbin/sshd', ['-D', '-E', logPath, '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
  const log = () => {
    try {
      return readFileSync(logPath, 'utf8');
    } catch {
      return '';
    }
  };
  let exited = false;
  daemon.on('exit', () => (exited = true));
  try {
    await waitFor(`sshd to listen on 127.0.0.1:${port}`, async () => exited || (await listening(port)), 20_000);
    if (exited) throw new Error('sshd exited');
  } catch (error) {
    daemon.kill('SIGKILL');
    throw new Error(`sshd did not start: ${(error as Error).message}\n${log()}`);
  }
  return {
    port,
    binDir,
    configPath,
    env: { PATH: `${binDir}:${process.env.PATH ?? ''}` },
    acceptedLogins: () => log().split('\n').filter((line) => line.includes('Accepted publickey')).length,
    sessions: () => log().split('\n').filter((line) => /Starting session: command/.test(line)).length,
    async stop() {
      if (!exited) {
        daemon.kill('SIGTERM');
        await waitFor('sshd to exit', () => exited, 10_000).catch(() => daemon.kill('SIGKILL'));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The ssh processes stowage started (they name its private control folder), as `pid args` lines. */
export function stowageSshProcesses(): string[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-af', 'stowage-ssh-'], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out.split('\n').filter((line) => line && !line.includes('pgrep'));
}
