import { StowageError } from '../errors.js';
import { type EngineAddress, describeAddress } from './connection/address.js';
import { SshError } from './connection/ssh-transport.js';

/** The engine answered, but with an HTTP error status. */
export class EngineHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'EngineHttpError';
  }
}

/** The peer answered with something no Docker engine sends. */
export class NotDockerError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotDockerError';
  }
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${seconds(timeoutMs)} s`);
    this.name = 'RequestTimeoutError';
  }
}

/** An answer that began but passed one of its limits (answer-limits.ts). */
export class AnswerLimitError extends Error {
  constructor(
    readonly limit: 'deadline' | 'rest' | 'idle' | 'upload' | 'size',
    /** Milliseconds, or bytes for `size`. */
    readonly amount: number,
  ) {
    super(
      limit === 'size'
        ? `its answer passed ${Math.round(amount / (1024 * 1024))} MB`
        : limit === 'idle' || limit === 'upload'
          ? `it ${limit === 'idle' ? 'sent' : 'took'} nothing for ${seconds(amount)} s`
          : `its answer did not end within ${seconds(amount)} s${limit === 'rest' ? ' of beginning' : ''}`,
    );
    this.name = 'AnswerLimitError';
  }
}

/** Whether an error (or the one a StowageError carries) is a limit passed: the engine stopped answering as it should. */
export function passedLimit(error: unknown): boolean {
  const cause = error instanceof StowageError ? error.cause : error;
  return cause instanceof RequestTimeoutError || cause instanceof AnswerLimitError;
}

function where(address: EngineAddress): string {
  return `${describeAddress(address)} (from ${address.source})`;
}

/** Turns a failure to reach the engine into one line: address, cause, next step. */
export function unreachableError(error: unknown, address: EngineAddress): StowageError {
  const prefix = `cannot reach the Docker engine at ${where(address)}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const path = address.kind === 'unix' ? address.socketPath : `${address.hostname}:${address.port}`;
  let cause: string;
  if (error instanceof SshError) {
    cause = error.message;
  } else if (error instanceof RequestTimeoutError) {
    cause = `${error.message}; check that the address is right and the engine is healthy, or raise --timeout`;
  } else if (error instanceof AnswerLimitError) {
    cause = error.limit === 'size'
      ? `its answer to /version passed ${Math.round(error.amount / (1024 * 1024))} MB, which no Docker engine sends; point --host or DOCKER_HOST at the Docker socket`
      : `${error.message} in its answer to /version; check that the address is right and the engine is healthy, or raise --timeout`;
  } else if (error instanceof NotDockerError) {
    cause = `this is not a Docker engine (${error.message}); point --host or DOCKER_HOST at the Docker socket`;
  } else if (error instanceof EngineHttpError) {
    cause = `it answered HTTP ${error.statusCode} (${error.message}); this is not a Docker engine, or it is failing: check \`docker info\``;
  } else if (code === 'ENOENT') {
    cause = `no socket at ${path}; start Docker (\`sudo systemctl start docker\`) or point --host or DOCKER_HOST at the engine`;
  } else if (code === 'EACCES' || code === 'EPERM') {
    cause = `permission denied on ${path}; add your user to the docker group (\`sudo usermod -aG docker $USER\`, then log in again) or run with sudo`;
  } else if (code === 'ECONNREFUSED') {
    cause =
      address.kind === 'unix'
        ? `connection refused on ${path}: nothing is listening there; start or restart Docker`
        : `connection refused by ${path}; check that the engine listens on that port`;
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    cause = `cannot resolve the host name in ${describeAddress(address)}; check the spelling in --host or DOCKER_HOST`;
  } else if (code === 'ENOTSOCK' || code === 'ENOTDIR') {
    cause = `${path} is not a socket; point --host or DOCKER_HOST at the Docker socket`;
  } else if (code === 'ECONNRESET' || code.startsWith('HPE_') || code === 'EPIPE') {
    cause = `the connection was cut without an HTTP answer (${code}); this is not a Docker engine, or it is restarting`;
  } else if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO') {
    cause = `TLS failed (${code}); check DOCKER_CERT_PATH and DOCKER_TLS_VERIFY, or the context's certificates`;
  } else {
    cause = `${(error as Error | undefined)?.message ?? String(error)}; check \`docker info\` against the same address`;
  }
  return new StowageError(`${prefix}: ${cause}`);
}

/** A request that failed after the engine was reached. */
export function requestFailedError(what: string, error: unknown, address: EngineAddress): StowageError {
  if (error instanceof EngineHttpError) {
    return new StowageError(
      `the Docker engine at ${where(address)} failed to ${what}: HTTP ${error.statusCode} ${error.message}; check the engine's logs`,
      1,
      error,
    );
  }
  if (error instanceof NotDockerError) {
    return new StowageError(`the Docker engine at ${where(address)} sent an unreadable answer to ${what}: ${error.message}`);
  }
  if (error instanceof RequestTimeoutError) {
    return new StowageError(`the Docker engine at ${where(address)} gave no answer to ${what} within ${seconds(error.timeoutMs)} s; check that it is healthy (\`docker info\`), or raise --timeout`, 1, error);
  }
  if (error instanceof AnswerLimitError) {
    const engine = `the Docker engine at ${where(address)}`;
    const wait = 'check that it is healthy (`docker info`), or raise --timeout';
    const line = {
      deadline: `${engine} did not finish its answer to ${what} within ${seconds(error.amount)} s; ${wait}`,
      rest: `${engine} did not finish its answer to ${what} within ${seconds(error.amount)} s of beginning it; ${wait}`,
      idle: `${engine} sent nothing for ${seconds(error.amount)} s in the middle of its answer to ${what}; ${wait}`,
      upload: `${engine} took nothing of what was sent for ${seconds(error.amount)} s when asked to ${what}; ${wait}`,
      size: `${engine} sent over ${Math.round(error.amount / (1024 * 1024))} MB in answer to ${what}, more than an engine sends for that; check that this is a Docker engine and healthy (\`docker info\`)`,
    }[error.limit];
    return new StowageError(line, 1, error);
  }
  return unreachableError(error, address);
}
