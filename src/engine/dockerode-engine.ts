import Docker from 'dockerode';
import { describeAddress, type EngineAddress, readTlsFiles } from './connection/address.js';
import { compareApiVersions, isApiVersion, negotiateApiVersion, OLDEST_API } from './api-version.js';
import { DEFAULT_ENGINE_OPTIONS, type Engine, type EngineOptions } from './engine.js';
import {
  EngineHttpError,
  NotDockerError,
  RequestTimeoutError,
  requestFailedError,
  unreachableError,
} from './engine-errors.js';
import { StowageError } from '../errors.js';
import type {
  RawContainerInspect,
  RawContainerSummary,
  RawDiskUsage,
  RawInfo,
  RawVersion,
  RawVolume,
} from './raw.js';

type Modem = Docker['modem'];

interface Request {
  path: string;
  query?: Record<string, string>;
  timeoutMs: number;
  /** Status codes that count as an answer; others reject with EngineHttpError. */
  ok?: number[];
}

function modemFor(address: EngineAddress, version: string | undefined): Modem {
  const tls = address.kind === 'tcp' && address.tls ? readTlsFiles(address.tls, address.source) : {};
  // docker-modem fills unset options from DOCKER_HOST and DOCKER_CERT_PATH itself; the address
  // was already resolved, so every connection option is given explicitly.
  const saved = { host: process.env.DOCKER_HOST, cert: process.env.DOCKER_CERT_PATH };
  delete process.env.DOCKER_HOST;
  delete process.env.DOCKER_CERT_PATH;
  try {
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

function send(modem: Modem, request: Request): Promise<unknown> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  const statusCodes = Object.fromEntries((request.ok ?? [200]).map((code) => [code, true]));
  return new Promise((resolve, reject) => {
    modem.dial(
      { path: `${request.path}?`, method: 'GET', options: request.query ?? {}, statusCodes, abortSignal: signal },
      (error: unknown, body: unknown) => {
        if (!error) return resolve(body);
        if (signal.aborted) return reject(new RequestTimeoutError(request.timeoutMs));
        const status = (error as { statusCode?: number }).statusCode;
        if (typeof status === 'number') {
          const json = (error as { json?: unknown }).json;
          const message =
            json && typeof json === 'object' && 'message' in json ? String((json as { message: unknown }).message) : 'error';
          return reject(new EngineHttpError(status, message));
        }
        reject(error);
      },
    );
  });
}

function expectObject<T>(body: unknown, what: string): T {
  if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as T;
  throw new NotDockerError(`${what} was not JSON`);
}

function expectArray<T>(body: unknown, what: string): T[] {
  if (Array.isArray(body)) return body as T[];
  throw new NotDockerError(`${what} was not a JSON list`);
}

/**
 * Connects to the engine at `address`: asks its API version (unversioned `/version`), then pins
 * every later request to it, so no client default changes what an endpoint does.
 */
export async function connectEngine(address: EngineAddress, options: EngineOptions = DEFAULT_ENGINE_OPTIONS): Promise<Engine> {
  const probe = modemFor(address, undefined);
  let version: RawVersion;
  try {
    version = expectObject<RawVersion>(await send(probe, { path: '/version', timeoutMs: options.requestTimeoutMs }), '/version');
  } catch (error) {
    if (error instanceof EngineHttpError && error.statusCode === 404) {
      throw unreachableError(new NotDockerError('it has no /version endpoint'), address);
    }
    throw unreachableError(error, address);
  }
  if (!isApiVersion(version.ApiVersion)) {
    throw unreachableError(new NotDockerError('its /version has no ApiVersion'), address);
  }
  if (compareApiVersions(version.ApiVersion, OLDEST_API) < 0) {
    throw new StowageError(
      `the Docker engine at ${describeAddress(address)} speaks API ${version.ApiVersion}; stowage needs ${OLDEST_API} or newer: upgrade Docker`,
    );
  }
  const apiVersion = negotiateApiVersion(version.ApiVersion);
  return new DockerodeEngine(address, apiVersion, version, modemFor(address, apiVersion), options);
}

class DockerodeEngine implements Engine {
  constructor(
    readonly address: EngineAddress,
    readonly apiVersion: string,
    readonly version: RawVersion,
    private readonly modem: Modem,
    private readonly options: EngineOptions,
  ) {}

  private async get(what: string, request: Omit<Request, 'timeoutMs'> & { timeoutMs?: number }): Promise<unknown> {
    try {
      return await send(this.modem, { timeoutMs: this.options.requestTimeoutMs, ...request });
    } catch (error) {
      throw requestFailedError(what, error, this.address);
    }
  }

  async info(): Promise<RawInfo> {
    return expectObject<RawInfo>(await this.get('describe itself', { path: '/info' }), '/info');
  }

  async listContainers(): Promise<RawContainerSummary[]> {
    const body = await this.get('list containers', { path: '/containers/json', query: { all: 'true' } });
    return expectArray<RawContainerSummary>(body, '/containers/json');
  }

  async inspectContainer(id: string): Promise<RawContainerInspect | null> {
    const body = await this.get(`inspect container ${id.slice(0, 12)}`, {
      path: `/containers/${encodeURIComponent(id)}/json`,
      ok: [200, 404],
    });
    const inspect = expectObject<RawContainerInspect & { message?: string }>(body, '/containers/{id}/json');
    return typeof inspect.Id === 'string' ? inspect : null;
  }

  async listVolumes(): Promise<RawVolume[]> {
    const body = expectObject<{ Volumes?: RawVolume[] | null }>(
      await this.get('list volumes', { path: '/volumes' }),
      '/volumes',
    );
    return body.Volumes ?? [];
  }

  async diskUsage(): Promise<RawDiskUsage> {
    const body = await this.get('compute disk usage (system df)', {
      path: '/system/df',
      timeoutMs: this.options.diskUsageTimeoutMs,
    });
    return expectObject<RawDiskUsage>(body, '/system/df');
  }
}
