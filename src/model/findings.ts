// The classic container-storage mistakes, found in a snapshot: each with why it matters and the
// exact fix. Pure: what could not be read (null facts) yields no finding, never a guess.
import type { EngineProduct } from '../engine/product.js';
import { DEFAULT_DISK_THRESHOLDS, type DiskThresholds, diskFindings } from './disk-findings.js';
import { logFileSystems } from './file-systems.js';
import { formatBytes } from './format-bytes.js';
import { statefulMount, statefulPathOf } from '../stateful-paths.js';
import type { BindMount, ContainerStorage, FileSystemUsage, Finding, Severity, Snapshot, VolumeUsage } from './types.js';
import { mountFlag, shellQuote as q } from '../text/shell-quote.js';
import { yamlScalar, yamlString } from '../text/yaml-quote.js';

/** The disk thresholds may be left out: their defaults apply. */
export interface FindingThresholds extends Partial<DiskThresholds> {
  /** A writable layer this big is worth moving to a volume. */
  largeLayerBytes: number;
  /** A log this big is a problem already. */
  largeLogBytes: number;
  hugeLogBytes: number;
}

export const DEFAULT_THRESHOLDS: Required<FindingThresholds> = {
  largeLayerBytes: 1_000_000_000,
  largeLogBytes: 100_000_000,
  hugeLogBytes: 1_000_000_000,
  ...DEFAULT_DISK_THRESHOLDS,
};

export const SEVERITY_ORDER: Record<Severity, number> = { danger: 0, warning: 1, info: 2 };
/** One character per severity, so a marker never relies on color. */
export const SEVERITY_MARKER: Record<Severity, string> = { danger: '!', warning: '*', info: 'i' };
const FILE_LIKE = /\.(ya?ml|json|conf|cfg|ini|toml|env|xml|properties|pem|crt|key|txt|sh|js|py|lua|sql|cnf|htpasswd)$/i;
/** Docker's socket, or Podman's (its API does the same: root on the host when it runs as root). */
const ENGINE_SOCKET = /(^|\/)(docker|podman)\.sock$/;
/** How long after a container's creation or start an empty source still counts as made by the engine. */
const ENGINE_MADE_WINDOW_MS = 10_000;

type NewFinding = Omit<Finding, 'containers' | 'volumes' | 'mount'> & Partial<Pick<Finding, 'containers' | 'volumes' | 'mount'>>;

const finding = (fields: NewFinding): Finding => ({ containers: [], volumes: [], mount: null, ...fields });

function layerFindings(container: ContainerStorage, thresholds: FindingThresholds): Finding[] {
  const found: Finding[] = [];
  const layer = container.writableLayer;
  for (const path of layer.dataPaths ?? []) {
    const stateful = statefulPathOf(path, container.image);
    const what = stateful?.what ?? 'Data';
    found.push(finding({
      id: 'data-in-writable-layer', severity: 'danger', subject: { kind: 'container', name: container.name },
      containers: [container.name], mount: path,
      title: `${what} data in the writable layer of ${container.name} (${path}): lost on docker rm`,
      why: `No volume or bind mount covers ${path}, so the files live in the container's own layer; removing or recreating the container (docker rm, compose up --force-recreate, an image update) deletes them.`,
      fix: `copy it out, then give it a named volume:\n  docker cp ${q(`${container.name}:${path}`)} ${q(`./${container.name}-data`)}\n  docker run … -v ${q(`${container.name}-data:${path}`)} ${q(container.image)}\n  # compose: volumes: [${yamlString(`${container.name}-data:${path}`)}]`,
    }));
  }
  if (!found.length && layer.sizeBytes !== null && layer.sizeBytes >= thresholds.largeLayerBytes && !container.readOnlyRootfs) {
    found.push(finding({
      id: 'large-writable-layer', severity: 'warning', subject: { kind: 'container', name: container.name },
      containers: [container.name],
      title: `${formatBytes(layer.sizeBytes)} written inside ${container.name}: lost on docker rm`,
      why: 'Whatever a container writes outside its mounts lands in its writable layer: slow copy-on-write storage that disappears with the container.',
      fix: `see what it writes with \`docker diff ${q(container.name)}\` (or Enter on the layer here), then mount a volume there:\n  docker run … -v ${q(`${container.name}-data:/that/path`)} ${q(container.image)}`,
    }));
  }
  return found;
}

function anonymousStatefulFindings(container: ContainerStorage): Finding[] {
  return container.volumes.flatMap((mount) => {
    const stateful = mount.anonymous ? statefulMount(mount.destination, container.image) : null;
    if (!stateful) return [];
    const name = `${container.name}-data`;
    return [finding({
      id: 'stateful-anonymous-volume', severity: 'warning', subject: { kind: 'container', name: container.name },
      containers: [container.name], volumes: [mount.name], mount: mount.destination,
      title: `${stateful.what} data of ${container.name} on an anonymous volume (${mount.destination})`,
      why: `The image declares VOLUME ${mount.destination}, and nothing named it: \`docker rm -v\`, \`--rm\`, \`docker compose down -v\` or a volume prune deletes ${mount.name.slice(0, 12)}…, and a new container gets a new, empty one.`,
      fix: `give it a name and copy the data over:\n  docker volume create ${q(name)}\n  docker run --rm -v ${q(`${mount.name}:/from`)} -v ${q(`${name}:/to`)} busybox cp -a /from/. /to/\n  then recreate ${container.name} with -v ${q(`${name}:${mount.destination}`)}\n  # compose: volumes: [${yamlString(`${name}:${mount.destination}`)}]`,
    })];
  });
}

/**
 * Podman's `volume prune` takes every unused volume, named ones too (Docker's, since 23, only
 * anonymous ones): on Podman no fix may suggest it for anonymous volumes.
 */
function danglingFindings(volumes: VolumeUsage[], product: EngineProduct): Finding[] {
  const cli = product === 'podman' ? 'podman' : 'docker';
  const pruneNote = product === 'podman'
    ? 'not podman volume prune: it removes unused named volumes too'
    : 'or: docker volume prune (on Docker 23+ it takes only anonymous volumes)';
  const found: Finding[] = [];
  const anonymous = volumes.filter((volume) => volume.dangling && volume.anonymous);
  if (anonymous.length) {
    const bytes = anonymous.reduce((sum, volume) => sum + (volume.sizeBytes ?? 0), 0);
    found.push(finding({
      id: 'dangling-anonymous-volumes', severity: 'info', subject: { kind: 'volume', name: `${anonymous.length} anonymous volumes` },
      volumes: anonymous.map((volume) => volume.name),
      title: `${anonymous.length} anonymous volume${anonymous.length === 1 ? '' : 's'} no container uses: ${formatBytes(bytes)} to free`,
      why: 'Left behind by containers removed without -v; nothing refers to them by name, so they are usually safe to remove.',
      fix: `${cli} volume rm ${anonymous.slice(0, 3).map((volume) => q(volume.name.slice(0, 12))).join(' ')}${anonymous.length > 3 ? ' …' : ''}\n  # ${pruneNote}`,
    }));
  }
  for (const volume of volumes.filter((candidate) => candidate.dangling && !candidate.anonymous)) {
    found.push(finding({
      id: 'dangling-named-volume', severity: 'warning', subject: { kind: 'volume', name: volume.name }, volumes: [volume.name],
      title: `named volume ${volume.name} is unused${volume.sizeBytes === null ? '' : `: ${formatBytes(volume.sizeBytes)}`}`,
      why: `Someone named it, so it may be precious (a database whose container was removed); ${product === 'podman' ? '`podman volume prune`' : '`docker volume prune --all`'} or \`${cli} system prune --volumes\` would delete it.`,
      fix: `look inside before deciding:\n  ${cli} run --rm -v ${q(`${volume.name}:/v:ro`)} busybox ls -la /v\n  keep it (back it up), or remove it: ${cli} volume rm ${q(volume.name)}`,
    }));
  }
  return found;
}

function engineMade(bind: BindMount, container: ContainerStorage): boolean {
  const host = bind.host;
  if (!host?.exists || host.type !== 'directory' || host.empty !== true || host.uid !== 0 || !host.modifiedAt) return false;
  const made = Date.parse(host.modifiedAt);
  const moments = [container.createdAt, container.startedAt].filter((at): at is string => at !== null).map(Date.parse);
  return moments.some((moment) => made >= moment - 2000 && made <= moment + ENGINE_MADE_WINDOW_MS);
}

function canWrite(bind: BindMount, user: { uid: number; gid: number }): boolean | null {
  const host = bind.host;
  if (!host?.exists || host.uid === null || host.gid === null || host.mode === null) return null;
  if (user.uid === 0) return true;
  if (host.uid === user.uid) return (host.mode & 0o200) !== 0;
  if (host.gid === user.gid) return (host.mode & 0o020) !== 0;
  return (host.mode & 0o002) !== 0;
}

function bindFindings(container: ContainerStorage): Finding[] {
  const found: Finding[] = [];
  for (const bind of container.bindMounts) {
    const about = { subject: { kind: 'container' as const, name: container.name }, containers: [container.name], mount: bind.destination };
    if (ENGINE_SOCKET.test(bind.source) || ENGINE_SOCKET.test(bind.destination)) {
      found.push(finding({
        ...about, id: 'engine-socket-mounted', severity: 'danger',
        title: `${container.name} has the ${/podman\.sock$/.test(bind.source) ? 'Podman' : 'Docker'} engine socket (${bind.source})`,
        why: 'Whoever controls the container can start a privileged container that mounts the host\'s /: root on the host. Mounting it read-only does not help; the API still works.',
        fix: `remove -v ${q(`${bind.source}:${bind.destination}`)}; if the container must see the engine, give it a filtering proxy that allows only what it needs (for example tecnativa/docker-socket-proxy with CONTAINERS=1, POST=0)`,
      }));
      continue;
    }
    const name = bind.source.split('/').pop() ?? '';
    if (FILE_LIKE.test(name) && bind.host?.type === 'directory' && bind.host.empty === true) {
      found.push(finding({
        ...about, id: 'bind-file-became-directory', severity: 'warning',
        title: `${bind.source} is an empty directory: a file was meant`,
        why: `The file did not exist when ${container.name} started, so the engine created a directory in its place; the program reads an empty directory at ${bind.destination} instead of its configuration.`,
        fix: `sudo rmdir ${q(bind.source)} && put the real file there, then docker restart ${q(container.name)}\n  # --mount type=bind,source=…,target=… fails on a missing source instead of creating it`,
      }));
    } else if (engineMade(bind, container)) {
      found.push(finding({
        ...about, id: 'bind-source-created-by-engine', severity: 'warning',
        title: `${bind.source} (${container.name}:${bind.destination}) is an empty directory made as the container was created: a typo in the path?`,
        why: `When a -v source does not exist, the engine creates it as an empty root-owned directory; this one appeared within seconds of ${container.name} and holds nothing, so ${container.name} sees nothing at ${bind.destination} and its writes land in a place nobody looks.`,
        fix: `check the path in the run command or compose file; ${mountFlag([['type', 'bind'], ['source', bind.source], ['target', bind.destination]])} refuses a missing source instead of creating it`,
      }));
    }
    const writable = !bind.readOnly && container.user ? canWrite(bind, container.user) : null;
    if (writable === false && container.user && bind.host) {
      const { uid, gid } = container.user;
      found.push(finding({
        ...about, id: 'bind-not-writable', severity: 'warning',
        title: `${container.name} (uid ${uid}) cannot write to ${bind.source} (${bind.host.uid}:${bind.host.gid}, mode ${(bind.host.mode ?? 0).toString(8)})`,
        why: `The bind mount is read-write, but the container's user is neither the owner nor in the group of the host directory, and others may not write: writes to ${bind.destination} fail with "Permission denied".`,
        fix: `sudo chown -R ${uid}:${gid} ${q(bind.source)}\n  # or run as the owner: docker run --user ${bind.host.uid}:${bind.host.gid} …; or mount it :ro if it is not meant to be written`,
      }));
    }
  }
  return found;
}

function tmpfsFindings(container: ContainerStorage): Finding[] {
  const limit = container.memoryLimitBytes;
  if (limit === null) return [];
  return container.tmpfs.flatMap((mount) => {
    const about = { subject: { kind: 'container' as const, name: container.name }, containers: [container.name], mount: mount.destination };
    if (mount.sizeBytes !== null && mount.sizeBytes > limit) {
      return [finding({
        ...about, id: 'tmpfs-over-memory-limit', severity: 'danger',
        title: `tmpfs ${mount.destination} of ${container.name} may hold ${formatBytes(mount.sizeBytes)}, over its ${formatBytes(limit)} memory limit`,
        why: 'tmpfs pages count against the container\'s memory limit: filling it gets the container OOM-killed before the tmpfs is full.',
        fix: `give the tmpfs a size below the limit, leaving room for the program: --tmpfs ${q(`${mount.destination}:size=${Math.max(1, Math.floor(limit / 4 / 1048576))}m`)}\n  # compose: tmpfs: [${yamlString(`${mount.destination}:size=${Math.max(1, Math.floor(limit / 4 / 1048576))}m`)}]`,
      })];
    }
    if (mount.sizeBytes === null) {
      return [finding({
        ...about, id: 'tmpfs-unbounded-with-memory-limit', severity: 'warning',
        title: `tmpfs ${mount.destination} of ${container.name} has no size, under a ${formatBytes(limit)} memory limit`,
        why: 'An unbounded tmpfs may grow to half the host\'s memory, and its pages count against the container\'s limit: a large write gets the container OOM-killed.',
        fix: `--tmpfs ${q(`${mount.destination}:size=${Math.max(1, Math.floor(limit / 4 / 1048576))}m`)}  (or ${mountFlag([['type', 'tmpfs'], ['destination', mount.destination], ['tmpfs-size', `${Math.max(1, Math.floor(limit / 4 / 1048576))}m`]])})`,
      })];
    }
    return [];
  });
}

const LOG_CAP_FIX = `cap it per container: docker run --log-opt max-size=10m --log-opt max-file=3 …
  # compose: logging: { driver: json-file, options: { max-size: "10m", max-file: "3" } }
  # for every new container, /etc/docker/daemon.json: {"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}`;

/** Podman's k8s-file log (also what it writes for `json-file`): one file, capped by log_size_max. */
const PODMAN_LOG_CAP_FIX = `cap it per container: podman run --log-opt max-size=10m …
  # compose: logging: { driver: k8s-file, options: { max-size: "10m" } }
  # for every new container, containers.conf: [containers] log_size_max = 10485760`;

/** The log files stowage reads and can empty: Docker's json-file, Podman's k8s-file. */
const FILE_LOGS: Record<string, { fix: string }> = { 'json-file': { fix: LOG_CAP_FIX }, 'k8s-file': { fix: PODMAN_LOG_CAP_FIX } };

/**
 * A large log is a finding of its own, a danger when huge or when it holds a large share of its
 * file system; logs without a cap are one finding for all of them.
 */
function logFindings(containers: ContainerStorage[], thresholds: Required<FindingThresholds>, fileSystems: Map<string, FileSystemUsage>): Finding[] {
  const found: Finding[] = [];
  const uncapped = new Map<string, ContainerStorage[]>();
  for (const container of containers) {
    const log = container.log;
    const kind = FILE_LOGS[log.driver];
    if (container.detailsPending || !kind) continue;
    const size = log.sizeBytes;
    const diskBytes = fileSystems.get(container.name)?.sizeBytes ?? null;
    const share = size !== null && diskBytes ? size / diskBytes : null;
    const bigShare = share !== null && size !== null && share >= thresholds.logDangerShare && size >= thresholds.logShareFloorBytes;
    if (size !== null && (size >= thresholds.largeLogBytes || bigShare)) {
      found.push(finding({
        id: 'log-large', severity: size >= thresholds.hugeLogBytes || bigShare ? 'danger' : 'warning',
        subject: { kind: 'container', name: container.name }, containers: [container.name],
        title: `the log of ${container.name} is ${formatBytes(size)}${share !== null && share >= 0.1 ? ` (${Math.round(share * 100)}% of its disk)` : ''}${log.maxSizeBytes === null ? ' and has no size cap' : ''}`,
        remedy: { kind: 'truncate-log', container: container.name },
        why: 'Container logs live on the engine\'s disk, are counted by neither `docker system df` nor the writable layer, and fill the disk silently.',
        fix: `${log.maxSizeBytes === null ? `${kind.fix}\n  ` : ''}a cap applies to new containers: recreate ${container.name}; to reclaim the space now: sudo truncate -s 0 ${log.path ? q(log.path) : '<log path>'}`,
      }));
    } else if (log.maxSizeBytes === null) {
      uncapped.set(log.driver, [...(uncapped.get(log.driver) ?? []), container]);
    }
  }
  for (const [driver, list] of uncapped) {
    const names = list.map((container) => container.name);
    found.push(finding({
      id: 'log-uncapped', severity: 'info', subject: { kind: 'container', name: list.length === 1 ? names[0] ?? '' : `${list.length} containers` },
      containers: names,
      title: `${list.length === 1 ? `the ${driver} log of ${names[0]} has` : `${list.length} containers log to ${driver} with`} no size cap`,
      why: `${driver} keeps every line by default: a chatty container fills the disk over weeks (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}).`,
      fix: FILE_LOGS[driver]?.fix ?? LOG_CAP_FIX,
    }));
  }
  return found;
}

function composeFindings(volumes: VolumeUsage[]): Finding[] {
  const projects = new Map<string, VolumeUsage[]>();
  for (const volume of volumes) {
    if (volume.composeProject) projects.set(volume.composeProject, [...(projects.get(volume.composeProject) ?? []), volume]);
  }
  return [...projects].map(([project, owned]) => finding({
    id: 'compose-down-v-removes', severity: 'info', subject: { kind: 'project', name: project },
    volumes: owned.map((volume) => volume.name),
    title: `\`docker compose down -v\` in project ${project} removes ${owned.length} volume${owned.length === 1 ? '' : 's'}: ${owned.map((volume) => volume.name).join(', ')}`,
    why: 'Compose owns the volumes it created; -v (or --volumes) deletes them with the project, data included.',
    fix: `back them up first, and for volumes that must outlive the project declare them external:\n  volumes:\n    ${yamlScalar(owned[0]?.composeVolume ?? 'data')}:\n      external: true\n      name: ${yamlScalar(owned[0]?.name ?? 'data')}`,
  }));
}

/** Every finding of a snapshot, most severe first. */
export function deriveFindings(snapshot: Omit<Snapshot, 'findings'>, given: FindingThresholds = DEFAULT_THRESHOLDS): Finding[] {
  const thresholds = { ...DEFAULT_DISK_THRESHOLDS, ...given };
  const found = [
    ...snapshot.containers.flatMap((container) => [
      ...layerFindings(container, thresholds),
      ...anonymousStatefulFindings(container),
      ...bindFindings(container),
      ...tmpfsFindings(container),
    ]),
    ...logFindings(snapshot.containers, thresholds, logFileSystems(snapshot.fileSystems)),
    ...diskFindings(snapshot, thresholds),
    ...danglingFindings(snapshot.volumes, snapshot.engine.product ?? 'docker'),
    ...composeFindings(snapshot.volumes),
  ];
  return found.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.title.localeCompare(b.title));
}

/**
 * A fix's lines as printed: the first without its indentation, the rest keeping theirs relative to
 * one another, so a compose snippet stays valid YAML.
 */
export function fixLines(fix: string): string[] {
  const [first = '', ...rest] = fix.split('\n');
  const indents = rest.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length);
  const common = indents.length ? Math.min(...indents) : 0;
  return [first.trim(), ...rest.map((line) => line.slice(common).trimEnd())];
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER[severity] <= SEVERITY_ORDER[threshold];
}
