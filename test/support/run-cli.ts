import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './engines.js';
import { scratchDir } from './scratch.js';

/** The shipped CLI: the bundle that `bin` points at. */
export const CLI = join(PROJECT_ROOT, 'dist/bundle/stowage.js');

/**
 * A command prefix that runs the CLI on this machine as if it had no engine sockets of its own:
 * in a mount namespace whose /run (and so /var/run) is an empty tmpfs, so Docker's and Podman's
 * sockets there, if this machine runs either, are not found. Needs root, as the suite does.
 */
export const WITHOUT_MACHINE_SOCKETS = [
  'unshare', '--mount', '--propagation', 'private', '--',
  'sh', '-c', 'mount -t tmpfs stowage-test-run /run && exec "$0" "$@"', process.execPath,
];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI with only the environment given: HOME points at an empty folder, so the
 * machine's own docker config and DOCKER_* variables never leak in.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, command: string[] = [process.execPath]): Promise<CliResult> {
  const home = scratchDir('stw-home-');
  const [file, ...prefix] = command;
  return new Promise((resolve) => {
    execFile(
      file as string,
      [...prefix, CLI, ...args],
      { env: { PATH: process.env.PATH, HOME: home, ...env }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        rmSync(home, { recursive: true, force: true });
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
