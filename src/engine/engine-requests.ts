// One request to an engine over docker-modem, held to the limits of its kind (answer-limits.ts):
// the body is read here, counted and bounded, never buffered whole by docker-modem itself.
import Docker from 'dockerode';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StowageError } from '../errors.js';
import { type AnswerLimits, AnswerWatch } from './answer-limits.js';
import { type EngineAddress, readTlsFiles } from './connection/address.js';
import type { SshTransport } from './connection/ssh-transport.js';
import { EngineHttpError } from './engine-errors.js';
import type { Shape } from './slim.js';
import { readSlimJson } from './slim-stream.js';

export type Modem = Docker['modem'];

export interface Request {
  path: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'DELETE' | 'PUT';
  query?: Record<string, string | string[]>;
  limits: AnswerLimits;
  /** Status codes that count as an answer; others reject with EngineHttpError. */
  ok?: number[];
  /**
   * How the answer is given: parsed JSON (or the raw bytes when it is not JSON), its text, or the
   * stream itself with its status and headers; `slim` reads it as it streams, keeping only what
   * this shape keeps: slim(JSON.parse(body), shape) without the whole body or its tree ever held.
   */
  answer?: 'json' | 'text' | 'stream' | { slim: Shape };
  body?: Buffer | NodeJS.ReadableStream | Record<string, unknown>;
  /** The line a stream's failure is told with, once it has been handed over. */
  fail?: (error: unknown) => Error;
}

/** A streamed answer: the caller reads the body, which ends in an error when a limit passes. */
export interface StreamAnswer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

export function modemFor(address: EngineAddress, version: string | undefined, ssh: SshTransport | null): Modem {
  const tls = address.kind === 'tcp' && address.tls ? readTlsFiles(address.tls, address.source) : {};
  // docker-modem fills unset options from DOCKER_HOST and DOCKER_CERT_PATH itself; the address
  // was already resolved, so every connection option is given explicitly.
  const saved = { host: process.env.DOCKER_HOST, cert: process.env.DOCKER_CERT_PATH };
  delete process.env.DOCKER_HOST;
  delete process.env.DOCKER_CERT_PATH;
  try {
    if (ssh) {
      // HTTP over the ssh streams; the host name only fills the request's Host header.
      return new Docker({ protocol: 'http', host: 'docker', port: 80, agent: ssh.agent, version: version ? `v${version}` : undefined } as Docker.DockerOptions).modem;
    }
    const docker = new Docker({
      socketPath: address.kind === 'unix' ? address.socketPath : undefined,
      host: address.kind === 'tcp' ? address.hostname : undefined,
      port: address.kind === 'tcp' ? address.port : undefined,
      protocol: address.kind === 'tcp' ? (address.tls ? 'https' : 'http') : undefined,
      ...tls,
      version: version ? `v${version}` : undefined,
    } as Docker.DockerOptions);
    if (address.kind === 'tcp' && address.tls && !address.tls.verify) {
      (docker.modem as unknown as { checkServerIdentity: () => undefined }).checkServerIdentity = () => undefined;
    }
    return docker.modem;
  } finally {
    if (saved.host !== undefined) process.env.DOCKER_HOST = saved.host;
    if (saved.cert !== undefined) process.env.DOCKER_CERT_PATH = saved.cert;
  }
}

/** A request body sent as is (a tar), rather than as JSON. */
const isData = (body: unknown): body is Buffer | NodeJS.ReadableStream =>
  Buffer.isBuffer(body) || typeof (body as NodeJS.ReadableStream).pipe === 'function';

/**
 * Every status is handed over as a stream, so that docker-modem never buffers a body itself
 * (it would read an error answer, or any unstreamed one, to its end however long it is).
 */
const EVERY_STATUS: Record<number, true> = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [index + 100, true]));

/** The body's chunks as they arrive, each counted against the watch's limits. */
async function* counted(body: Readable, watch: AnswerWatch): AsyncGenerator<Buffer> {
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    watch.received(bytes.length);
    yield bytes;
  }
}

async function readWhole(body: Readable, watch: AnswerWatch): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of counted(body, watch)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Far more than any engine's error message: the rest of an error answer is not read. */
const ERROR_BYTES = 64 * 1024;

/**
 * An error answer's first bytes, enough for its message, read for at most `ms`: whatever the
 * request's own limits (an archive has no size bound), an error body that never ends is cut.
 */
async function readErrorBody(body: Readable, watch: AnswerWatch, ms: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const timer = setTimeout(() => body.destroy(), ms);
  try {
    for await (const chunk of counted(body, watch)) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= ERROR_BYTES) break;
    }
  } catch {
    // Cut short (by the timer or the engine): the bytes read so far hold the message.
  } finally {
    clearTimeout(timer);
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, ERROR_BYTES);
}

/** As docker-modem parses an answer: its JSON, or its bytes when it is not JSON (or is null). */
function parsedOrBytes(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) || bytes;
  } catch {
    return bytes;
  }
}

/** The engine's own words for a failure: the `message` of its JSON answer, or its text. */
function engineMessage(bytes: Buffer): string {
  const answer = parsedOrBytes(bytes);
  if (answer && typeof answer === 'object' && !Buffer.isBuffer(answer) && 'message' in answer) return String((answer as { message: unknown }).message);
  const text = bytes.toString('utf8').trim().split('\n')[0]?.slice(0, 200) ?? '';
  return text || 'no message';
}

/** A stream's bytes passed on as they are, counted, and failed with the caller's line when a limit passes. */
function watchedStream(response: Readable, watch: AnswerWatch, fail: (error: unknown) => Error): Readable {
  const passed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      watch.received(chunk.length);
      done(null, chunk);
    },
  });
  watch.holding = () => passed.readableLength > 0 || passed.writableLength > 0 || response.readableLength > 0;
  // Not pipeline(): it would hand the reader the bare cause, not the line naming the request.
  response.on('error', (error) => passed.destroy(error instanceof StowageError ? error : fail(error)));
  response.pipe(passed);
  passed.on('close', () => {
    watch.stop();
    response.destroy();
  });
  return passed;
}

export function send(modem: Modem, request: Request): Promise<unknown> {
  const abort = new AbortController();
  let response: Readable | null = null;
  let failure: Error | null = null;
  const fail = request.fail ?? ((error: unknown) => error as Error);
  let sending: Transform | null = null;
  const watch = new AnswerWatch(request.limits, (error) => {
    failure = error;
    // The answer first, with its line, so that the reader never sees the abort's own error.
    response?.destroy(request.answer === 'stream' ? fail(error) : error);
    sending?.destroy();
    abort.abort();
  });
  const body = request.body;
  const shape = typeof request.answer === 'object' ? request.answer.slim : undefined;
  let file: Buffer | NodeJS.ReadableStream | undefined;
  if (body && isData(body)) {
    if (Buffer.isBuffer(body)) file = body;
    else {
      // A restore's tar: the engine taking it counts as the engine answering.
      sending = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          watch.sent();
          done(null, chunk);
        },
        flush(done) {
          watch.sentAll();
          done();
        },
      });
      pipeline(body as Readable, sending).catch(() => undefined);
      file = sending;
    }
  }
  return new Promise((resolve, reject) => {
    modem.dial(
      {
        // docker-modem builds the query from `_query` (arrays as repeated keys) and the JSON body from `_body`.
        path: Object.keys(request.query ?? {}).length ? `${request.path}?` : request.path,
        method: request.method ?? 'GET',
        // An empty `_body` keeps docker-modem from sending the query object as the body.
        options: { _query: request.query ?? {}, _body: body && !isData(body) ? body : {} },
        file,
        isStream: true,
        statusCodes: EVERY_STATUS,
        abortSignal: abort.signal,
      },
      (error: unknown, answer: unknown) => {
        if (error || !answer) {
          watch.stop();
          sending?.destroy();
          return reject(failure ?? error);
        }
        const incoming = answer as IncomingMessage;
        response = incoming;
        watch.begin();
        void (async () => {
          const status = incoming.statusCode ?? 0;
          if (!(request.ok ?? [200]).includes(status)) {
            throw new EngineHttpError(status, engineMessage(await readErrorBody(incoming, watch, request.limits.idleMs)));
          }
          // A stream's limits are now its reader's to meet: the watch stops when it closes.
          if (request.answer === 'stream') {
            return { statusCode: status, headers: incoming.headers, body: watchedStream(incoming, watch, fail) } satisfies StreamAnswer;
          }
          if (shape) return readSlimJson(counted(incoming, watch), shape);
          const bytes = await readWhole(incoming, watch);
          return request.answer === 'text' ? bytes.toString('utf8') : parsedOrBytes(bytes);
        })().then(
          (value) => {
            if (request.answer !== 'stream') watch.stop();
            resolve(value);
          },
          (problem: unknown) => {
            watch.stop();
            incoming.destroy();
            reject(failure ?? problem);
          },
        );
      },
    );
  });
}
