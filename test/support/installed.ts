// stowage as installed, away from this repository: the npm package packed into a tarball and
// installed from it, and an installed command run from a folder of its own with the environment given.
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './engines.js';
import type { CliResult } from './run-cli.js';

/** Packs the package at `source` (built) with `npm pack` into `destination`; the tarball's path. */
export function packInto(destination: string, source = PROJECT_ROOT): string {
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: source, encoding: 'utf8' });
  return join(destination, packed.trim().split('\n').at(-1) ?? '');
}

/** Runs the installed command `file` from `cwd` with only `env`, as a user's shell would start it. */
export function runInstalled(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, timeout: 60_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}
