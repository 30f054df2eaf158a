// The shape a saved snapshot must have before the explorer, the report or `check` reads it: a file
// edited by hand, cut short or made by something else gets one line naming the first wrong field.
// Fields stowage does not know are allowed (a newer stowage may add them).
import type { Snapshot } from '../model/types.js';

/** Checks one value; returns what was expected when it does not fit, else null. */
type Check = (value: unknown, at: string) => string | null;

const string: Check = (value) => (typeof value === 'string' ? null : 'text');
const boolean: Check = (value) => (typeof value === 'boolean' ? null : 'true or false');
const number: Check = (value) => (typeof value === 'number' && Number.isFinite(value) ? null : 'a number');

function nullable(check: Check): Check {
  return (value, at) => (value === null ? null : check(value, at) && `${check(value, at)} or null`);
}

function oneOf(...allowed: string[]): Check {
  return (value) => (typeof value === 'string' && allowed.includes(value) ? null : `one of ${allowed.join(', ')}`);
}

/** A list; the first element that does not fit is named by its index. */
function list(check: Check): Check {
  return (value, at) => {
    if (!Array.isArray(value)) return 'a list';
    for (const [index, element] of value.entries()) {
      const wrong = check(element, `${at}[${index}]`);
      if (wrong) return wrong.startsWith('@') ? wrong : `@${at}[${index}] should be ${wrong}`;
    }
    return null;
  };
}

function record(check: Check): Check {
  return (value, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an object';
    for (const [key, element] of Object.entries(value)) {
      const wrong = check(element, `${at}.${key}`);
      if (wrong) return wrong.startsWith('@') ? wrong : `@${at}.${key} should be ${wrong}`;
    }
    return null;
  };
}

/** An object with these fields; `optional` ones may be absent (older or newer snapshots). */
function shape(fields: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (value, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an object';
    const object = value as Record<string, unknown>;
    for (const [key, check] of [...Object.entries(fields), ...Object.entries(optional)]) {
      if (!(key in object) && key in optional) continue;
      const where = at ? `${at}.${key}` : key;
      if (!(key in object)) return `@${where} is missing`;
      const wrong = check(object[key], where);
      if (wrong) return wrong.startsWith('@') ? wrong : `@${where} should be ${wrong}`;
    }
    return null;
  };
}

/** Bytes, counts, ids and modes: whole, not negative, and exact in a double (no real host has 2^53 bytes). */
const wholeNumber: Check = (value) => (Number.isSafeInteger(value) && (value as number) >= 0 ? null : 'a whole number from 0 to 2^53');

const size = nullable(wholeNumber);

const text = nullable(string);

const hostPath = shape({
  exists: boolean, type: nullable(oneOf('directory', 'file', 'socket', 'other')), empty: nullable(boolean),
  uid: size, gid: size, mode: size, modifiedAt: text,
});

const container = shape(
  {
    id: string, name: string, image: string, state: string, createdAt: text, startedAt: text,
    user: nullable(shape({ spec: string, uid: number, gid: number })),
    composeProject: text, memoryLimitBytes: size, readOnlyRootfs: boolean,
    writableLayer: shape({ sizeBytes: size, path: text, dataPaths: nullable(list(string)) }),
    bindMounts: list(shape({ source: string, destination: string, readOnly: boolean, propagation: text, host: nullable(hostPath) })),
    volumes: list(shape({ name: string, anonymous: boolean, destination: string, readOnly: boolean, sizeBytes: size })),
    tmpfs: list(shape({ destination: string, sizeBytes: size, options: list(string) })),
    log: shape({ driver: string, path: text, sizeBytes: size, maxSizeBytes: size, maxFiles: size }),
  },
  { detailsPending: boolean },
);

const volume = shape(
  {
    name: string, driver: string, anonymous: boolean, sizeBytes: size, refCount: number, containers: list(string),
    dangling: boolean, composeProject: text, composeVolume: text, createdAt: text, mountpoint: text, labels: record(string),
  },
  { anonymousInferred: boolean },
);

const totals = shape({ count: number, activeCount: size, sizeBytes: size, reclaimableBytes: size });

const fileSystem = shape({
  path: string, mountPoint: text, holds: list(string),
  sizeBytes: size, usedBytes: size, freeBytes: size, inodes: size, freeInodes: size,
  docker: shape({ images: size, writableLayers: size, volumes: size, logs: size, buildCache: size, notDockers: size }),
});

const remedy: Check = (value, at) => {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'truncate-log') return shape({ kind: string, container: string })(value, at);
  if (kind === 'backup') return shape({ kind: string, volume: string })(value, at);
  return shape({ kind: oneOf('prune', 'truncate-log', 'backup') })(value, at);
};

const snapshot = shape(
  {
    schemaVersion: number,
    collectedAt: string,
    engine: shape(
      {
        host: string, serverVersion: string, apiVersion: string, storageDriver: string,
        imageStore: oneOf('graphdriver', 'containerd'), rootDir: string,
      },
      { product: oneOf('docker', 'podman') },
    ),
    containers: list(container),
    volumes: list(volume),
    diskUsage: shape({ images: totals, containers: totals, volumes: totals, buildCache: totals }),
  },
  {
    images: list(shape({ id: string, tags: list(string), sizeBytes: size, sharedBytes: size, containers: size })),
    buildCache: list(shape({ id: string, type: string, description: string, sizeBytes: size, inUse: boolean, shared: boolean, lastUsedAt: text })),
    fileSystems: list(fileSystem),
    findings: list(shape({
      id: string, severity: oneOf('danger', 'warning', 'info'),
      subject: shape({ kind: oneOf('container', 'volume', 'project', 'file-system'), name: string }),
      mount: text, containers: list(string), volumes: list(string), title: string, why: string, fix: string,
    }, { remedy })),
    warnings: list(string),
  },
);

/** Null when `value` has a snapshot's shape, else the first field that is wrong, for a message. */
export function snapshotShapeError(value: unknown): string | null {
  const wrong = snapshot(value, '');
  if (!wrong) return null;
  return wrong.startsWith('@') ? wrong.slice(1) : `the document should be ${wrong}`;
}

export function isSnapshot(value: unknown): value is Snapshot {
  return snapshotShapeError(value) === null;
}
