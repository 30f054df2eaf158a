// The `--mount` flags that fixes print must work as printed: pasted into bash and read by the
// docker CLI (which parses --mount as one CSV record), they name exactly the hostile source and
// target they were made from, on a real engine.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Snapshot } from '../../src/model/types.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { runCli } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { scratchDir } from '../support/scratch.js';

const run = promisify(execFile);
/** Every character that CSV or the shell would read otherwise, and no `:` (which -v splits on). */
const HOSTILE = `src "quoted",comma it's $HOME $(id) \`id\` a=b`;
/** A shell word as shellQuote writes one: bare, '…' with '\'' inside, or $'…'. */
const MOUNT_FLAG = /--mount ((?:'[^']*'(?:\\''[^']*')*|\$'(?:[^'\\]|\\.)*'|[A-Za-z0-9_@%+=:,./-]+))/;

describe('the --mount flags of the fixes, run as printed', () => {
  let engine: RunningEngine;
  let snapshot: Snapshot;
  const top = scratchDir('stw-mount-');
  const source = join(top, HOSTILE);
  const target = `/data ${HOSTILE}`;

  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
    // A -v source that does not exist: the engine makes an empty directory, and the fix suggests --mount.
    await docker(engine, 'run', '-d', '--name', 'typo', '--network', 'none', '-v', `${source}:${target}`, BUSYBOX);
    await docker(engine, 'create', '--name', 'scratch', '--network', 'none', '--memory', '64m', '--tmpfs', target, BUSYBOX);
    const result = await runCli(['--json', '--host', engine.host]);
    assert.equal(result.code, 0, result.stderr);
    snapshot = JSON.parse(result.stdout) as Snapshot;
  });
  after(async () => {
    await engine?.stop();
    rmSync(top, { recursive: true, force: true });
  });

  /** Creates a container with the fix's --mount flag pasted into a bash command line; resolves with its inspect. */
  async function createWithFlag(findingId: string, name: string): Promise<{ Mounts: { Source: string; Destination: string }[]; HostConfig: { Mounts: { Type: string; Source?: string; Target: string; TmpfsOptions?: { SizeBytes?: number } }[] } }> {
    const fix = snapshot.findings.find((finding) => finding.id === findingId)?.fix ?? '';
    const flag = MOUNT_FLAG.exec(fix)?.[0];
    assert.ok(flag, `a --mount flag in: ${fix}`);
    const env = { PATH: process.env.PATH ?? '', DOCKER_HOST: engine.host, DOCKER_CONFIG: join(engine.dir, 'cli') };
    await run('bash', ['--norc', '--noprofile', '-c', `docker create --name ${name} --network none ${flag} ${BUSYBOX}`], { env }).catch((error: { stderr?: string }) => {
      throw new Error(`the printed flag failed: ${flag}\n${error.stderr ?? ''}`);
    });
    return (JSON.parse(await docker(engine, 'inspect', name)) as [never])[0];
  }

  it('a bind source with quotes, commas, spaces and dollars', async () => {
    const inspect = await createWithFlag('bind-source-created-by-engine', 'from-bind-fix');
    assert.deepEqual(inspect.HostConfig.Mounts.map((mount) => [mount.Type, mount.Source, mount.Target]), [['bind', source, target]]);
  });

  it('a tmpfs target with the same, and the size the fix gives', async () => {
    const inspect = await createWithFlag('tmpfs-unbounded-with-memory-limit', 'from-tmpfs-fix');
    assert.deepEqual(inspect.HostConfig.Mounts.map((mount) => [mount.Type, mount.Target, mount.TmpfsOptions?.SizeBytes]), [['tmpfs', target, 16 * 1024 * 1024]]);
  });
});
