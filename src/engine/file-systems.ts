// The file systems that hold the engine's data, read on this machine: which paths share one
// (by st_dev), its size, free bytes and inodes (statfs), and where it is mounted. Only reads:
// nothing here writes, so it works on a disk at 100%.
import { readFile, stat, statfs } from 'node:fs/promises';
import type { RawFileSystem, RawFileSystems } from './raw.js';

/** A stat or statfs that hangs (a dead NFS server) leaves the file system unknown after this. */
const CALL_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((done) => (timer = setTimeout(() => done(null), CALL_TIMEOUT_MS)));
  return Promise.race([promise.catch(() => null), timeout]).finally(() => clearTimeout(timer));
}

/** Linux's dev_t as `major:minor`, the way /proc/self/mountinfo writes it. */
function majorMinor(dev: bigint): string {
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}

/** Mount points by `major:minor`, from this process's mount table; empty where there is none. */
async function mountPoints(): Promise<Map<string, string[]>> {
  const table = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  const byDevice = new Map<string, string[]>();
  for (const line of table.split('\n')) {
    const fields = line.split(' ');
    const device = fields[2];
    const point = fields[4];
    if (!device || !point) continue;
    // mountinfo escapes space, tab, newline and backslash as octal.
    const path = point.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
    byDevice.set(device, [...(byDevice.get(device) ?? []), path]);
  }
  return byDevice;
}

const under = (path: string, point: string) => point === '/' || path === point || path.startsWith(`${point}/`);

/**
 * Groups `paths` by the file system they are on and reads each one's figures. A path that cannot
 * be read (missing, no permission) is null in `byPath` and on no file system.
 */
export async function readFileSystems(paths: string[]): Promise<RawFileSystems> {
  const unique = [...new Set(paths.filter(Boolean))];
  const stats = await Promise.all(unique.map((path) => withTimeout(stat(path, { bigint: true }))));
  const byDevice = new Map<bigint, number>();
  const list: RawFileSystem[] = [];
  const byPath: Record<string, number | null> = {};
  const points = await mountPoints();
  for (const [index, path] of unique.entries()) {
    const dev = stats[index]?.dev;
    if (dev === undefined) {
      byPath[path] = null;
      continue;
    }
    let at = byDevice.get(dev);
    if (at === undefined) {
      at = list.length;
      byDevice.set(dev, at);
      const candidates = (points.get(majorMinor(dev)) ?? []).filter((point) => under(path, point));
      const mountPoint = candidates.sort((a, b) => b.length - a.length)[0] ?? null;
      list.push({ paths: [], mountPoint, statfs: null });
    }
    list[at]?.paths.push(path);
    byPath[path] = at;
  }
  await Promise.all(list.map(async (fileSystem) => {
    const figures = await withTimeout(statfs(fileSystem.paths[0] ?? ''));
    fileSystem.statfs = figures && {
      bsize: figures.bsize, blocks: figures.blocks, bfree: figures.bfree, bavail: figures.bavail, files: figures.files, ffree: figures.ffree,
    };
  }));
  return { method: 'local', list, byPath };
}
