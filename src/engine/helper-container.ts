// stowage's helper: a container made from an imported empty image and never started. Through the
// engine's archive endpoint it reads volumes and host paths without pulling an image or running
// anything, on a local or a remote engine alike.
import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.js';

export const HELPER_LABEL = 'io.stowage.helper';
export const HELPER_IMAGE = 'stowage/helper:empty';
/** An empty tar: two zero blocks. */
const EMPTY_TAR = Buffer.alloc(1024);

export interface HelperMount {
  type: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}

async function ensureHelperImage(engine: Engine): Promise<void> {
  if (await engine.imageExists(HELPER_IMAGE)) return;
  const [repository = '', tag = ''] = HELPER_IMAGE.split(':');
  await engine.importImage(EMPTY_TAR, repository, tag, [`LABEL ${HELPER_LABEL}=true`]);
}

/** Removes helpers a crashed run left behind. */
export async function removeLeftoverHelpers(engine: Engine): Promise<number> {
  const leftovers = await engine.listContainersWithLabel(HELPER_LABEL);
  await Promise.all(leftovers.map((container) => engine.removeContainer(container.Id)));
  return leftovers.length;
}

/** Creates a helper with `mounts`, hands its id to `use`, and always removes it. */
export async function withHelper<T>(engine: Engine, mounts: HelperMount[], use: (id: string) => Promise<T>): Promise<T> {
  await ensureHelperImage(engine);
  const id = await engine.createContainer(`stowage-helper-${randomBytes(4).toString('hex')}`, {
    Image: HELPER_IMAGE,
    Cmd: ['none'],
    Labels: { [HELPER_LABEL]: 'true' },
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: 'none',
      // Mounts (not Binds): a missing bind source is an error here, never created.
      Mounts: mounts.map((mount) => ({
        Type: mount.type,
        Source: mount.source,
        Target: mount.target,
        ReadOnly: mount.readOnly,
        ...(mount.type === 'volume' ? { VolumeOptions: { NoCopy: true } } : {}),
      })),
    },
  });
  try {
    return await use(id);
  } finally {
    await engine.removeContainer(id).catch(() => undefined);
  }
}
