// The README's install: the package packed in a clone and installed globally from its tarball is a
// copy of its own, so the clone's dist/ deleted and rebuilt (as `npm test` does) leaves the command working.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Snapshot } from '../../src/model/types.js';
import { PROJECT_ROOT } from '../support/engines.js';
import { packInto, runInstalled } from '../support/installed.js';
import { scratchDir } from '../support/scratch.js';

describe('stowage installed with npm install -g from its packed tarball', () => {
  const clone = scratchDir('stw-clone-');
  const prefix = scratchDir('stw-prefix-');
  const home = scratchDir('stw-global-home-');
  const command = join(prefix, 'bin', 'stowage');
  const stowage = (args: string[]) => runInstalled(command, args, home, { PATH: process.env.PATH, HOME: home });

  before(() => {
    // What `npm pack` takes from a built clone: its package.json and dist/bundle.
    cpSync(join(PROJECT_ROOT, 'package.json'), join(clone, 'package.json'));
    cpSync(join(PROJECT_ROOT, 'dist/bundle'), join(clone, 'dist/bundle'), { recursive: true });
    const tarball = packInto(clone, clone);
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: clone, stdio: 'ignore' });
    rmSync(join(clone, 'dist'), { recursive: true });
  });

  it('is a command of its own under the prefix, not a link into the clone', () => {
    assert.ok(realpathSync(command).startsWith(`${prefix}/lib/node_modules/stowage/`), realpathSync(command));
  });

  it("answers --version and shows the demo host with the clone's dist/ gone", async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(await stowage(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
    const demo = await stowage(['--demo', '--json']);
    assert.equal(demo.code, 0, demo.stderr);
    const snapshot = JSON.parse(demo.stdout) as Snapshot;
    assert.ok(snapshot.containers.some((container) => container.name === 'app-user'));
  });
});
