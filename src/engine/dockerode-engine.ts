import { slim } from './slim.js';
import { describeAddress, type EngineAddress } from './connection/address.js';
import { type SshTransport, sshTransport } from './connection/ssh-transport.js';
import { compareApiVersions, isApiVersion, negotiateApiVersion, OLDEST_API } from './api-version.js';
import { DEFAULT_ENGINE_OPTIONS, type Engine, type EngineOptions } from './engine.js';
import { EngineHttpError, NotDockerError, requestFailedError, unreachableError } from './engine-errors.js';
import { StowageError } from '../errors.js';
import { engineProduct } from './product.js';
import type { Readable } from 'node:stream';
import { type AnswerKind, type AnswerLimits, answerLimits } from './answer-limits.js';
import { type Modem, modemFor, type Request, send, type StreamAnswer } from './engine-requests.js';
import type { RawChange, RawPathStat } from './engine.js';
import {
  CONTAINER_INSPECT_SHAPE,
  CONTAINER_SUMMARY_SHAPE,
  DISK_USAGE_SHAPE,
  type RawContainerInspect,
  type RawContainerSummary,
  type RawDiskUsage,
  type RawImageSummary,
  type RawInfo,
  type RawVersion,
  type RawVolume,
  VOLUME_SHAPE,
} from './raw.js';

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
  let ssh: SshTransport | null = null;
  if (address.kind === 'ssh') {
    try {
      ssh = await sshTransport(address);
    } catch (error) {
      throw unreachableError(error, address);
    }
  }
  const probe = modemFor(address, undefined, ssh);
  let version: RawVersion;
  try {
    version = expectObject<RawVersion>(await send(probe, { path: '/version', limits: answerLimits('answer', options) }), '/version');
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
  return new DockerodeEngine(address, apiVersion, version, modemFor(address, apiVersion, ssh), options);
}

/** What Podman's own inspect says of a container's log, which its Docker-compatible one loses. */
interface LibpodLogConfig {
  Type?: string;
  /** The cap, as Podman prints sizes ("10MB"); "0B" when there is none. */
  Size?: string;
}

/**
 * Podman's compatible inspect calls its k8s-file logs `json-file` and drops their cap; Podman
 * writes `json-file` as k8s-file too (conmon's one format for a log file). This gives the
 * container Podman's own account: driver `k8s-file`, journald or none, and `max-size` when capped.
 */
function withLibpodLog(inspect: RawContainerInspect, log: LibpodLogConfig | undefined): RawContainerInspect {
  if (!log?.Type) return inspect;
  const type = log.Type === 'json-file' ? 'k8s-file' : log.Type;
  const capped = log.Size && !/^0\s*B?$/i.test(log.Size);
  return {
    ...inspect,
    HostConfig: { ...inspect.HostConfig, LogConfig: { Type: type, Config: capped ? { 'max-size': log.Size as string } : null } },
  };
}

/**
 * Podman's `system df` names each image by its tag alone (`["1"]` for `fixture/busybox:1`,
 * `["<none>"]` for a dangling one) and its id without `sha256:`: this gives them the image list's
 * names and ids, as Docker's `system df` has them, so a dangling image has no tags.
 */
function withImageNames(df: RawDiskUsage, listed: RawImageSummary[]): RawDiskUsage {
  const byId = new Map(listed.map((image) => [image.Id.replace(/^sha256:/, ''), image]));
  return {
    ...df,
    Images: (df.Images ?? []).map((image) => {
      const bare = image.Id.replace(/^sha256:/, '');
      const named = byId.get(bare);
      return { ...image, Id: `sha256:${bare}`, RepoTags: named ? (named.RepoTags ?? []) : (image.RepoTags ?? []).filter((tag) => !tag.startsWith('<none>')) };
    }),
  };
}

class DockerodeEngine implements Engine {
  /** Podman answers some reads differently: its own endpoints fill what the compatible ones lack. */
  private readonly podman: boolean;

  constructor(
    readonly address: EngineAddress,
    readonly apiVersion: string,
    readonly version: RawVersion,
    private readonly modem: Modem,
    private readonly options: EngineOptions,
  ) {
    this.podman = engineProduct(version) === 'podman';
  }

  /** One request, held to the limits of its kind; any failure is one line naming `what` was asked. */
  private async get(what: string, kind: AnswerKind, request: Omit<Request, 'limits' | 'fail'> & { limits?: AnswerLimits }): Promise<unknown> {
    const fail = (error: unknown) => requestFailedError(what, error, this.address);
    try {
      return await send(this.modem, { limits: answerLimits(kind, this.options), ...request, fail });
    } catch (error) {
      throw fail(error);
    }
  }

  async ping(): Promise<void> {
    const answer = await this.get('answer a ping', 'answer', { path: '/_ping', answer: 'text' });
    if (answer !== 'OK') throw requestFailedError('answer a ping', new NotDockerError(`/_ping gave ${JSON.stringify(String(answer).slice(0, 40))}`), this.address);
  }

  async info(): Promise<RawInfo> {
    return expectObject<RawInfo>(await this.get('describe itself', 'answer', { path: '/info' }), '/info');
  }

  async listContainers(): Promise<RawContainerSummary[]> {
    const body = await this.get('list containers', 'list', { path: '/containers/json', query: { all: 'true' }, answer: { slim: CONTAINER_SUMMARY_SHAPE } });
    return expectArray<RawContainerSummary>(body, '/containers/json');
  }

  async inspectContainer(id: string): Promise<RawContainerInspect | null> {
    const what = `inspect container ${id.slice(0, 12)}`;
    const [body, libpod] = await Promise.all([
      this.get(what, 'answer', { path: `/containers/${encodeURIComponent(id)}/json`, ok: [200, 404] }),
      this.podman ? this.get(what, 'answer', { path: `/libpod/containers/${encodeURIComponent(id)}/json`, ok: [200, 404] }) : undefined,
    ]);
    const inspect = expectObject<RawContainerInspect & { message?: string }>(body, '/containers/{id}/json');
    if (typeof inspect.Id !== 'string') return null;
    const log = (libpod as { HostConfig?: { LogConfig?: LibpodLogConfig } } | undefined)?.HostConfig?.LogConfig;
    return slim(withLibpodLog(inspect, log), CONTAINER_INSPECT_SHAPE);
  }

  async listVolumes(): Promise<RawVolume[]> {
    // Podman's compatible list has no sign of an anonymous volume; its own list has `Anonymous`.
    if (this.podman) {
      return expectArray<RawVolume>(await this.get('list volumes', 'list', { path: '/libpod/volumes/json', answer: { slim: VOLUME_SHAPE } }), '/libpod/volumes/json');
    }
    const body = expectObject<{ Volumes?: RawVolume[] | null }>(
      await this.get('list volumes', 'list', { path: '/volumes', answer: { slim: { Volumes: VOLUME_SHAPE } } }),
      '/volumes',
    );
    return body.Volumes ?? [];
  }

  async containerChanges(id: string): Promise<RawChange[] | null> {
    const body = await this.get(`list the changes of container ${id.slice(0, 12)}`, 'list', {
      path: `/containers/${encodeURIComponent(id)}/changes`,
      ok: [200, 404],
    });
    return Array.isArray(body) ? (body as RawChange[]) : body === null || body === '' ? [] : null;
  }

  async readArchive(id: string, path: string, options: { small?: boolean } = {}): Promise<Readable | null> {
    const response = (await this.get(`read ${path} of container ${id.slice(0, 12)}`, options.small ? 'answer' : 'archive', {
      path: `/containers/${encodeURIComponent(id)}/archive`,
      query: { path },
      ok: [200, 404],
      answer: 'stream',
    })) as StreamAnswer;
    if (response.statusCode === 404) {
      response.body.destroy();
      return null;
    }
    return response.body;
  }

  async statPath(id: string, path: string): Promise<RawPathStat | null> {
    const response = (await this.get(`stat ${path} of container ${id.slice(0, 12)}`, 'answer', {
      path: `/containers/${encodeURIComponent(id)}/archive`,
      method: 'HEAD',
      query: { path },
      ok: [200, 404],
      answer: 'stream',
    })) as StreamAnswer;
    response.body.destroy();
    const header = response.headers['x-docker-container-path-stat'];
    if (response.statusCode !== 200 || typeof header !== 'string' || !header) return null;
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as RawPathStat;
  }

  async imageId(reference: string): Promise<string | null> {
    const body = await this.get(`inspect the image ${reference}`, 'answer', { path: `/images/${encodeURIComponent(reference)}/json`, ok: [200, 404] });
    const id = (body as { Id?: unknown } | null)?.Id;
    return typeof id === 'string' && id ? id : null;
  }

  async importImage(tar: Buffer, reference: string, changes: string[]): Promise<string | null> {
    // The tag goes in `repo`: Podman 4 ignores the `tag` parameter of an import (it tags `latest`).
    const text = (await this.get(`import the image ${reference}`, 'answer', {
      path: '/images/create',
      method: 'POST',
      query: { fromSrc: '-', repo: reference, changes },
      body: tar,
      answer: 'text',
    })) as string;
    // The engine reports progress as it imports, the new image's id last: {"status":"sha256:…"}.
    return /"status"\s*:\s*"(sha256:[0-9a-f]{64})"/.exec(text)?.[1] ?? null;
  }

  async createContainer(name: string, body: Record<string, unknown>): Promise<string> {
    const answer = expectObject<{ Id?: string }>(
      await this.get(`create the container ${name}`, 'answer', { path: '/containers/create', method: 'POST', query: { name }, body, ok: [201] }),
      '/containers/create',
    );
    if (!answer.Id) throw new NotDockerError('/containers/create gave no Id');
    return answer.Id;
  }

  async removeContainer(id: string): Promise<void> {
    // v=false: never take volumes along.
    await this.get(`remove container ${id.slice(0, 12)}`, 'answer', {
      path: `/containers/${encodeURIComponent(id)}`,
      method: 'DELETE',
      query: { force: 'true', v: 'false' },
      ok: [204, 404],
    });
  }

  async deleteContainer(id: string): Promise<void> {
    await this.get(`remove container ${id.slice(0, 12)}`, 'answer', { path: `/containers/${encodeURIComponent(id)}`, method: 'DELETE', query: { v: 'false' }, ok: [204] });
  }

  async deleteVolume(name: string): Promise<void> {
    await this.get(`remove volume ${name}`, 'answer', { path: `/volumes/${encodeURIComponent(name)}`, method: 'DELETE', ok: [204] });
  }

  async deleteImage(id: string): Promise<void> {
    await this.get(`remove image ${id.slice(0, 19)}`, 'answer', { path: `/images/${encodeURIComponent(id)}`, method: 'DELETE', query: { noprune: 'false' }, ok: [200] });
  }

  async deleteBuildCache(id: string): Promise<{ deleted: string[]; reclaimedBytes: number }> {
    // One id per request: engines answer 400 ("filters expect only one value") to several.
    const body = expectObject<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>(
      await this.get(`remove build cache ${id.slice(0, 12)}`, 'answer', { path: '/build/prune', method: 'POST', query: { filters: JSON.stringify({ id: [id] }) } }),
      '/build/prune',
    );
    return { deleted: body.CachesDeleted ?? [], reclaimedBytes: body.SpaceReclaimed ?? 0 };
  }

  async startContainer(id: string): Promise<void> {
    await this.get(`start container ${id.slice(0, 12)}`, 'answer', {
      path: `/containers/${encodeURIComponent(id)}/start`,
      method: 'POST',
      ok: [204, 304],
      // A container may take its stop grace period, and a start its hooks: a minute at least.
      limits: answerLimits('answer', { ...this.options, requestTimeoutMs: Math.max(60_000, this.options.requestTimeoutMs) }),
    });
  }

  async stopContainer(id: string): Promise<void> {
    await this.get(`stop container ${id.slice(0, 12)}`, 'answer', {
      path: `/containers/${encodeURIComponent(id)}/stop`,
      method: 'POST',
      ok: [204, 304],
      // A container may take its stop grace period, and a start its hooks: a minute at least.
      limits: answerLimits('answer', { ...this.options, requestTimeoutMs: Math.max(60_000, this.options.requestTimeoutMs) }),
    });
  }

  async createVolume(name: string, labels: Record<string, string>): Promise<void> {
    await this.get(`create volume ${name}`, 'answer', { path: '/volumes/create', method: 'POST', body: { Name: name, Labels: labels }, ok: [201] });
  }

  async putArchive(id: string, path: string, tar: Buffer | NodeJS.ReadableStream): Promise<void> {
    await this.get(`write into ${path} of container ${id.slice(0, 12)}`, 'upload', {
      path: `/containers/${encodeURIComponent(id)}/archive`,
      method: 'PUT',
      query: { path },
      body: tar,
    });
  }

  async listContainersWithLabel(label: string): Promise<RawContainerSummary[]> {
    const body = await this.get('list containers', 'list', {
      path: '/containers/json',
      query: { all: 'true', filters: JSON.stringify({ label: [label] }) },
    });
    return expectArray<RawContainerSummary>(body, '/containers/json');
  }

  async diskUsage(): Promise<RawDiskUsage> {
    return this.wholeDiskUsage(true);
  }

  /** The whole `system df`; `imageNames`: on Podman, with the image list's names (see withImageNames). */
  private async wholeDiskUsage(imageNames: boolean): Promise<RawDiskUsage> {
    const [body, images] = await Promise.all([
      this.get('compute disk usage (system df)', 'disk usage', { path: '/system/df', answer: { slim: DISK_USAGE_SHAPE } }),
      this.podman && imageNames ? this.get('list images', 'list', { path: '/images/json' }) : undefined,
    ]);
    const df = expectObject<RawDiskUsage>(body, '/system/df');
    return images === undefined ? df : withImageNames(df, expectArray<RawImageSummary>(images, '/images/json'));
  }

  async diskUsageOf(kind: 'container' | 'volume'): Promise<RawDiskUsage> {
    // Podman, too, ignores `type`; what is asked for here needs no image names.
    if (compareApiVersions(this.apiVersion, '1.42') < 0) return this.wholeDiskUsage(false);
    const body = await this.get(`compute the ${kind}s' disk usage (system df)`, 'disk usage', {
      path: '/system/df',
      query: { type: [kind] },
      answer: { slim: DISK_USAGE_SHAPE },
    });
    return expectObject<RawDiskUsage>(body, '/system/df');
  }
}
