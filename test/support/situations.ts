// The storage situations of the seed documents, made on a real engine with the docker CLI, the way
// a user would make them. Containers use `--network none`: the test engines have no bridge.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docker } from './docker-cli.js';
import type { RunningEngine } from './engines.js';
import { scratchDir } from './scratch.js';

export const BUSYBOX = 'fixture/busybox:1';
/** Like the real postgres image, it declares VOLUME /var/lib/postgresql/data. */
export const POSTGRES = 'fixture/postgres:17';
export const PG_DATA = '/var/lib/postgresql/data';
export const MiB = 1024 * 1024;

const APPLETS = ['sh', 'dd', 'sleep', 'mkdir', 'echo', 'cat', 'ls', 'true', 'seq', 'head', 'yes'];

/**
 * Imports busybox-static as the fixture images with `cli` (`docker` or `podman`, given
 * `import -c CHANGE FILE NAME`): no registry needed.
 */
export async function importBusyboxImages(cli: (...args: string[]) => Promise<string>): Promise<void> {
  const rootfs = scratchDir('stw-rootfs-');
  const tarball = `${rootfs}.tar`;
  try {
    mkdirSync(join(rootfs, 'bin'));
    mkdirSync(join(rootfs, 'tmp'));
    mkdirSync(join(rootfs, 'etc'));
    writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
    writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n');
    copyFileSync('/bin/busybox', join(rootfs, 'bin/busybox'));
    chmodSync(join(rootfs, 'bin/busybox'), 0o755);
    for (const applet of APPLETS) symlinkSync('busybox', join(rootfs, 'bin', applet));
    execFileSync('tar', ['-C', rootfs, '-cf', tarball, '.']);
    const sleep = 'CMD ["sleep","100000"]';
    await cli('import', '-c', sleep, tarball, BUSYBOX);
    await cli('import', '-c', sleep, '-c', `VOLUME ${PG_DATA}`, tarball, POSTGRES);
  } finally {
    rmSync(tarball, { force: true });
    rmSync(rootfs, { recursive: true, force: true });
  }
}

/** Imports busybox-static as images on a Docker engine. */
export const importFixtureImages = (engine: RunningEngine): Promise<void> => importBusyboxImages((...args) => docker(engine, ...args));

export interface Situations {
  /** Host folder the bind mounts point into. */
  hostDir: string;
  missingBindSource: string;
  chattyLines: number;
}

/**
 * The bind mount traps of the seed documents, each next to its healthy twin: a config file that
 * did not exist (the engine makes a directory), a directory the container's user cannot write,
 * and the engine's own socket.
 */
export async function createBindTraps(engine: RunningEngine, hostDir: string): Promise<void> {
  writeFileSync(join(hostDir, 'real.yaml'), 'port: 8080\n');
  mkdirSync(join(hostDir, 'root-owned'), { mode: 0o755 });
  writeFileSync(join(hostDir, 'root-owned', 'README'), 'owned by root\n');
  mkdirSync(join(hostDir, 'app-owned'), { mode: 0o755 });
  writeFileSync(join(hostDir, 'app-owned', 'README'), 'owned by app\n');
  chownSync(join(hostDir, 'app-owned'), 1000, 1000);
  await runDetached(engine, '--name', 'config-typo',
    '-v', `${join(hostDir, 'app.yaml')}:/etc/app/app.yaml`, '-v', `${join(hostDir, 'real.yaml')}:/etc/app/real.yaml`, BUSYBOX);
  await runDetached(engine, '--name', 'app-user', '--user', 'app',
    '-v', `${join(hostDir, 'root-owned')}:/work`, '-v', `${join(hostDir, 'app-owned')}:/ok`, '-v', `${join(hostDir, 'root-owned')}:/ro:ro`, BUSYBOX);
  await runDetached(engine, '--name', 'socket-user', '-v', `${engine.socketPath}:/var/run/docker.sock`, BUSYBOX);
}

const runDetached = (engine: RunningEngine, ...args: string[]) =>
  docker(engine, 'run', '-d', '--network', 'none', ...args);

/** Runs a container to completion and waits for it to exit. */
async function runToEnd(engine: RunningEngine, ...args: string[]): Promise<void> {
  const id = await docker(engine, 'run', '-d', '--network', 'none', ...args);
  await docker(engine, 'wait', id);
}

export async function createSituations(engine: RunningEngine): Promise<Situations> {
  await importFixtureImages(engine);
  const hostDir = join(engine.dir, 'host');
  mkdirSync(join(hostDir, 'site'), { recursive: true });
  writeFileSync(join(hostDir, 'site', 'index.html'), '<h1>hello</h1>\n');
  const missingBindSource = join(hostDir, 'typo', 'uploads');

  // Database data in a named volume, with a capped json log.
  await runDetached(engine, '--name', 'pg-named', '-v', `pgdata:${PG_DATA}`,
    '--log-opt', 'max-size=10m', '--log-opt', 'max-file=3',
    POSTGRES, 'sh', '-c', `dd if=/dev/zero of=${PG_DATA}/base bs=1M count=2 && sleep 100000`);
  // The same image without -v: its VOLUME becomes an anonymous volume.
  await runDetached(engine, '--name', 'pg-anon', POSTGRES,
    'sh', '-c', `dd if=/dev/zero of=${PG_DATA}/base bs=1M count=1 && sleep 100000`);
  // Database files in the writable layer: gone on `docker rm`.
  await runToEnd(engine, '--name', 'mysql-in-layer', BUSYBOX,
    'sh', '-c', 'mkdir -p /var/lib/mysql && dd if=/dev/zero of=/var/lib/mysql/ibdata1 bs=1M count=3');
  // A read-only bind mount, and one whose source did not exist (the engine creates it empty).
  await runDetached(engine, '--name', 'web-binds',
    '-v', `${join(hostDir, 'site')}:/usr/share/nginx/html:ro`, '-v', `${missingBindSource}:/uploads`, BUSYBOX);
  // tmpfs bounded, unbounded, and larger than the memory limit.
  await runDetached(engine, '--name', 'tmpfs-cache', '--memory', '64m',
    '--tmpfs', '/cache:size=32m', '--tmpfs', '/scratch',
    '--mount', 'type=tmpfs,destination=/big,tmpfs-size=268435456', BUSYBOX);
  // A read-only root that writes only to tmpfs.
  await runDetached(engine, '--name', 'ro-root', '--read-only', '--tmpfs', '/run', '--tmpfs', '/tmp:size=16m', BUSYBOX);
  // One volume shared writable and read-only.
  await docker(engine, 'volume', 'create', 'shared-data');
  await runDetached(engine, '--name', 'shared-writer', '-v', 'shared-data:/data', BUSYBOX);
  await runDetached(engine, '--name', 'shared-reader', '-v', 'shared-data:/data:ro', BUSYBOX);
  // Dangling volumes: a named one with data, and an anonymous one left by `docker rm` without -v.
  await docker(engine, 'volume', 'create', 'orphan-uploads');
  await runToEnd(engine, '--name', 'orphan-filler', '-v', 'orphan-uploads:/u', BUSYBOX,
    'dd', 'if=/dev/zero', 'of=/u/blob', 'bs=1M', 'count=4');
  await docker(engine, 'rm', 'orphan-filler');
  await runToEnd(engine, '--name', 'anon-leftover', '-v', '/scratch', BUSYBOX, 'true');
  await docker(engine, 'rm', 'anon-leftover');
  // A compose project's volume, made by Compose itself.
  const project = join(hostDir, 'shop');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'compose.yaml'), [
    'services:',
    '  db:',
    `    image: ${BUSYBOX}`,
    '    network_mode: none',
    '    volumes:',
    `      - dbdata:${PG_DATA}`,
    'volumes:',
    '  dbdata:',
    '',
  ].join('\n'));
  await docker(engine, 'compose', '--project-directory', project, '-p', 'shop', 'up', '-d');
  // An uncapped json log with some volume to it.
  const chattyLines = 20000;
  await runToEnd(engine, '--name', 'chatty', BUSYBOX, 'sh', '-c', `seq 1 ${chattyLines}`);
  return { hostDir, missingBindSource, chattyLines };
}
