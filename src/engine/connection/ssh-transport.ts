import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { inspect } from 'node:util';
import { describeAddress, type SshAddress } from './address.js';

/**
 * How long the shared ssh connection outlives its last request stream. It also bounds how long
 * it lingers when stowage is killed outright: the streams then see their input end and close.
 */
const CONTROL_PERSIST_SECONDS = 10;

/**
 * Streams open at once, all over the one login: sshd allows 10 sessions per connection by default
 * (MaxSessions), and beyond that a stream would log in on its own.
 */
const MAX_STREAMS = 8;

/** ssh itself failed (exit 255), or the command on the server did (127: no docker there). */
export class SshError extends Error {
  override name = 'SshError';
}

/** The system's OpenSSH client, found on PATH as the docker CLI finds it. */
const SSH = 'ssh';

const lastLine = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('Warning: Permanently added'))
    .at(-1) ?? '';

/** The user@host ssh is given, as an operator would type it to try by hand. */
function target(address: SshAddress): string {
  return address.user === null ? address.hostname : `${address.user}@${address.hostname}`;
}

function tryByHand(address: SshAddress): string {
  const port = address.port === null ? '' : `-p ${address.port} `;
  return `ssh ${port}${target(address)} docker version`;
}

/** One line saying why ssh or the server's command ended, and what to try next. */
export function sshFailure(address: SshAddress, exitCode: number | null, stderr: string): SshError {
  const detail = lastLine(stderr);
  const said = detail ? ` (${detail})` : '';
  if (exitCode === 127 || /docker: (command )?not found|docker: No such file/.test(stderr)) {
    return new SshError(
      `ssh reached ${address.hostname}, but there is no \`docker\` command on its PATH${said}; install the docker CLI there, or set PATH for ssh sessions`,
    );
  }
  if (exitCode === 255) {
    let next = `run \`${tryByHand(address)}\` to see why`;
    if (/Permission denied|Too many authentication failures|no mutual signature/i.test(detail)) {
      next = `load your key (\`ssh-add\`) or name it in ~/.ssh/config, then try \`${tryByHand(address)}\``;
    } else if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key/i.test(stderr)) {
      next = `check the server's host key, then accept it once with \`${tryByHand(address)}\``;
    } else if (/Could not resolve hostname|Name or service not known/i.test(detail)) {
      next = 'check the host name in the address or the Host entry in ~/.ssh/config';
    } else if (/Connection refused|timed out|No route to host|Network is unreachable/i.test(detail)) {
      next = 'check the host and port, and that sshd runs there';
    }
    return new SshError(`ssh to ${target(address)} failed${said}; ${next}`);
  }
  return new SshError(
    `\`docker system dial-stdio\` on ${address.hostname} ended with code ${exitCode ?? 'none'}${said}; check \`${tryByHand(address)}\``,
  );
}

/**
 * The http.Agent socket interface, over one `docker system dial-stdio` run through ssh: bytes
 * written go to its input, its output is the response. When it ends without a byte of answer,
 * the request fails with why ssh or the server said it ended.
 */
class DialStdio extends Duplex {
  timeout = 0;
  private timer: NodeJS.Timeout | null = null;
  private answered = false;
  private exited: { code: number | null } | null = null;
  private outputEnded = false;
  private stderr = '';

  constructor(
    private readonly child: ChildProcess,
    private readonly address: SshAddress,
  ) {
    super({ allowHalfOpen: false });
    child.stdout!.on('data', (chunk: Buffer) => {
      this.answered = true;
      this.touch();
      if (!this.push(chunk)) child.stdout!.pause();
    });
    child.stdout!.on('end', () => {
      this.outputEnded = true;
      this.finishWhenDone();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 8192) this.stderr += chunk.toString('utf8');
    });
    child.stdin!.on('error', () => undefined);
    child.on('error', (error) => this.destroy(error));
    child.on('exit', (code) => {
      this.exited = { code };
      this.finishWhenDone();
    });
  }

  /** The output's end is passed on once the exit code says whether it was a failure. */
  private finishWhenDone(): void {
    if (!this.outputEnded || !this.exited || this.destroyed) return;
    if (!this.answered && this.exited.code !== 0) {
      this.destroy(sshFailure(this.address, this.exited.code, this.stderr));
      return;
    }
    this.push(null);
  }

  override _read(): void {
    this.child.stdout!.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.touch();
    if (this.child.stdin!.write(chunk)) done();
    else this.child.stdin!.once('drain', () => done());
  }

  override _final(done: (error?: Error | null) => void): void {
    this.child.stdin!.end(done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.clearTimer();
    // ssh hands a stream's stdio to the shared master, which keeps it open after the stream's own
    // process ends: closing this side ends the server's dial-stdio too, and lets stowage exit.
    this.child.stdin!.destroy();
    this.child.stdout!.destroy();
    this.child.stderr!.destroy();
    if (this.exited === null) this.child.kill('SIGTERM');
    done(error);
  }

  // What http.Agent and ClientRequest call on a net.Socket.
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.timeout = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.touch();
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  ref(): this {
    for (const handle of [this.child, this.child.stdout, this.child.stdin, this.child.stderr]) {
      (handle as { ref?: () => void } | null)?.ref?.();
    }
    return this;
  }

  /** An idle pooled stream does not keep stowage running. */
  unref(): this {
    for (const handle of [this.child, this.child.stdout, this.child.stdin, this.child.stderr]) {
      (handle as { unref?: () => void } | null)?.unref?.();
    }
    return this;
  }

  private touch(): void {
    this.clearTimer();
    if (this.timeout > 0) {
      this.timer = setTimeout(() => this.emit('timeout'), this.timeout);
      this.timer.unref();
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

let questionsAllowed = true;

/** Whether a login may ask at the terminal (a passphrase, a new host key): not once the explorer has it. */
export function allowSshQuestions(allowed: boolean): void {
  questionsAllowed = allowed;
}

const transports = new Map<string, Promise<SshTransport>>();

/**
 * The logged-in transport to `address`, shared by everything in this process that reaches it;
 * a failed login is forgotten, so the next call tries again.
 */
export function sshTransport(address: SshAddress): Promise<SshTransport> {
  const key = describeAddress(address);
  let opened = transports.get(key);
  if (!opened) {
    const transport = new SshTransport(address);
    opened = transport.open(questionsAllowed).then(
      () => transport,
      (error: unknown) => {
        transports.delete(key);
        transport.close();
        throw error;
      },
    );
    transports.set(key, opened);
  }
  return opened;
}

/**
 * The docker CLI's way to a remote engine: the system `ssh` (so ~/.ssh/config, agents, ProxyJump
 * and known_hosts apply) running `docker system dial-stdio` on the server, one run per pooled
 * HTTP connection. The runs share one authenticated connection: an OpenSSH master on a control
 * socket in a private folder, opened first so that a passphrase or host-key question is asked
 * before the screen is taken.
 */
export class SshTransport {
  readonly agent: Agent;
  private readonly folder: string;
  private readonly controlPath: string;
  private readonly streams = new Set<ChildProcess>();
  private closed = false;
  private readonly onExit = () => this.close();

  constructor(readonly address: SshAddress) {
    this.folder = mkdtempSync(join(tmpdir(), 'stowage-ssh-'));
    this.controlPath = join(this.folder, 'master');
    process.on('exit', this.onExit);
    const agent = new Agent({ keepAlive: true, maxSockets: MAX_STREAMS, maxFreeSockets: MAX_STREAMS });
    agent.createConnection = () => this.dial() as never;
    // docker-modem formats every request's options with util.inspect (for its debug log, even when
    // that is off); unnamed, this agent with its streams and processes took most of a run's time.
    Object.defineProperty(agent, inspect.custom, { value: () => `[ssh agent ${describeAddress(address)}]` });
    this.agent = agent;
  }

  /** ssh's options common to the master and the streams: the docker CLI's, plus the control socket. */
  private options(): string[] {
    const { user, port, hostname } = this.address;
    return [
      '-o', 'ConnectTimeout=30',
      '-o', `ControlPath=${this.controlPath}`,
      '-T',
      ...(user === null ? [] : ['-l', user]),
      ...(port === null ? [] : ['-p', String(port)]),
      '--',
      hostname,
    ];
  }

  /**
   * Logs in once; resolves when the shared connection is up, or rejects with ssh's reason. With
   * `questions` false, ssh may not ask anything (the explorer holds the terminal): it fails instead.
   */
  async open(questions: boolean): Promise<void> {
    const master = spawn(
      SSH,
      [
        '-o', 'ControlMaster=yes',
        '-o', `ControlPersist=${CONTROL_PERSIST_SECONDS}`,
        ...(questions ? [] : ['-o', 'BatchMode=yes']),
        '-N',
        ...this.options(),
      ],
      // The terminal stays ssh's for questions (host key, passphrase); its output is read for errors.
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    master.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      master.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'ENOENT'
            ? new SshError(`no \`${SSH}\` command here; install OpenSSH's client to reach ${describeAddress(this.address)}`)
            : error,
        ),
      );
      // With ControlPersist, ssh puts the logged-in master in the background and exits 0.
      master.on('exit', resolve);
    });
    if (code !== 0) throw sshFailure(this.address, code, stderr);
  }

  private dial(): DialStdio {
    const remote = ['docker', ...(this.address.socketPath ? [`--host=unix://${this.address.socketPath}`] : []), 'system', 'dial-stdio'];
    // Its own process group: a Ctrl-C at the terminal reaches stowage, which may still need the
    // engine (to start a stopped writer again) before it ends its streams itself. When the shared
    // connection has gone idle past ControlPersist, the first stream to start makes a new one.
    const child = spawn(SSH, ['-o', 'ControlMaster=auto', '-o', `ControlPersist=${CONTROL_PERSIST_SECONDS}`, ...this.options(), ...remote], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.streams.add(child);
    child.on('exit', () => this.streams.delete(child));
    return new DialStdio(child, this.address);
  }

  /** Ends every ssh process this transport started and removes its folder; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    process.off('exit', this.onExit);
    this.agent.destroy();
    for (const child of this.streams) child.kill('SIGTERM');
    // The master ends the sessions it still carries; when it is already gone this fails quietly.
    spawnSync(SSH, ['-o', `ControlPath=${this.controlPath}`, '-O', 'exit', '--', this.address.hostname], {
      stdio: 'ignore',
      timeout: 5000,
    });
    rmSync(this.folder, { recursive: true, force: true });
  }
}
