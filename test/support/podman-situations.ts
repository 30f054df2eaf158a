// The storage situations of a Podman host, made with the podman CLI the way a user would: every
// kind of mount, the log drivers that work without systemd, dangling volumes named and anonymous
// (one named with 64 hex digits, like an anonymous one), labels that attack the terminal, and a
// volume holding links, hard links and a name that is not UTF-8. Containers are created, not
// started (Podman cannot start them on this machine).
import { chmodSync, linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEngine } from './engines.js';
import { HOSTILE_BYTES, HOSTILE_TEXT } from './hostile.js';
import { podman } from './podman.js';
import { BUSYBOX, importBusyboxImages, POSTGRES } from './situations.js';

export const HOSTILE_LABEL = `${HOSTILE_TEXT.osc52}${HOSTILE_TEXT.bidi}${HOSTILE_TEXT.c1}`;
/** Imported twice: the first import is a dangling image. */
export const OLD_IMAGE = 'fixture/old:1';
/** A named volume whose name looks like an anonymous one's. */
export const HEX_NAMED = 'ab'.repeat(32);

export async function volumeMountpoint(engine: RunningEngine, name: string): Promise<string> {
  return podman(engine, 'volume', 'inspect', '--format', '{{.Mountpoint}}', name);
}

export async function createPodmanSituations(engine: RunningEngine): Promise<void> {
  await importBusyboxImages((...args) => podman(engine, ...args));
  const bindSource = join(engine.dir, 'site');
  mkdirSync(bindSource);
  writeFileSync(join(bindSource, 'index.html'), '<h1>hi</h1>\n');
  const create = (name: string, ...args: string[]) => podman(engine, 'create', '--name', name, '--network', 'none', ...args);
  await podman(engine, 'volume', 'create', '--label', `note=${HOSTILE_LABEL}`, 'appdata');
  await create('app', '--memory', '8m', '--label', `com.docker.compose.project=${HOSTILE_LABEL}`,
    '-v', 'appdata:/data', '-v', '/cache', '-v', `${bindSource}:/srv:ro`,
    '--tmpfs', '/scratch:size=10m', '--tmpfs', '/unbounded',
    '--mount', `type=image,source=${BUSYBOX},destination=/img`, BUSYBOX);
  // The image's VOLUME gives it an anonymous volume at a database's path.
  await create('pg', POSTGRES);
  await create('quiet', '--log-driver', 'none', BUSYBOX);
  await create('capped', '--log-opt', 'max-size=10m', BUSYBOX);
  // Podman's own socket in a container: root on the host, as Docker's is.
  await create('socket-user', '-v', `${engine.socketPath}:/run/podman/podman.sock`, BUSYBOX);
  // Imported again under the same name, the first image is left dangling.
  const emptyTar = join(engine.dir, 'empty.tar');
  writeFileSync(emptyTar, Buffer.alloc(1024));
  for (const version of ['1', '2']) await podman(engine, 'import', '-c', `LABEL version=${version}`, emptyTar, OLD_IMAGE);
  await podman(engine, 'volume', 'create', 'precious');
  await podman(engine, 'volume', 'create', HEX_NAMED);
  // Removed without -v, it leaves its anonymous volume dangling.
  await create('gone', '-v', '/leftover', BUSYBOX);
  await podman(engine, 'rm', 'gone');
  const data = await volumeMountpoint(engine, 'appdata');
  mkdirSync(join(data, 'a/b'), { recursive: true });
  writeFileSync(join(data, 'a/file'), 'hello from podman\n');
  chmodSync(join(data, 'a/file'), 0o640);
  writeFileSync(join(data, 'a/b/big'), Buffer.alloc(3 * 1024 * 1024, 7));
  symlinkSync('../../../../etc/passwd', join(data, 'a/link'));
  symlinkSync('/etc/hostname', join(data, 'abs'));
  linkSync(join(data, 'a/file'), join(data, 'a/hard'));
  writeFileSync(Buffer.concat([Buffer.from(`${data}/`), HOSTILE_BYTES.ff as Buffer]), 'latin-1 name');
}
